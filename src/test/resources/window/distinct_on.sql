-- DISTINCT ON as PostgreSQL 15 answers it: first row per group in ORDER BY order, the 42P10 rule
CREATE TABLE dt (a int, b int, c text);
INSERT INTO dt VALUES (1, 1, 'x'), (1, 2, 'y'), (2, 5, 'z'), (2, 3, 'w'), (NULL, 1, 'n'), (NULL, 2, 'm'), (3, NULL, 'q');
SELECT DISTINCT ON (a) a, b, c FROM dt ORDER BY a, b;
SELECT DISTINCT ON (a) a, b, c FROM dt ORDER BY a, b DESC;
SELECT DISTINCT ON (a) a, b, c FROM dt ORDER BY a DESC NULLS LAST, b;
SELECT DISTINCT ON (1) a, b FROM dt ORDER BY 1, 2;
SELECT DISTINCT ON (a, b) a, b FROM dt ORDER BY a, b;
SELECT DISTINCT ON (b, a) a, b FROM dt ORDER BY a, b;
SELECT DISTINCT ON (a % 2) a, b FROM dt ORDER BY a % 2, b;
SELECT DISTINCT ON (c) c FROM dt ORDER BY c LIMIT 3;
SELECT DISTINCT ON (a) a, b FROM dt ORDER BY b, a;
SELECT DISTINCT ON (a, b) a, b FROM dt ORDER BY a, c;
SELECT DISTINCT ON (5) a FROM dt;
SELECT DISTINCT ON (a) b FROM dt ORDER BY a, b;
EXPLAIN (COSTS OFF) SELECT DISTINCT ON (a) a, b FROM dt ORDER BY a, b;
SELECT DISTINCT ON (a) a, row_number() OVER (ORDER BY b, c) FROM dt ORDER BY a, 2;
DROP TABLE dt;
