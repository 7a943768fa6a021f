-- row-wise comparisons with PostgreSQL's null semantics
SELECT (1, 2) = (1, 2) AS eq, (1, 2) <> (1, 3) AS ne, (1, NULL) = (1, 2) AS eq_null, (1, NULL) = (2, 2) AS eq_false;
SELECT (1, 2) < (1, 3) AS lt, (1, 2) <= (1, 2) AS le, (2, 1) > (1, 9) AS gt, (1, 2) >= (1, 3) AS ge;
SELECT (1, NULL, 3) < (1, 2, 1) AS a, (2, NULL) < (1, 5) AS b, (NULL, 1) < (1, 2) AS c, (1, 'a') <= (1, 'b') AS d;
SELECT (1, 2) IS DISTINCT FROM (1, NULL) AS d1, (NULL, 2) IS NOT DISTINCT FROM (NULL, 2) AS d2;
SELECT ROW(1, NULL) IS NULL AS n1, ROW(NULL, NULL) IS NULL AS n2, ROW(1, 2) IS NOT NULL AS n3, ROW(1, NULL) IS NOT NULL AS n4;
SELECT (1, 2) IN ((1, 2), (3, 4)) AS in1, (1, 2) NOT IN ((1, 3), (3, 4)) AS in2, (1, NULL) IN ((1, 2)) AS in3, (1, NULL) NOT IN ((2, 2)) AS in4;
CREATE TABLE rc (a int, b int);
INSERT INTO rc VALUES (1, 1), (1, 2), (2, 1), (NULL, 1), (2, NULL);
SELECT * FROM rc WHERE (a, b) > (1, 1) ORDER BY a, b;
SELECT * FROM rc WHERE (a, b) <= (1, 2) ORDER BY a, b;
SELECT * FROM rc WHERE (a, b) IN (SELECT b, a FROM rc) ORDER BY a, b;
SELECT * FROM rc WHERE (a, b) NOT IN (SELECT 1, 1) ORDER BY a, b;
SELECT * FROM rc r WHERE (a, b) = (SELECT r.b, r.a) ORDER BY a, b;
SELECT (1, 2) IN (SELECT a, b FROM rc) AS found, (3, 3) IN (SELECT a, b FROM rc) AS missing, (3, 3) NOT IN (SELECT a, b FROM rc WHERE a = 1) AS absent;
SELECT ROW(1, 2) = ANY (SELECT a, b FROM rc) AS any_eq, ROW(0, 0) < ALL (SELECT a, b FROM rc WHERE a IS NOT NULL AND b IS NOT NULL) AS all_lt;
SELECT (1, 2) = (SELECT 1, 2) AS s1, (1, 2) < (SELECT 1, 3) AS s2, (1, 2) = (SELECT 1, 2 WHERE false) AS s3;
-- errors
SELECT (1, 2) = (SELECT a, b FROM rc);
SELECT (1, 2, 3) = (1, 2);
SELECT (1, 2) IN ((1, 2, 3));
SELECT (1, 2) IN (SELECT 1);
SELECT (1, 2) IN (SELECT 1, 2, 3);
SELECT (1, 2) + (3, 4);
SELECT (1, 2) ~~ ('a', 'b');
DROP TABLE rc;
