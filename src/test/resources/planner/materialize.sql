-- A nested loop keeps its inner side in a Materialize node when that is cheaper than running
-- it again for each outer row (match_unsorted_outer, cost_material, cost_rescan); the plan and
-- so the order of the rows are PostgreSQL's.
CREATE TABLE mt_a (i int, j int, t text);
CREATE TABLE mt_b (i int, k int);
INSERT INTO mt_a VALUES (1, 4, 'one'), (2, 3, 'two'), (3, 2, 'three'), (NULL, 0, 'null');
INSERT INTO mt_b VALUES (1, -1), (2, 2), (5, -5), (NULL, NULL);
EXPLAIN SELECT * FROM mt_a CROSS JOIN mt_b;
SELECT * FROM mt_a CROSS JOIN mt_b;
EXPLAIN (COSTS OFF) SELECT * FROM mt_a a JOIN mt_b b ON a.i < b.i;
SELECT * FROM mt_a a JOIN mt_b b ON a.i < b.i;
EXPLAIN (COSTS OFF) SELECT * FROM mt_a a LEFT JOIN mt_b b ON a.i > b.k;
SELECT * FROM mt_a a LEFT JOIN mt_b b ON a.i > b.k;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM mt_a CROSS JOIN mt_b;
-- the rows each qual rejected, per loop
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM mt_a a JOIN mt_b b ON a.i < b.i WHERE b.i > 1;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM mt_a a JOIN mt_b b ON a.i = b.i WHERE a.t <> 'two';
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT count(*) FROM mt_a HAVING count(*) > 10;
-- an inner side that keeps its result already gets no Materialize above it
EXPLAIN (COSTS OFF) SELECT * FROM mt_a, generate_series(1, 3) g;
SELECT * FROM mt_a, generate_series(1, 3) g WHERE g < 2;
SET enable_material = off;
EXPLAIN (COSTS OFF) SELECT * FROM mt_a CROSS JOIN mt_b;
SELECT * FROM mt_a CROSS JOIN mt_b;
RESET enable_material;
ANALYZE mt_a;
ANALYZE mt_b;
EXPLAIN SELECT * FROM mt_a CROSS JOIN mt_b;
SELECT * FROM mt_a CROSS JOIN mt_b;
DROP TABLE mt_a, mt_b;
