-- ORDER BY, DISTINCT and FILTER inside aggregate calls as PostgreSQL 15 answers them
CREATE TABLE ag (g int, x int, s text);
INSERT INTO ag VALUES (1, 3, 'c'), (1, 1, 'a'), (1, 2, 'b'), (2, 5, 'e'), (2, 4, NULL), (2, 4, 'd'), (3, NULL, 'z');
SELECT g, string_agg(s, ',' ORDER BY s), string_agg(s, ',' ORDER BY x DESC, s), string_agg(s, '-' ORDER BY s DESC NULLS LAST) FROM ag GROUP BY g ORDER BY g;
SELECT string_agg(DISTINCT s, ',' ORDER BY s) FROM ag;
SELECT string_agg(DISTINCT s, ',' ORDER BY x) FROM ag;
SELECT count(*) FILTER (WHERE x > 2), sum(x) FILTER (WHERE s <> 'a'), count(DISTINCT x) FROM ag;
SELECT g, sum(x ORDER BY x), min(s ORDER BY s DESC) FROM ag GROUP BY g ORDER BY g;
SELECT string_agg(s, ',' ORDER BY sum(x)) FROM ag;
SELECT abs(x ORDER BY x) FROM ag;
DROP TABLE ag;
