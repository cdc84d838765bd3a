-- Villages have no roll-up rows (nothing lies beneath a village, and it sends at most six reports a week): their
-- figures are read from the raw reports counted under them, found by the fourth id of rollup_unit_ids (Central,
-- province, commune, village), which is NULL for reports of provinces and communes.
CREATE INDEX report_village_week_idx ON report ((rollup_unit_ids[4]), week);
