-- A report's values as one object (indicator → value), written by the same statement as its report_value rows.
-- Readers that need every value of many reports — a commune's dashboard, its villages' figures — take them with
-- the report row instead of an index descent and a heap page of report_value per report (national data: three
-- quarters of the pages a commune's dashboard read). report_value stays the table the roll-ups are computed from.
ALTER TABLE report ADD COLUMN figures jsonb;
UPDATE report r SET figures = v.f
FROM (SELECT report_id, jsonb_object_agg(indicator, value) AS f FROM report_value GROUP BY report_id) AS v
WHERE v.report_id = r.id;
