-- Statistics never know the week that has just begun: until the next ANALYZE, `week = <this week>` is estimated at
-- one row, so with an index leading on week the planner answered "this organisation's report of this week" by
-- scanning every report of the week (tens of thousands by Monday noon) — one submission took 200 ms and the Monday
-- burst collapsed to 56/s. Without it, every lookup of a week goes through the organisation, unit or village first.
DROP INDEX IF EXISTS report_week_status_idx;
