-- Inbox plans at 1,000,000 cases (EXPLAIN ANALYZE, README "Figures"):
-- a commune handler's scope is `unit_code =`, which no index served: every commune inbox was a parallel
-- sequential scan of the whole table (~600 ms). The overdue filter of a province walked its newest cases (not
-- yet overdue) through (province_code, received_at) — 259 ms — and its count read the heap; the open cases
-- alone, with their due date in the index, give the first page in 1 ms and count index-only. Status and
-- category together were a BitmapAnd with the deadline index (145 ms to count); one index serves both.
CREATE INDEX petition_unit_code_received_idx ON petition (unit_code, received_at DESC);
CREATE INDEX petition_province_open_idx ON petition (province_code, received_at DESC) INCLUDE (due_date)
  WHERE status IN ('forwarded', 'in_progress', 'reopened');
CREATE INDEX petition_province_status_category_idx ON petition (province_code, status, category, received_at DESC);
