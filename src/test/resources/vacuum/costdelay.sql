-- cost-based vacuum delay settings and what a session sees of itself in the activity views
SELECT name, setting, unit, vartype, min_val, max_val, context, category, short_desc
  FROM pg_settings WHERE name LIKE 'vacuum_cost%' ORDER BY name;
SHOW vacuum_cost_delay;
SET vacuum_cost_delay = '20ms';
SHOW vacuum_cost_delay;
SET vacuum_cost_delay = 5;
SHOW vacuum_cost_delay;
SET vacuum_cost_delay = '2500us';
SHOW vacuum_cost_delay;
SET vacuum_cost_delay = '1s';
SET vacuum_cost_delay = '3 fortnights';
SET vacuum_cost_delay = -1;
SET vacuum_cost_limit = 0;
SET vacuum_cost_limit = 1;
SHOW vacuum_cost_limit;
SET vacuum_cost_page_dirty = 10001;
CREATE TABLE costdelay_t (id int, pad text) WITH (autovacuum_enabled = off);
INSERT INTO costdelay_t SELECT i, repeat('x', 100) FROM generate_series(1, 100) i;
CREATE INDEX costdelay_t_id ON costdelay_t (id);
DELETE FROM costdelay_t WHERE id % 2 = 0;
SET vacuum_cost_delay = '1ms';
VACUUM costdelay_t;
SELECT count(*) FROM costdelay_t;
SELECT count(*) FROM pg_stat_progress_vacuum;
RESET vacuum_cost_delay;
RESET vacuum_cost_limit;
SHOW vacuum_cost_delay;
-- the leader of a parallel worker only; a client backend has none
SELECT leader_pid, backend_type, state FROM pg_stat_activity WHERE pid = pg_backend_pid();
DROP TABLE costdelay_t;
