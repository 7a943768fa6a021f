-- declarative partitioning: PARTITION BY RANGE and LIST, PARTITION OF with its bound checks,
-- tuple routing, sub-partitions, ATTACH/DETACH PARTITION, the catalog rows and \d
CREATE TABLE measurement (city_id int NOT NULL, logdate date NOT NULL, peaktemp int) PARTITION BY RANGE (logdate);
CREATE TABLE measurement_y2006 PARTITION OF measurement FOR VALUES FROM ('2006-01-01') TO ('2007-01-01');
CREATE TABLE measurement_y2007 PARTITION OF measurement FOR VALUES FROM ('2007-01-01') TO ('2008-01-01');
CREATE TABLE measurement_bad PARTITION OF measurement FOR VALUES FROM ('2006-06-01') TO ('2006-07-01');
CREATE TABLE measurement_empty PARTITION OF measurement FOR VALUES FROM ('2009-01-01') TO ('2008-01-01');
INSERT INTO measurement VALUES (1, '2006-02-01', 10), (2, '2007-03-04', 20);
INSERT INTO measurement VALUES (3, '2010-01-01', 30);
SELECT * FROM measurement ORDER BY city_id;
SELECT * FROM measurement_y2007;
CREATE TABLE measurement_rest PARTITION OF measurement DEFAULT;
INSERT INTO measurement VALUES (3, '2010-01-01', 30);
SELECT city_id FROM measurement_rest;
CREATE TABLE measurement_y2010 PARTITION OF measurement FOR VALUES FROM ('2010-01-01') TO ('2011-01-01');
CREATE TABLE measurement_y2011 PARTITION OF measurement FOR VALUES FROM ('2011-01-01') TO (MAXVALUE);
SELECT c.relname, c.relkind, c.relispartition, pg_get_expr(c.relpartbound, c.oid)
  FROM pg_class c WHERE c.relname LIKE 'measurement%' ORDER BY c.relname;
SELECT partstrat, partnatts, partattrs FROM pg_partitioned_table WHERE partrelid = 'measurement'::regclass;
SELECT pg_get_partkeydef('measurement'::regclass), pg_get_partkeydef('measurement_y2006'::regclass);
SELECT inhrelid::regclass, inhparent::regclass FROM pg_inherits WHERE inhparent = 'measurement'::regclass ORDER BY 1::text;
\d measurement
\d measurement_y2006
-- list partitions, NULL in a list, sub-partitioning
CREATE TABLE orders (id int, region text, amount numeric) PARTITION BY LIST (region);
CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('de', 'fr', NULL);
CREATE TABLE orders_us PARTITION OF orders FOR VALUES IN ('us') PARTITION BY RANGE (amount);
CREATE TABLE orders_us_small PARTITION OF orders_us FOR VALUES FROM (MINVALUE) TO (100);
CREATE TABLE orders_us_big PARTITION OF orders_us FOR VALUES FROM (100) TO (MAXVALUE);
CREATE TABLE orders_fr PARTITION OF orders FOR VALUES IN ('it', 'fr');
INSERT INTO orders VALUES (1, 'de', 5), (2, NULL, 6), (3, 'us', 50), (4, 'us', 500);
INSERT INTO orders VALUES (5, 'jp', 1);
SELECT * FROM orders ORDER BY id;
SELECT id FROM orders_us_big;
SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = 'orders_us_small';
\d orders
\d orders_us
-- bound values of other types, bad bounds
CREATE TABLE big (a bigint, b int) PARTITION BY RANGE (a, b);
CREATE TABLE big_1 PARTITION OF big FOR VALUES FROM (-5, 0) TO (10, 0);
CREATE TABLE big_2 PARTITION OF big FOR VALUES FROM (10) TO (20);
CREATE TABLE big_3 PARTITION OF big FOR VALUES IN (1);
SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = 'big_1';
CREATE TABLE bad (a int, b int) PARTITION BY LIST (a, b);
CREATE TABLE bad (a int) PARTITION BY RANGE (c);
CREATE TABLE notpart (a int);
CREATE TABLE notpart_1 PARTITION OF notpart FOR VALUES FROM (1) TO (2);
-- ATTACH and DETACH
CREATE TABLE measurement_y2008 (city_id int NOT NULL, logdate date NOT NULL, peaktemp int);
INSERT INTO measurement_y2008 VALUES (9, '2012-01-01', 1);
ALTER TABLE measurement ATTACH PARTITION measurement_y2008 FOR VALUES FROM ('2008-01-01') TO ('2009-01-01');
DELETE FROM measurement_y2008;
INSERT INTO measurement_y2008 VALUES (9, '2008-05-01', 1);
ALTER TABLE measurement ATTACH PARTITION measurement_y2008 FOR VALUES FROM ('2008-01-01') TO ('2009-01-01');
ALTER TABLE notpart ATTACH PARTITION measurement_y2008 FOR VALUES FROM (1) TO (2);
SELECT city_id, logdate FROM measurement ORDER BY logdate;
ALTER TABLE measurement DETACH PARTITION measurement_y2006;
SELECT city_id, logdate FROM measurement ORDER BY logdate;
SELECT relispartition, relpartbound FROM pg_class WHERE relname = 'measurement_y2006';
ALTER TABLE measurement DETACH PARTITION measurement_y2006;
-- partitions and inheritance do not mix; UPDATE and DELETE through the parent
CREATE TABLE plain_child () INHERITS (measurement);
CREATE TABLE lone (city_id int NOT NULL, logdate date NOT NULL);
ALTER TABLE lone INHERIT measurement;
ALTER TABLE measurement_y2007 NO INHERIT measurement;
ALTER TABLE measurement ATTACH PARTITION measurement_y2007 FOR VALUES FROM ('2030-01-01') TO ('2031-01-01');
CREATE TABLE wide (city_id int NOT NULL, logdate date NOT NULL, peaktemp int, extra int);
ALTER TABLE measurement ATTACH PARTITION wide FOR VALUES FROM ('2030-01-01') TO ('2031-01-01');
UPDATE measurement_y2007 SET peaktemp = peaktemp + 1;
DELETE FROM measurement_y2008 WHERE city_id = 9;
SELECT city_id, peaktemp FROM measurement ORDER BY city_id;
-- dropping the partitioned table drops its partitions
DROP TABLE orders;
SELECT count(*) FROM pg_class WHERE relname LIKE 'orders%';
