-- DML on partitioned tables: TRUNCATE through the tree, UPDATE moving rows between
-- partitions (triggers, partition constraint errors, RETURNING), privileges checked on
-- the named table only. Cut from update.sql's partition part.
CREATE TABLE range_parted (
	a text,
	b bigint,
	c numeric,
	d int,
	e varchar
) PARTITION BY RANGE (a, b);
CREATE TABLE part_b_20_b_30 (e varchar, c numeric, a text, b bigint, d int);
ALTER TABLE range_parted ATTACH PARTITION part_b_20_b_30 FOR VALUES FROM ('b', 20) TO ('b', 30);
CREATE TABLE part_b_10_b_20 (e varchar, c numeric, a text, b bigint, d int) PARTITION BY RANGE (c);
CREATE TABLE part_b_1_b_10 PARTITION OF range_parted FOR VALUES FROM ('b', 1) TO ('b', 10);
ALTER TABLE range_parted ATTACH PARTITION part_b_10_b_20 FOR VALUES FROM ('b', 10) TO ('b', 20);
CREATE TABLE part_a_10_a_20 PARTITION OF range_parted FOR VALUES FROM ('a', 10) TO ('a', 20);
CREATE TABLE part_a_1_a_10 PARTITION OF range_parted FOR VALUES FROM ('a', 1) TO ('a', 10);
CREATE TABLE part_c_100_200 (e varchar, c numeric, a text, b bigint, d int) PARTITION BY range (abs(d));
CREATE TABLE part_d_1_15 PARTITION OF part_c_100_200 FOR VALUES FROM (1) TO (15);
CREATE TABLE part_d_15_20 PARTITION OF part_c_100_200 FOR VALUES FROM (15) TO (20);
ALTER TABLE part_b_10_b_20 ATTACH PARTITION part_c_100_200 FOR VALUES FROM (100) TO (200);
CREATE TABLE part_c_1_100 (e varchar, d int, c numeric, b bigint, a text);
ALTER TABLE part_b_10_b_20 ATTACH PARTITION part_c_1_100 FOR VALUES FROM (1) TO (100);

\set init_range_parted 'truncate range_parted; insert into range_parted VALUES (''a'', 1, 1, 1), (''a'', 10, 200, 1), (''b'', 12, 96, 1), (''b'', 13, 97, 2), (''b'', 15, 105, 16), (''b'', 17, 105, 19)'
\set show_data 'select tableoid::regclass::text COLLATE "C" partname, * from range_parted ORDER BY 1, 2, 3, 4, 5, 6'
:init_range_parted;
:show_data;
-- TRUNCATE ONLY of a partitioned table has no rows of its own to remove
TRUNCATE ONLY range_parted;
TRUNCATE ONLY part_b_10_b_20;
TRUNCATE ONLY part_c_1_100;
:show_data;
-- a partition truncated alone, then the whole tree again
TRUNCATE part_b_10_b_20;
:show_data;
:init_range_parted;

-- fail, row movement happens only within the partition subtree
UPDATE part_c_100_200 set c = c - 20, d = c WHERE c = 105;
-- fail, no partition key update, but "a = 'a'" violates the root's partition constraint
UPDATE part_b_10_b_20 set a = 'a';
-- ok, partition key update, no constraint violation
UPDATE range_parted set d = d - 10 WHERE d > 10;
:show_data;
-- ok, row movement within the subtree
UPDATE part_b_10_b_20 set c = c + 20 returning c, b, a;
:show_data;
-- fail, row movement happens only within the partition subtree
UPDATE part_b_10_b_20 set b = b - 6 WHERE c > 116 returning *;
-- ok, moved out of the subtree through the root
UPDATE range_parted set b = b - 6 WHERE c > 116 returning a, b + c;
:show_data;
-- a moved row in RETURNING, whole-row reference included
:init_range_parted;
UPDATE range_parted set c = 95 WHERE a = 'b' and b > 10 and c > 100 returning (range_parted), *;
:show_data;

-- row triggers of a moved row: DELETE on its old partition, INSERT on its new one;
-- statement triggers of the named table only
:init_range_parted;
CREATE FUNCTION trigfunc() returns trigger language plpgsql as
$$
  begin
    raise notice 'trigger = % fired on table % during % (%)',
                 TG_NAME, TG_TABLE_NAME, TG_OP, TG_LEVEL;
    return null;
  end;
$$;
CREATE FUNCTION rowtrigfunc() returns trigger language plpgsql as
$$
  begin
    raise notice 'trigger = % fired on table % during % %', TG_NAME, TG_TABLE_NAME, TG_WHEN, TG_OP;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  end;
$$;
CREATE TRIGGER parent_update_trig
  AFTER UPDATE ON range_parted for each statement execute procedure trigfunc();
CREATE TRIGGER parent_delete_trig
  AFTER DELETE ON range_parted for each statement execute procedure trigfunc();
CREATE TRIGGER c1_update_trig
  AFTER UPDATE ON part_c_1_100 for each statement execute procedure trigfunc();
CREATE TRIGGER c1_insert_trig
  AFTER INSERT ON part_c_1_100 for each statement execute procedure trigfunc();
CREATE TRIGGER d1_update_trig
  AFTER UPDATE ON part_d_1_15 for each statement execute procedure trigfunc();
CREATE TRIGGER d15_delete_trig
  AFTER DELETE ON part_d_15_20 for each statement execute procedure trigfunc();
CREATE TRIGGER d15_before_delete
  BEFORE DELETE ON part_d_15_20 for each row execute procedure rowtrigfunc();
