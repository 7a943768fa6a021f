-- partition keys that are expressions: routing, ATTACH checks, UPDATE row movement, the catalog,
-- pg_get_partkeydef and \d, and the errors of keys PostgreSQL refuses
CREATE TABLE pe (a int, b text, c varchar(10)) PARTITION BY RANGE ((a + 1), lower(b));
SELECT pg_get_partkeydef('pe'::regclass), partattrs, partexprs IS NOT NULL AS has_exprs FROM pg_partitioned_table WHERE partrelid = 'pe'::regclass;
CREATE TABLE pe1 PARTITION OF pe FOR VALUES FROM (1, 'a') TO (10, 'z');
CREATE TABLE pe2 PARTITION OF pe FOR VALUES FROM (10, 'z') TO (MAXVALUE, MAXVALUE);
\d+ pe
INSERT INTO pe VALUES (1, 'A'), (9, 'Q'), (20, 'B');
INSERT INTO pe VALUES (100, '~');
INSERT INTO pe VALUES (-5, 'x');
SELECT tableoid::regclass, * FROM pe ORDER BY a;
UPDATE pe SET a = a + 10 WHERE a = 1;
SELECT tableoid::regclass, * FROM pe ORDER BY a;
INSERT INTO pe1 VALUES (50, 'b');
SELECT * FROM pe WHERE a + 1 = 10 ORDER BY a;
CREATE TABLE pe3 (a int, b text, c varchar(10));
INSERT INTO pe3 VALUES (-2, 'k');
ALTER TABLE pe ATTACH PARTITION pe3 FOR VALUES FROM (MINVALUE, MINVALUE) TO (-5, 'z');
DELETE FROM pe3;
INSERT INTO pe3 VALUES (-1, 'K');
ALTER TABLE pe ATTACH PARTITION pe3 FOR VALUES FROM (MINVALUE, MINVALUE) TO (1, 'a');
SELECT tableoid::regclass, * FROM pe ORDER BY a;
CREATE TABLE pel (a int, b text) PARTITION BY LIST (upper(b));
CREATE TABLE pel_ab PARTITION OF pel FOR VALUES IN ('A', 'B');
CREATE TABLE pel_null PARTITION OF pel FOR VALUES IN (NULL);
CREATE TABLE pel_def PARTITION OF pel DEFAULT;
INSERT INTO pel VALUES (1, 'a'), (2, 'B'), (3, NULL), (4, 'c');
SELECT tableoid::regclass, * FROM pel ORDER BY a;
\d pel
CREATE TABLE peh (a int, b text) PARTITION BY HASH ((a * 2), length(b));
CREATE TABLE peh0 PARTITION OF peh FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE peh1 PARTITION OF peh FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO peh SELECT g, repeat('x', g) FROM generate_series(1, 8) g;
SELECT tableoid::regclass, a FROM peh ORDER BY a;
CREATE TABLE pep (a int) PARTITION BY RANGE ((a));
SELECT pg_get_partkeydef('pep'::regclass);
CREATE TABLE bad (a int) PARTITION BY RANGE ((1));
CREATE TABLE bad (a int) PARTITION BY RANGE ((1 + 2));
CREATE TABLE bad (a int) PARTITION BY RANGE (sum(a));
CREATE TABLE bad (a int) PARTITION BY RANGE ((generate_series(1, a)));
CREATE TABLE bad (a int) PARTITION BY RANGE ((random()::int + a));
CREATE TABLE bad (a int) PARTITION BY RANGE (((SELECT 1) + a));
CREATE TABLE bad (a int) PARTITION BY RANGE (xmin);
CREATE TABLE bad (a int) PARTITION BY RANGE ((xmin::text::int));
CREATE TABLE bad (a int) PARTITION BY RANGE ((a + z));
CREATE TABLE bad (a int) PARTITION BY LIST ((a + 1), (a + 2));
CREATE TABLE bad (a int) PARTITION BY HASH ((point(a, a)));
CREATE TABLE bad (a int, b int) PARTITION BY RANGE (a, ('unknown'));
CREATE TABLE bad (a int, b int) PARTITION BY RANGE (((a, b)));
ALTER TABLE pe DROP COLUMN b;
ALTER TABLE pe ALTER COLUMN a TYPE bigint;
ALTER TABLE pe DROP COLUMN c;
ALTER TABLE pep DROP COLUMN a;
ALTER TABLE pel ALTER COLUMN b TYPE varchar;
\d pe
DROP TABLE pe, pel, peh, pep;
