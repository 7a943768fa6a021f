-- hash partitioning: PARTITION BY HASH with FOR VALUES WITH (MODULUS m, REMAINDER r), the bound
-- checks, rows routed to the partition PostgreSQL puts them in, pruning, satisfies_hash_partition
CREATE TABLE hp (id int, note text) PARTITION BY HASH (id);
CREATE TABLE hp0 PARTITION OF hp FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE hp1 PARTITION OF hp FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE hp2 PARTITION OF hp FOR VALUES WITH (modulus 4, remainder 2);
CREATE TABLE hp_bad PARTITION OF hp FOR VALUES WITH (MODULUS 3, REMAINDER 2);
CREATE TABLE hp_bad PARTITION OF hp FOR VALUES WITH (MODULUS 8, REMAINDER 2);
CREATE TABLE hp_bad PARTITION OF hp FOR VALUES WITH (MODULUS 0, REMAINDER 0);
CREATE TABLE hp_bad PARTITION OF hp FOR VALUES WITH (MODULUS 4, REMAINDER 4);
CREATE TABLE hp_bad PARTITION OF hp FOR VALUES WITH (MODULUS 4);
CREATE TABLE hp_bad PARTITION OF hp FOR VALUES WITH (MODULUS 4, REMAINDER 1, MODULUS 2);
CREATE TABLE hp_bad PARTITION OF hp DEFAULT;
CREATE TABLE hp_bad PARTITION OF hp FOR VALUES IN (1);
CREATE TABLE hp_bad PARTITION OF hp FOR VALUES FROM (1) TO (2);
CREATE TABLE hp3 PARTITION OF hp FOR VALUES WITH (MODULUS 8, REMAINDER 3);
CREATE TABLE hp7 PARTITION OF hp FOR VALUES WITH (MODULUS 8, REMAINDER 7);
CREATE TABLE hp_bad PARTITION OF hp FOR VALUES WITH (MODULUS 16, REMAINDER 5);
CREATE TABLE hp_bad PARTITION OF hp FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE TABLE hp_pt (p point) PARTITION BY HASH (p);
INSERT INTO hp SELECT g, 'n' || g FROM generate_series(1, 40) g;
INSERT INTO hp VALUES (NULL, 'null key');
SELECT 'hp0' AS part, string_agg(coalesce(id::text, 'null'), ',' ORDER BY id) FROM hp0
UNION ALL SELECT 'hp1', string_agg(id::text, ',' ORDER BY id) FROM hp1
UNION ALL SELECT 'hp2', string_agg(id::text, ',' ORDER BY id) FROM hp2
UNION ALL SELECT 'hp3', string_agg(id::text, ',' ORDER BY id) FROM hp3
UNION ALL SELECT 'hp7', string_agg(id::text, ',' ORDER BY id) FROM hp7;
SELECT count(*) FROM hp;
EXPLAIN (COSTS OFF) SELECT * FROM hp WHERE id = 5;
EXPLAIN (COSTS OFF) SELECT * FROM hp WHERE id IS NULL;
EXPLAIN (COSTS OFF) SELECT * FROM hp WHERE id = 5 OR id = 6;
EXPLAIN (COSTS OFF) SELECT * FROM hp WHERE id < 3;
EXPLAIN (COSTS OFF) SELECT * FROM hp;
SELECT * FROM hp WHERE id = 17;
SELECT pg_get_partkeydef('hp'::regclass), pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = 'hp3';
SELECT partstrat, partnatts, partattrs FROM pg_partitioned_table WHERE partrelid = 'hp'::regclass;
\d+ hp
-- moving a row between hash partitions, and the partition constraint of a hash partition
UPDATE hp SET id = 101 WHERE id = 1 RETURNING id, note;
SELECT id FROM hp0 WHERE id > 100 UNION ALL SELECT id FROM hp1 WHERE id > 100 UNION ALL SELECT id FROM hp2 WHERE id > 100;
INSERT INTO hp2 VALUES (1, 'wrong partition');
DELETE FROM hp WHERE id IN (2, 3) RETURNING id;
-- satisfies_hash_partition
SELECT satisfies_hash_partition('hp'::regclass, 4, 1, 5), satisfies_hash_partition('hp'::regclass, 4, 0, 5);
SELECT satisfies_hash_partition('hp'::regclass, 4, 0, NULL::int), satisfies_hash_partition(NULL, 4, 0, 5);
SELECT satisfies_hash_partition('hp'::regclass, 4, 0, 1, 2);
SELECT satisfies_hash_partition('hp'::regclass, 4, 0, 5::bigint);
SELECT satisfies_hash_partition('hp'::regclass, 0, 0, 5);
SELECT satisfies_hash_partition('hp'::regclass, 4, -1, 5);
SELECT satisfies_hash_partition('hp'::regclass, 4, 4, 5);
SELECT satisfies_hash_partition('pg_class'::regclass, 4, 0, 5);
SELECT count(*) FROM hp1 WHERE NOT satisfies_hash_partition('hp'::regclass, 4, 1, id);
-- a key of several columns and of other types
CREATE TABLE hk (a text, b int, c numeric) PARTITION BY HASH (a, b);
CREATE TABLE hk0 PARTITION OF hk FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE hk1 PARTITION OF hk FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE hk2 PARTITION OF hk FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO hk SELECT 'k' || g, g % 7, g FROM generate_series(1, 30) g;
INSERT INTO hk VALUES (NULL, 3, 1), ('x', NULL, 1), (NULL, NULL, 1);
SELECT 'hk0' AS part, string_agg(coalesce(a, '~') || '/' || coalesce(b::text, '~'), ',' ORDER BY a, b) FROM hk0
UNION ALL SELECT 'hk1', string_agg(coalesce(a, '~') || '/' || coalesce(b::text, '~'), ',' ORDER BY a, b) FROM hk1
UNION ALL SELECT 'hk2', string_agg(coalesce(a, '~') || '/' || coalesce(b::text, '~'), ',' ORDER BY a, b) FROM hk2;
EXPLAIN (COSTS OFF) SELECT * FROM hk WHERE a = 'k3' AND b = 3;
EXPLAIN (COSTS OFF) SELECT * FROM hk WHERE a = 'k3';
SELECT satisfies_hash_partition('hk'::regclass, 3, 2, 'k3'::text, 3);
CREATE TABLE ht (d date, ts timestamp, u uuid, f float8, b bool, v varchar, n bigint, m numeric)
    PARTITION BY HASH (d, ts, u, f, b, v, n, m);