CREATE TRIGGER d15_after_delete
  AFTER DELETE ON part_d_15_20 for each row execute procedure rowtrigfunc();
CREATE TRIGGER c1_before_insert
  BEFORE INSERT ON part_c_1_100 for each row execute procedure rowtrigfunc();
CREATE TRIGGER c1_after_insert
  AFTER INSERT ON part_c_1_100 for each row execute procedure rowtrigfunc();
UPDATE range_parted set c = c - 50 WHERE c > 97 AND b <> 17;
:show_data;
DELETE FROM range_parted WHERE c = 1;
DROP TRIGGER d15_before_delete ON part_d_15_20;
-- a BEFORE DELETE trigger that skips the row keeps it where it is
CREATE FUNCTION skipdelete() returns trigger language plpgsql as
$$ begin raise notice 'skipping the move of %', OLD.b; return null; end; $$;
CREATE TRIGGER d15_skip BEFORE DELETE ON part_d_15_20 for each row execute procedure skipdelete();
:init_range_parted;
UPDATE range_parted set c = c - 50 WHERE b = 12 OR b = 15;
:show_data;
DROP TRIGGER d15_skip ON part_d_15_20;
DROP FUNCTION skipdelete();
DROP TRIGGER parent_update_trig ON range_parted;
DROP TRIGGER parent_delete_trig ON range_parted;
DROP TRIGGER c1_update_trig ON part_c_1_100;
DROP TRIGGER c1_insert_trig ON part_c_1_100;
DROP TRIGGER d1_update_trig ON part_d_1_15;
DROP TRIGGER d15_delete_trig ON part_d_15_20;
DROP TRIGGER d15_after_delete ON part_d_15_20;
DROP TRIGGER c1_before_insert ON part_c_1_100;
DROP TRIGGER c1_after_insert ON part_c_1_100;

-- privileges: an UPDATE through the parent needs them on the parent only
CREATE USER regress_partdml_user;
GRANT SELECT, UPDATE, DELETE ON range_parted TO regress_partdml_user;
:init_range_parted;
SET SESSION AUTHORIZATION regress_partdml_user;
UPDATE range_parted set a = 'b', c = 151 WHERE a = 'a' and c = 200;
DELETE FROM range_parted WHERE b = 1;
-- a partition named directly needs its own privileges
UPDATE part_a_1_a_10 set c = 2;
TRUNCATE range_parted;
RESET SESSION AUTHORIZATION;
:show_data;

-- TRUNCATE ... RESTART IDENTITY and CASCADE over a partitioned table
CREATE TABLE ident_parted (id int GENERATED ALWAYS AS IDENTITY, k int) PARTITION BY LIST (k);
CREATE TABLE ident_p1 PARTITION OF ident_parted FOR VALUES IN (1);
CREATE TABLE ident_p2 PARTITION OF ident_parted FOR VALUES IN (2);
INSERT INTO ident_parted (k) VALUES (1), (2), (2);
TRUNCATE ident_parted RESTART IDENTITY;
INSERT INTO ident_parted (k) VALUES (2), (1);
SELECT tableoid::regclass, * FROM ident_parted ORDER BY id;
CREATE TABLE ref_ident (k int PRIMARY KEY);
CREATE TABLE ident_ref (k int REFERENCES ref_ident);
INSERT INTO ref_ident VALUES (1);
INSERT INTO ident_ref VALUES (1);
TRUNCATE ref_ident, ident_parted;
TRUNCATE ref_ident, ident_parted CASCADE;
SELECT count(*) FROM ident_parted;
SELECT count(*) FROM ident_ref;
-- a table with inheritance children: TRUNCATE takes them, ONLY leaves them
CREATE TABLE inh_parent (a int);
CREATE TABLE inh_child () INHERITS (inh_parent);
INSERT INTO inh_parent VALUES (1);
INSERT INTO inh_child VALUES (2);
TRUNCATE ONLY inh_parent;
SELECT * FROM inh_parent;
TRUNCATE inh_parent;
SELECT * FROM inh_parent;
CREATE VIEW range_view AS SELECT * FROM range_parted;
TRUNCATE range_view;

-- RETURNING of members whose columns are in another order than their parent's
CREATE TABLE rp (a text, b int, c int) PARTITION BY LIST (a);
CREATE TABLE rp_x (c int, b int, a text);
ALTER TABLE rp ATTACH PARTITION rp_x FOR VALUES IN ('x');
CREATE TABLE rp_y PARTITION OF rp FOR VALUES IN ('y');
INSERT INTO rp VALUES ('x', 1, 2), ('y', 3, 4);
UPDATE rp SET b = b + 10 RETURNING (rp), *, tableoid::regclass;
UPDATE rp SET a = 'y' WHERE b = 11 RETURNING (rp), *, tableoid::regclass;
UPDATE rp SET a = 'x' WHERE b = 13 RETURNING (rp), *, tableoid::regclass;
DELETE FROM rp WHERE b = 13 RETURNING *, tableoid::regclass;
-- an INSERT routed to partitions returns the partition each row went to
INSERT INTO rp VALUES ('x', 5, 6), ('y', 7, 8) RETURNING tableoid::regclass, *, (rp);
DROP TABLE rp;

DROP VIEW range_view;
DROP TABLE inh_parent CASCADE;
DROP TABLE ident_ref, ref_ident, ident_parted;
DROP TABLE range_parted;
DROP FUNCTION trigfunc();
DROP FUNCTION rowtrigfunc();
DROP USER regress_partdml_user;
