CREATE TABLE sq_t (a int, b int, c text);
CREATE TABLE sq_u (a int, d int);
INSERT INTO sq_t VALUES (1, 10, 'one'), (2, 20, 'two'), (3, 30, 'three'), (NULL, 40, 'null'), (5, NULL, 'five');
INSERT INTO sq_u VALUES (1, 100), (1, 101), (3, 300), (NULL, 400), (6, 600);
ANALYZE sq_t;
ANALYZE sq_u;
-- EXISTS becomes a semi join, NOT EXISTS an anti join
EXPLAIN (COSTS OFF) SELECT * FROM sq_t t WHERE EXISTS (SELECT 1 FROM sq_u u WHERE u.a = t.a);
SELECT * FROM sq_t t WHERE EXISTS (SELECT 1 FROM sq_u u WHERE u.a = t.a) ORDER BY a;
EXPLAIN (COSTS OFF) SELECT * FROM sq_t t WHERE NOT EXISTS (SELECT 1 FROM sq_u u WHERE u.a = t.a);
SELECT * FROM sq_t t WHERE NOT EXISTS (SELECT 1 FROM sq_u u WHERE u.a = t.a) ORDER BY a;
-- IN and = ANY become a semi join; NULLs never match
EXPLAIN (COSTS OFF) SELECT * FROM sq_t t WHERE t.a IN (SELECT a FROM sq_u);
SELECT * FROM sq_t t WHERE t.a IN (SELECT a FROM sq_u) ORDER BY a;
SELECT * FROM sq_t t WHERE t.a = ANY (SELECT a FROM sq_u WHERE d > 150) ORDER BY a;
-- NOT IN stays a hashed SubPlan with its NULL semantics
EXPLAIN (COSTS OFF) SELECT * FROM sq_t t WHERE t.a NOT IN (SELECT a FROM sq_u);
SELECT * FROM sq_t t WHERE t.a NOT IN (SELECT a FROM sq_u) ORDER BY a;
SELECT * FROM sq_t t WHERE t.a NOT IN (SELECT a FROM sq_u WHERE a IS NOT NULL) ORDER BY a;
-- correlated conditions that are not equalities stay join filters
EXPLAIN (COSTS OFF) SELECT * FROM sq_t t WHERE EXISTS (SELECT 1 FROM sq_u u WHERE u.a = t.a AND u.d > t.b * 10);
SELECT * FROM sq_t t WHERE EXISTS (SELECT 1 FROM sq_u u WHERE u.a = t.a AND u.d > t.b * 10) ORDER BY a;
SELECT * FROM sq_t t WHERE EXISTS (SELECT 1 FROM sq_u u WHERE u.d < t.b * 20) ORDER BY a;
-- the subquery's own conditions stay in it; several sublinks in one WHERE
SELECT t.c FROM sq_t t WHERE t.b > 5 AND EXISTS (SELECT 1 FROM sq_u u WHERE u.a = t.a AND u.d > 100)
  AND NOT EXISTS (SELECT 1 FROM sq_u u2 WHERE u2.d = t.b * 10) ORDER BY 1;
-- nested EXISTS: each level becomes a join
EXPLAIN (COSTS OFF) SELECT * FROM sq_t t WHERE EXISTS (SELECT 1 FROM sq_u u WHERE u.a = t.a
  AND EXISTS (SELECT 1 FROM sq_t t2 WHERE t2.b * 10 = u.d));
SELECT * FROM sq_t t WHERE EXISTS (SELECT 1 FROM sq_u u WHERE u.a = t.a
  AND EXISTS (SELECT 1 FROM sq_t t2 WHERE t2.b * 10 = u.d)) ORDER BY a;
-- uncorrelated EXISTS stays an InitPlan; an aggregating subquery stays a SubPlan
SELECT * FROM sq_t t WHERE EXISTS (SELECT 1 FROM sq_u u WHERE u.d > 500) ORDER BY a;
SELECT * FROM sq_t t WHERE EXISTS (SELECT 1 FROM sq_u u WHERE u.a = t.a GROUP BY u.a HAVING count(*) > 1);
-- EXISTS in a join and with aggregation above
SELECT count(*), sum(t.b) FROM sq_t t JOIN sq_u u ON u.a = t.a WHERE EXISTS (SELECT 1 FROM sq_u u3 WHERE u3.d = u.d + 200);
SELECT t.a, count(*) FROM sq_t t LEFT JOIN sq_u u ON u.a = t.a WHERE NOT EXISTS (SELECT 1 FROM sq_u x WHERE x.a = t.a AND x.d > 200) GROUP BY t.a ORDER BY 1;
-- IN over a subquery that is not flattened, IN in the select list (hashed), and NULL tests
SELECT * FROM sq_t t WHERE t.a IN (SELECT max(a) FROM sq_u GROUP BY d > 200) ORDER BY a;
SELECT a, a IN (SELECT a FROM sq_u) AS in_u, a NOT IN (SELECT a FROM sq_u WHERE a IS NOT NULL) AS not_in FROM sq_t ORDER BY a;
EXPLAIN (COSTS OFF) SELECT a, a IN (SELECT a FROM sq_u) FROM sq_t;
SELECT count(*) FROM sq_t WHERE a NOT IN (SELECT a FROM sq_u WHERE false);
SELECT count(*) FROM sq_t WHERE NOT EXISTS (SELECT 1 FROM sq_u WHERE sq_u.a = sq_t.a OR sq_u.a IS NULL);
-- an EXISTS in a subquery reading the outermost query stays a SubPlan
SELECT t.a FROM sq_t t WHERE EXISTS (SELECT 1 FROM sq_u u WHERE u.a = t.a AND EXISTS (SELECT 1 FROM sq_u v WHERE v.d = u.d AND v.a = t.a)) ORDER BY 1;
-- EXISTS with LIMIT, ORDER BY and DISTINCT (dropped, as PostgreSQL does)
EXPLAIN (COSTS OFF) SELECT * FROM sq_t t WHERE EXISTS (SELECT DISTINCT u.d FROM sq_u u WHERE u.a = t.a ORDER BY u.d LIMIT 1);
SELECT * FROM sq_t t WHERE EXISTS (SELECT DISTINCT u.d FROM sq_u u WHERE u.a = t.a ORDER BY u.d LIMIT 1) ORDER BY a;
SELECT * FROM sq_t t WHERE EXISTS (SELECT 1 FROM sq_u u WHERE u.a = t.a LIMIT 0) ORDER BY a;
DROP TABLE sq_t, sq_u;
