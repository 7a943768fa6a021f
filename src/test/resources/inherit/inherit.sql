-- table inheritance: CREATE TABLE ... INHERITS, reading parents with their children, ONLY,
-- the catalog rows, ALTER TABLE recursion and DROP TABLE of a parent
CREATE TABLE vehicle (id int NOT NULL, name text DEFAULT 'unnamed', CHECK (id > 0));
CREATE TABLE car (doors int, id int) INHERITS (vehicle);
CREATE TABLE boat (draft numeric) INHERITS (vehicle);
CREATE TABLE amphibian (wheels int) INHERITS (car, boat);
INSERT INTO vehicle VALUES (1, 'cart');
INSERT INTO car VALUES (2, 'sedan', 4);
INSERT INTO boat (id, draft) VALUES (3, 1.5);
INSERT INTO amphibian VALUES (4, 'duck', 2, 0.8, 4);
SELECT * FROM vehicle ORDER BY id;
SELECT * FROM ONLY vehicle;
SELECT name FROM vehicle* WHERE id > 1 ORDER BY 1;
SELECT v.id FROM vehicle v JOIN car c USING (id) ORDER BY 1;
SELECT count(*), sum(id) FROM vehicle;
SELECT * FROM car ORDER BY id;
EXPLAIN (COSTS OFF) SELECT * FROM vehicle;
EXPLAIN (COSTS OFF) SELECT * FROM ONLY vehicle;
SELECT c.relname, c.relhassubclass FROM pg_class c WHERE relname IN ('vehicle', 'car', 'boat', 'amphibian') ORDER BY 1;
SELECT inhrelid::regclass, inhparent::regclass, inhseqno FROM pg_inherits WHERE inhparent IN ('vehicle'::regclass, 'car'::regclass, 'boat'::regclass) ORDER BY 1, 3;
SELECT attname, attinhcount, attislocal, attnotnull FROM pg_attribute WHERE attrelid = 'amphibian'::regclass AND attnum > 0 ORDER BY attnum;
SELECT conrelid::regclass, conname, coninhcount, conislocal FROM pg_constraint WHERE conrelid IN ('vehicle'::regclass, 'car'::regclass, 'amphibian'::regclass) ORDER BY 1, 2;
INSERT INTO car VALUES (-1, 'bad', 2);
INSERT INTO boat (name) VALUES ('no id');
CREATE TABLE wrongtype (id text) INHERITS (vehicle);
CREATE TABLE twice () INHERITS (vehicle, vehicle);
CREATE TABLE fromnothing () INHERITS (nosuchtable);
\d vehicle
\d+ vehicle
\d amphibian
DELETE FROM ONLY vehicle WHERE id = 1;
UPDATE ONLY car SET doors = 5;
SELECT * FROM vehicle ORDER BY id;
ALTER TABLE vehicle ADD COLUMN color text DEFAULT 'red';
SELECT * FROM amphibian;
SELECT attrelid::regclass, attinhcount, attislocal FROM pg_attribute WHERE attname = 'color' ORDER BY 1;
ALTER TABLE car DROP COLUMN color;
ALTER TABLE vehicle DROP COLUMN color;
SELECT count(*) FROM pg_attribute WHERE attname = 'color';
DROP TABLE vehicle;
DROP TABLE car;
DROP TABLE amphibian;
DROP TABLE vehicle CASCADE;
SELECT count(*) FROM pg_class WHERE relname IN ('vehicle', 'car', 'boat', 'amphibian');
-- ALTER TABLE ... [NO] INHERIT
create table ih_p (a int not null, b text, check (a > 0));
create table ih_c (a int not null, b text, x int, constraint ih_p_a_check check (a > 0));
insert into ih_p values (1, 'ih_p');
insert into ih_c values (2, 'ih_c', 1);
alter table ih_c inherit ih_p;
select * from ih_p order by a;
select attname, attinhcount, attislocal from pg_attribute where attrelid = 'ih_c'::regclass and attnum > 0 order by attnum;
select conname, coninhcount, conislocal from pg_constraint where conrelid = 'ih_c'::regclass;
alter table ih_c inherit ih_p;
alter table ih_p inherit ih_c;
create table ih_d (a int);
alter table ih_d inherit ih_p;
create table ih_e (a int not null, b int);
alter table ih_e inherit ih_p;
alter table ih_c no inherit ih_p;
select * from ih_p order by a;
select attname, attinhcount, attislocal from pg_attribute where attrelid = 'ih_c'::regclass and attnum > 0 order by attnum;
select conname, coninhcount, conislocal from pg_constraint where conrelid = 'ih_c'::regclass;
alter table ih_c no inherit ih_p;
create table ih_f () inherits (ih_p);
alter table ih_f no inherit ih_p;
select attname, attinhcount, attislocal from pg_attribute where attrelid = 'ih_f'::regclass and attnum > 0 order by attnum;
select conname, coninhcount, conislocal from pg_constraint where conrelid = 'ih_f'::regclass;
-- UNION ALL inside UNION ALL is one Append, as a parent read with its children
EXPLAIN (COSTS OFF) SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3;
EXPLAIN (COSTS OFF) SELECT 1 UNION ALL (SELECT 2 UNION ALL SELECT 3);
