-- xid8: input in octal, decimal and hex, its comparison operators, xid8cmp, min/max and
-- the btree and hash operator classes (PostgreSQL 15's xid.sql covers the same ground)
SELECT '010'::xid8 AS octal, '42'::xid8 AS decimal, '0xffffffffffffffff'::xid8 AS hex,
       '-1'::xid8 AS minus_one, ' 7 trailing'::xid8 AS leading_digits, ''::xid8 AS empty,
       '99999999999999999999'::xid8 AS clamped;
SELECT '1'::xid8 = '1'::xid8 AS eq, '1'::xid8 <> '1'::xid8 AS ne, '1'::xid8 != '2'::xid8 AS ne2;
SELECT '1'::xid8 < '2'::xid8, '2'::xid8 < '2'::xid8, '2'::xid8 < '1'::xid8;
SELECT '1'::xid8 <= '2'::xid8, '2'::xid8 <= '2'::xid8, '2'::xid8 <= '1'::xid8;
SELECT '1'::xid8 > '2'::xid8, '2'::xid8 > '2'::xid8, '2'::xid8 > '1'::xid8;
SELECT '1'::xid8 >= '2'::xid8, '2'::xid8 >= '2'::xid8, '2'::xid8 >= '1'::xid8;
SELECT '-1'::xid8 > '1'::xid8 AS unsigned;
SELECT xid8cmp('1', '2'), xid8cmp('2', '2'), xid8cmp('2', '1'), xid8cmp('-1', '1');
CREATE TABLE xid8_values (x xid8);
INSERT INTO xid8_values VALUES ('0'), ('010'), ('42'), ('0xffffffffffffffff'), ('-1');
SELECT min(x), max(x) FROM xid8_values;
SELECT x FROM xid8_values ORDER BY x DESC;
SELECT DISTINCT x FROM xid8_values ORDER BY 1;
CREATE INDEX xid8_values_btree ON xid8_values USING btree (x);
SET enable_seqscan = off;
SELECT x FROM xid8_values WHERE x = '42';
SELECT count(*) FROM xid8_values WHERE x > '8';
RESET enable_seqscan;
SELECT opcname, amname, opcdefault FROM pg_opclass c JOIN pg_am a ON a.oid = c.opcmethod
 WHERE opcintype = 'xid8'::regtype ORDER BY 2;
SELECT o.oid, o.oprname, o.oprcode::oid, c.oprname AS commutator, n.oprname AS negator
  FROM pg_operator o JOIN pg_operator c ON c.oid = o.oprcom JOIN pg_operator n ON n.oid = o.oprnegate
 WHERE o.oprleft = 'xid8'::regtype ORDER BY o.oid;
SELECT aggfnoid::oid, aggtransfn FROM pg_aggregate
 WHERE aggtranstype = 'xid8'::regtype ORDER BY 1::text;
SELECT pg_current_xact_id() >= pg_snapshot_xmin(pg_current_snapshot()) AS current_after_xmin;
DROP TABLE xid8_values;
