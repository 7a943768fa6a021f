-- a WITH query referenced more than once is computed once and shared; one referenced once is inlined
CREATE TABLE cs (a int, b int);
INSERT INTO cs SELECT g, g % 10 FROM generate_series(1, 100) g;
ANALYZE cs;
EXPLAIN (COSTS OFF) WITH x AS (SELECT * FROM cs WHERE b = 1) SELECT * FROM x x1, x x2 WHERE x1.a = x2.a;
EXPLAIN WITH x AS MATERIALIZED (SELECT * FROM cs WHERE b = 1) SELECT * FROM x;
EXPLAIN (COSTS OFF) SELECT (SELECT 1), * FROM cs c1 JOIN cs c2 USING (a);
EXPLAIN (COSTS OFF) SELECT * FROM cs WHERE a > (SELECT 1);
EXPLAIN SELECT (SELECT 1), * FROM cs;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
  WITH x AS (SELECT * FROM cs) SELECT x1.a FROM x x1, x x2 WHERE x1.a = x2.a AND x1.a < 5;
-- a volatile CTE is computed once whatever its references
WITH x AS MATERIALIZED (SELECT random() r) SELECT count(*) FROM x x1, x x2 WHERE x1.r = x2.r;
WITH x AS (SELECT random() r) SELECT (SELECT r FROM x) = (SELECT r FROM x);
WITH x AS (SELECT random() r) SELECT count(*) FROM x x1, x x2 WHERE x1.r = x2.r;
WITH x AS NOT MATERIALIZED (SELECT a FROM cs WHERE a < 4) SELECT count(*) FROM x x1 JOIN x x2 USING (a);
WITH x AS (SELECT a FROM cs ORDER BY a LIMIT 3) SELECT * FROM x x1 JOIN x x2 USING (a) ORDER BY 1;
-- the second reference reads rows the first has not asked for yet
WITH x AS (SELECT a FROM cs ORDER BY a) SELECT (SELECT a FROM x LIMIT 1), (SELECT max(a) FROM x);
-- a CTE reading the enclosing query's row is computed again for each row
SELECT a, (WITH y AS (SELECT c2.a + cs.a AS s FROM cs c2 WHERE c2.a < 3) SELECT sum(y1.s + y2.s) FROM y y1, y y2)
  FROM cs WHERE a < 4 ORDER BY 1;
WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3)
  SELECT * FROM r, LATERAL (WITH q AS (SELECT n * 10 AS m) SELECT q1.m, q2.m FROM q q1, q q2) l ORDER BY 1;
WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT * FROM r r1, r r2 WHERE r1.n = r2.n;
-- a CTE inside the recursive term sees each round's work table
WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL (WITH w AS (SELECT n + 1 AS m FROM r) SELECT w1.m FROM w w1, w w2 WHERE w1.m < 4))
  SELECT * FROM r ORDER BY 1;
WITH x AS (SELECT a FROM cs WHERE a < 3), y AS (SELECT * FROM x) SELECT * FROM y, x WHERE y.a = x.a ORDER BY 1;
-- a VALUES list costs a cpu_operator_cost and a cpu_tuple_cost per row (cost_valuesscan)
EXPLAIN SELECT * FROM (VALUES (1), (2), (3)) v(a);
EXPLAIN INSERT INTO cs VALUES (1, 1), (2, 2);
DROP TABLE cs;