CREATE TABLE ht0 PARTITION OF ht FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE ht1 PARTITION OF ht FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE ht2 PARTITION OF ht FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO ht SELECT date '2024-01-01' + g, timestamp '2024-01-01 10:00' + g * interval '1 hour',
    ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a' || lpad(g::text, 2, '0'))::uuid, g / 3.0, g % 2 = 0, 'v' || g,
    g * 1000000000::bigint, g * 1.25 FROM generate_series(1, 15) g;
SELECT 'ht0' AS part, string_agg(n::text, ',' ORDER BY n) FROM ht0
UNION ALL SELECT 'ht1', string_agg(n::text, ',' ORDER BY n) FROM ht1
UNION ALL SELECT 'ht2', string_agg(n::text, ',' ORDER BY n) FROM ht2;
-- ATTACH and DETACH of a hash partition
CREATE TABLE hp_more (id int, note text);
INSERT INTO hp_more VALUES (4);
ALTER TABLE hp ATTACH PARTITION hp_more FOR VALUES WITH (MODULUS 8, REMAINDER 3);
ALTER TABLE hp DETACH PARTITION hp3;
ALTER TABLE hp ATTACH PARTITION hp_more FOR VALUES WITH (MODULUS 8, REMAINDER 3);
DELETE FROM hp_more;
ALTER TABLE hp ATTACH PARTITION hp_more FOR VALUES WITH (MODULUS 8, REMAINDER 3);
INSERT INTO hp VALUES (4, 'back');
SELECT * FROM hp_more;
-- the partition constraints psql's \d+ shows (the parent's OID replaced, it differs between servers)
CREATE TABLE pc (a text, b int, v varchar) PARTITION BY LIST (a);
CREATE TABLE pc_xy PARTITION OF pc FOR VALUES IN ('x', 'y');
CREATE TABLE pc_z PARTITION OF pc FOR VALUES IN ('z', NULL);
CREATE TABLE pc_w PARTITION OF pc FOR VALUES IN ('w') PARTITION BY RANGE (b);
CREATE TABLE pc_w_low PARTITION OF pc_w FOR VALUES FROM (MINVALUE) TO (-5);
CREATE TABLE pc_w_mid PARTITION OF pc_w FOR VALUES FROM (-5) TO (10);
CREATE TABLE pc_w_high PARTITION OF pc_w FOR VALUES FROM (10) TO (MAXVALUE);
CREATE TABLE pc_h PARTITION OF pc FOR VALUES IN ('h') PARTITION BY HASH (b, v);
CREATE TABLE pc_h0 PARTITION OF pc_h FOR VALUES WITH (MODULUS 2, REMAINDER 0) PARTITION BY LIST (v);
CREATE TABLE pc_h0_a PARTITION OF pc_h0 FOR VALUES IN ('a', 'b');
SELECT c.relname, replace(pg_get_partition_constraintdef(c.oid), 'pc_h'::regclass::oid::text, 'OID')
FROM pg_class c WHERE c.relname LIKE 'pc\_%' ORDER BY 1;
SELECT relname, replace(pg_get_partition_constraintdef(oid), 'hp'::regclass::oid::text, 'OID') FROM pg_class
WHERE relname IN ('hp0', 'hp7') ORDER BY 1;
\d+ pc_w_mid
-- tableoid read through the parent names each row's partition
SELECT tableoid::regclass, count(*) FROM hp GROUP BY 1 ORDER BY 1;
SELECT tableoid::regclass, * FROM hk WHERE a = 'k3' AND b = 3;
