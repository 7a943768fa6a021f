-- Index builds over integer keys (sorted as primitives): order, NULL placement, DESC, uniqueness
CREATE TABLE keys4 (k int, note text);
INSERT INTO keys4 SELECT (g * 7919) % 1000, 'n' || g FROM generate_series(1, 1000) g;
INSERT INTO keys4 VALUES (NULL, 'null one'), (NULL, 'null two'), (-2147483648, 'min'), (2147483647, 'max'), (5, 'dup');
CREATE UNIQUE INDEX keys4_k ON keys4 (k);
DELETE FROM keys4 WHERE note = 'dup';
CREATE UNIQUE INDEX keys4_k ON keys4 (k);
CREATE UNIQUE INDEX keys4_nnd ON keys4 (k) NULLS NOT DISTINCT;
CREATE INDEX keys4_desc ON keys4 (k DESC NULLS LAST);
SET enable_seqscan = off;
SET enable_bitmapscan = off;
SELECT k, note FROM keys4 WHERE k BETWEEN 5 AND 9 ORDER BY k;
SELECT k FROM keys4 WHERE k < -100 OR k > 995 ORDER BY k DESC;
SELECT count(*) FROM keys4 WHERE k >= 0;
SELECT note FROM keys4 WHERE k IS NULL ORDER BY note;
RESET enable_seqscan;
RESET enable_bitmapscan;
CREATE TABLE keys8 (k bigint, s smallint);
INSERT INTO keys8 VALUES (-9223372036854775808, -32768), (9223372036854775807, 32767), (0, 0), (0, 1), (42, NULL);
ALTER TABLE keys8 ADD PRIMARY KEY (k);
CREATE INDEX keys8_desc ON keys8 (k DESC);
CREATE UNIQUE INDEX keys8_s ON keys8 (s DESC NULLS FIRST);
SET enable_seqscan = off;
SET enable_bitmapscan = off;
SELECT k FROM keys8 WHERE k > -9223372036854775808 ORDER BY k DESC;
SELECT s FROM keys8 WHERE s < 5 ORDER BY s DESC;
RESET enable_seqscan;
RESET enable_bitmapscan;
CREATE TABLE pairs (a int, b int);
INSERT INTO pairs VALUES (1, 1), (1, 2), (2, 1);
CREATE UNIQUE INDEX pairs_ab ON pairs (a, b);
CREATE UNIQUE INDEX pairs_a ON pairs (a) INCLUDE (b);
-- A transaction that changed the catalogs reads them again only when they changed
BEGIN;
CREATE TABLE loaded (id int, name text);
TRUNCATE loaded;
COPY loaded FROM stdin;
1	one
2	two
\.
SELECT * FROM loaded ORDER BY id;
SAVEPOINT before_column;
ALTER TABLE loaded ADD COLUMN extra int DEFAULT 7;
SELECT * FROM loaded ORDER BY id;
ROLLBACK TO SAVEPOINT before_column;
SELECT * FROM loaded ORDER BY id;
INSERT INTO loaded VALUES (3, 'three');
ALTER TABLE loaded ADD PRIMARY KEY (id);
INSERT INTO loaded VALUES (3, 'again');
ROLLBACK;
BEGIN;
CREATE TABLE loaded (id int PRIMARY KEY, name text);
COPY loaded FROM stdin;
1	one
1	again
\.
ROLLBACK;
BEGIN;
CREATE TABLE loaded (id int PRIMARY KEY, name text);
TRUNCATE loaded;
COPY loaded FROM stdin;
1	one
2	two
\.
ALTER TABLE loaded RENAME COLUMN name TO label;
SELECT label FROM loaded ORDER BY id;
COMMIT;
SELECT * FROM loaded ORDER BY id;
DROP TABLE keys4, keys8, pairs, loaded;
