-- Parallel query with PostgreSQL's regress settings (select_parallel.sql): no setup or tuple
-- cost and no minimum table size, so a small table gets the plans a big one gets by default.
CREATE TABLE par_t (id int, grp int, val int, note text);
INSERT INTO par_t SELECT i, i % 10, i % 1000, 'n' || i FROM generate_series(1, 20000) i;
ANALYZE par_t;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
EXPLAIN (COSTS OFF) SELECT count(*) FROM par_t;
SELECT count(*) FROM par_t;
EXPLAIN (COSTS OFF) SELECT count(*), sum(val), avg(val), min(note), max(id) FROM par_t;
SELECT count(*), sum(val), avg(val), min(note), max(id) FROM par_t;
SELECT count(*), sum(val), avg(val) FROM par_t WHERE grp = 3;
SELECT sum(val::float8), avg(val::float8), sum(id::int8), avg(id::numeric), bool_and(val >= 0), bit_or(grp) FROM par_t;
SELECT count(*), sum(val) FROM par_t WHERE val > 5000;
SELECT grp, count(*), sum(val), avg(val), min(id), max(note) FROM par_t GROUP BY grp ORDER BY grp;
SELECT grp, count(*) FROM par_t GROUP BY grp HAVING sum(val) > 4995000 ORDER BY grp;
EXPLAIN (COSTS OFF) SELECT id, note FROM par_t WHERE val = 7;
SELECT id, note FROM par_t WHERE val = 7 ORDER BY id;
-- the same answers from serial plans
SET max_parallel_workers_per_gather = 0;
EXPLAIN (COSTS OFF) SELECT count(*) FROM par_t;
SELECT count(*), sum(val), avg(val), min(note), max(id) FROM par_t;
SELECT grp, count(*), sum(val), avg(val), min(id), max(note) FROM par_t GROUP BY grp ORDER BY grp;
RESET max_parallel_workers_per_gather;
-- parallel restricted or unsafe work keeps the plan serial
EXPLAIN (COSTS OFF) SELECT count(*) FROM par_t WHERE val > random();
EXPLAIN (COSTS OFF) SELECT array_agg(id) FROM par_t WHERE id < 3;
EXPLAIN (COSTS OFF) SELECT count(DISTINCT grp) FROM par_t;
CREATE FUNCTION par_f(int) RETURNS int LANGUAGE plpgsql AS 'BEGIN RETURN $1 + 1; END';
EXPLAIN (COSTS OFF) SELECT count(*) FROM par_t WHERE par_f(val) = 8;
BEGIN ISOLATION LEVEL SERIALIZABLE;
EXPLAIN (COSTS OFF) SELECT count(*) FROM par_t;
COMMIT;
CREATE TABLE par_copy (id int, grp int, val int, note text);
EXPLAIN (COSTS OFF) INSERT INTO par_copy SELECT * FROM par_t WHERE val = 1;
CREATE TEMP TABLE par_temp AS SELECT * FROM par_t;
ANALYZE par_temp;
EXPLAIN (COSTS OFF) SELECT count(*) FROM par_temp;
BEGIN;
DECLARE par_cursor CURSOR FOR SELECT count(*) FROM par_t;
FETCH par_cursor;
COMMIT;
-- a worker's error is the query's, with the worker as its context
SET parallel_leader_participation = off;
SELECT count(*) FROM par_t WHERE 1 / (val - 999) > 0;
SELECT count(*) FROM par_t;
RESET parallel_leader_participation;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT count(*) FROM par_t;
DROP FUNCTION par_f(int);
DROP TABLE par_t, par_copy, par_temp;
