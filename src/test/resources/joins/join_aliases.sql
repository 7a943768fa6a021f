-- Aliases on joins: (a JOIN b ...) AS x (names) hides the tables within, USING (...) AS j names
-- the merged columns; a FULL JOIN USING column is the first non-null of both sides.
CREATE TABLE ja1 (a int, b int);
CREATE TABLE ja2 (a int, c int);
CREATE TABLE ja3 (a bigint, d int);
INSERT INTO ja1 VALUES (1, 2), (2, 3);
INSERT INTO ja2 VALUES (1, 5), (3, 6);
INSERT INTO ja3 VALUES (3, 7), (4, 8);
SELECT a FROM ja1 FULL JOIN ja2 USING (a) ORDER BY 1;
SELECT * FROM ja1 FULL JOIN ja2 USING (a) ORDER BY a;
SELECT a, ja1.a, ja2.a, ja3.a FROM ja1 FULL JOIN ja2 USING (a) FULL JOIN ja3 USING (a) ORDER BY 1;
SELECT * FROM ja1 FULL JOIN ja2 USING (a) FULL JOIN ja3 USING (a) ORDER BY 1;
SELECT * FROM ja1 NATURAL FULL JOIN ja2 ORDER BY a;
SELECT * FROM ja1 RIGHT JOIN ja2 USING (a) ORDER BY a;
SELECT * FROM ja1 FULL JOIN ja2 USING (a) WHERE a = 3;
SELECT (SELECT a) FROM ja1 FULL JOIN ja2 USING (a) ORDER BY 1;
SELECT a, count(*) FROM ja1 FULL JOIN ja2 USING (a) GROUP BY a ORDER BY a;
-- an alias on a parenthesized join
SELECT * FROM (ja1 JOIN ja2 USING (a)) x;
SELECT x.*, x FROM (ja1 JOIN ja2 USING (a)) AS x;
SELECT * FROM (ja1 JOIN ja2 USING (a)) AS x (p, q, r) ORDER BY p;
SELECT p, x.q, r FROM (ja1 JOIN ja2 USING (a)) AS x (p, q, r);
SELECT a FROM (ja1 JOIN ja2 USING (a)) AS x (p, q, r);
SELECT ja1.b FROM (ja1 JOIN ja2 USING (a)) x;
SELECT * FROM (ja1 JOIN ja2 USING (a)) AS x (p, q, r, s);
SELECT count(*) FROM (ja1 CROSS JOIN ja2) AS x (q);
SELECT a FROM (ja1 JOIN ja2 ON true) AS x;
SELECT x.a FROM (ja1 JOIN ja2 ON ja1.a = ja2.a) AS x;
SELECT * FROM (ja1 FULL JOIN ja2 USING (a)) x WHERE x.a > 1 ORDER BY 1;
SELECT * FROM (ja1 FULL JOIN ja2 USING (a)) AS x FULL JOIN ja3 USING (a) ORDER BY 1;
SELECT * FROM (ja1 JOIN ja2 ON ja1.a = ja2.a) x JOIN (ja1 JOIN ja3 USING (a)) y ON x.b = y.b;
SELECT x.a, y.z FROM (ja1 JOIN ja2 USING (a)) x, LATERAL (SELECT x.a + 1 AS z) y;
SELECT * FROM ja1 WHERE EXISTS (SELECT 1 FROM (ja2 FULL JOIN ja3 USING (a)) s WHERE s.a = ja1.a + 2);
-- a USING alias names the merged columns only
SELECT j.a, ja1.a, ja2.a FROM ja1 FULL JOIN ja2 USING (a) AS j ORDER BY 1;
SELECT j.* FROM ja1 JOIN ja2 USING (a) AS j;
SELECT j FROM ja1 JOIN ja2 USING (a) AS j;
SELECT * FROM ja1 JOIN ja2 USING (a, a);
SELECT * FROM ja1 JOIN ja2 USING (zz);
-- views keep the aliases
CREATE VIEW ja_view AS SELECT x.a, x.b, ja3.d FROM (ja1 JOIN ja2 USING (a)) x JOIN ja3 USING (a);
SELECT * FROM ja_view;
SELECT pg_get_viewdef('ja_view');
DROP VIEW ja_view;
DROP TABLE ja1, ja2, ja3;
-- hypothetical-set aggregates: the rank a row would have among the group's rows
CREATE TABLE hs (g int, x int, y text);
INSERT INTO hs VALUES (1, 1, 'a'), (1, 2, 'b'), (1, 3, 'c'), (1, 3, 'd'), (1, 4, NULL), (2, NULL, 'e'), (2, 5, 'f');
SELECT rank(3) WITHIN GROUP (ORDER BY x), dense_rank(3) WITHIN GROUP (ORDER BY x),
       percent_rank(3) WITHIN GROUP (ORDER BY x), cume_dist(3) WITHIN GROUP (ORDER BY x) FROM hs;
SELECT g, rank(3) WITHIN GROUP (ORDER BY x DESC), rank(NULL) WITHIN GROUP (ORDER BY x),
       rank(NULL) WITHIN GROUP (ORDER BY x NULLS FIRST), cume_dist(NULL) WITHIN GROUP (ORDER BY x DESC)
FROM hs GROUP BY g ORDER BY g;
SELECT rank(3, 'c') WITHIN GROUP (ORDER BY x, y), rank(3, 'c') WITHIN GROUP (ORDER BY x, y DESC),
       dense_rank(3, NULL) WITHIN GROUP (ORDER BY x, y) FROM hs;
SELECT dense_rank(NULL::int) WITHIN GROUP (ORDER BY x NULLS FIRST), dense_rank(4) WITHIN GROUP (ORDER BY x) FROM hs;
SELECT g, rank(2) WITHIN GROUP (ORDER BY x) FILTER (WHERE y > 'a') FROM hs GROUP BY g ORDER BY g;
SELECT percent_rank(2) WITHIN GROUP (ORDER BY x), cume_dist(2) WITHIN GROUP (ORDER BY x) FROM hs WHERE false;
SELECT rank(1.5) WITHIN GROUP (ORDER BY x), pg_typeof(rank(1) WITHIN GROUP (ORDER BY x)),
       pg_typeof(cume_dist(1) WITHIN GROUP (ORDER BY x)) FROM hs;
SELECT rank(1, 2) WITHIN GROUP (ORDER BY x) FROM hs;
SELECT rank(DISTINCT 1) WITHIN GROUP (ORDER BY x) FROM hs;
SELECT rank('a') WITHIN GROUP (ORDER BY x) FROM hs;
SELECT rank(1) WITHIN GROUP (ORDER BY x) OVER () FROM hs;
DROP TABLE hs;
