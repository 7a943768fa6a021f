-- operator families and classes of btree and hash: CREATE / ALTER / DROP and their catalog rows
CREATE FUNCTION abs_cmp(int4, int4) RETURNS int4 LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT CASE WHEN abs($1) < abs($2) THEN -1 WHEN abs($1) > abs($2) THEN 1 ELSE 0 END $$;
CREATE FUNCTION abs_lt(int4, int4) RETURNS bool LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT abs($1) < abs($2) $$;
CREATE FUNCTION abs_le(int4, int4) RETURNS bool LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT abs($1) <= abs($2) $$;
CREATE FUNCTION abs_eq(int4, int4) RETURNS bool LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT abs($1) = abs($2) $$;
CREATE FUNCTION abs_ge(int4, int4) RETURNS bool LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT abs($1) >= abs($2) $$;
CREATE FUNCTION abs_gt(int4, int4) RETURNS bool LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT abs($1) > abs($2) $$;
CREATE OPERATOR <# (leftarg = int4, rightarg = int4, function = abs_lt, commutator = #>);
CREATE OPERATOR <=# (leftarg = int4, rightarg = int4, function = abs_le, commutator = #>=);
CREATE OPERATOR =# (leftarg = int4, rightarg = int4, function = abs_eq, commutator = =#);
CREATE OPERATOR #>= (leftarg = int4, rightarg = int4, function = abs_ge, commutator = <=#);
CREATE OPERATOR #> (leftarg = int4, rightarg = int4, function = abs_gt, commutator = <#);
CREATE OPERATOR CLASS abs_int4_ops FOR TYPE int4 USING btree AS
    OPERATOR 1 <#, OPERATOR 2 <=#, OPERATOR 3 =#, OPERATOR 4 #>=, OPERATOR 5 #>,
    FUNCTION 1 abs_cmp(int4, int4);
SELECT c.opcname, c.opcintype::regtype, c.opcdefault, f.opfname, a.amname
  FROM pg_opclass c JOIN pg_opfamily f ON f.oid = c.opcfamily JOIN pg_am a ON a.oid = c.opcmethod
 WHERE c.opcname = 'abs_int4_ops';
SELECT m.amopstrategy, m.amoplefttype::regtype, m.amoprighttype::regtype, o.oprname, m.amoppurpose
  FROM pg_amop m JOIN pg_operator o ON o.oid = m.amopopr JOIN pg_opfamily f ON f.oid = m.amopfamily
 WHERE f.opfname = 'abs_int4_ops' ORDER BY 1;
SELECT p.amprocnum, p.amproclefttype::regtype, p.amprocrighttype::regtype, p.amproc
  FROM pg_amproc p JOIN pg_opfamily f ON f.oid = p.amprocfamily WHERE f.opfname = 'abs_int4_ops';
-- the shared regression setup's hash classes
CREATE FUNCTION part_hashint4_noop(value int4, seed int8) RETURNS int8 AS $$
    SELECT value + seed;
    $$ LANGUAGE sql STRICT IMMUTABLE PARALLEL SAFE;
CREATE OPERATOR CLASS part_test_int4_ops FOR TYPE int4 USING hash AS
    OPERATOR 1 =,
    FUNCTION 2 part_hashint4_noop(int4, int8);
CREATE FUNCTION part_hashtext_length(value text, seed int8) RETURNS int8 AS $$
    SELECT length(coalesce(value, ''))::int8
    $$ LANGUAGE sql STRICT IMMUTABLE PARALLEL SAFE;
CREATE OPERATOR CLASS part_test_text_ops FOR TYPE text USING hash AS
    OPERATOR 1 =,
    FUNCTION 2 part_hashtext_length(text, int8);
SELECT f.opfname, a.amname, m.amoplefttype::regtype, o.oprname, p.amprocnum, p.amproc
  FROM pg_opfamily f JOIN pg_am a ON a.oid = f.opfmethod
  JOIN pg_amop m ON m.amopfamily = f.oid JOIN pg_operator o ON o.oid = m.amopopr
  JOIN pg_amproc p ON p.amprocfamily = f.oid
 WHERE f.opfname LIKE 'part_test%' ORDER BY 1;
-- families and ALTER OPERATOR FAMILY
CREATE OPERATOR FAMILY abs_family USING btree;
ALTER OPERATOR FAMILY abs_family USING btree ADD OPERATOR 1 <# (int4, int4), OPERATOR 3 =# (int4, int4),
    FUNCTION 1 abs_cmp(int4, int4);
SELECT count(*) FROM pg_amop m JOIN pg_opfamily f ON f.oid = m.amopfamily WHERE f.opfname = 'abs_family';
ALTER OPERATOR FAMILY abs_family USING btree ADD OPERATOR 1 <# (int4, int4);
ALTER OPERATOR FAMILY abs_family USING btree ADD OPERATOR 2 <=#;
ALTER OPERATOR FAMILY abs_family USING btree DROP OPERATOR 1 (int4, int4);
ALTER OPERATOR FAMILY abs_family USING btree DROP OPERATOR 1 (int4, int4);
ALTER OPERATOR FAMILY abs_family USING btree DROP FUNCTION 1 (int4, int4);
ALTER OPERATOR FAMILY abs_family USING btree DROP FUNCTION 1 (int4, int4);
ALTER OPERATOR FAMILY nosuch USING btree DROP FUNCTION 1 (int4, int4);
CREATE OPERATOR CLASS abs_in_family FOR TYPE int2 USING btree FAMILY abs_family AS OPERATOR 1 < (int2, int2);
SELECT c.opcname, f.opfname FROM pg_opclass c JOIN pg_opfamily f ON f.oid = c.opcfamily
 WHERE c.opcname = 'abs_in_family';
-- errors
CREATE OPERATOR FAMILY abs_family USING btree;
CREATE OPERATOR FAMILY other_family USING nosuch;
CREATE OPERATOR CLASS abs_int4_ops FOR TYPE int4 USING btree AS OPERATOR 1 <#;
CREATE OPERATOR CLASS bad_ops FOR TYPE int4 USING btree FAMILY nofamily AS OPERATOR 1 <#;
CREATE OPERATOR CLASS bad_ops FOR TYPE int4 USING btree AS OPERATOR 6 <#;
CREATE OPERATOR CLASS bad_ops FOR TYPE int4 USING btree AS OPERATOR 1 <##;
CREATE OPERATOR CLASS bad_ops FOR TYPE int4 USING btree AS FUNCTION 6 abs_cmp(int4, int4);
CREATE OPERATOR CLASS bad_ops FOR TYPE int4 USING btree AS FUNCTION 1 abs_lt(int4, int4);
CREATE OPERATOR CLASS bad_ops FOR TYPE int4 USING btree AS FUNCTION 1 nosuch(int4, int4);
CREATE OPERATOR CLASS bad_ops DEFAULT FOR TYPE int4 USING btree AS FUNCTION 1 abs_cmp(int4, int4);
CREATE OPERATOR CLASS bad_ops FOR TYPE int4 USING hash AS FUNCTION 1 abs_cmp(int4, int4);
CREATE OPERATOR CLASS bad_ops FOR TYPE int4 USING hash AS OPERATOR 2 =;
CREATE OPERATOR CLASS bad_ops FOR TYPE int4 USING hash AS FUNCTION 2 part_hashtext_length(text, int8);
CREATE OPERATOR CLASS bad_ops FOR TYPE nosuchtype USING hash AS OPERATOR 1 =;
SELECT count(*) FROM pg_opclass WHERE opcname = 'bad_ops';
-- DROP
DROP OPERATOR CLASS abs_int4_ops USING btree;
DROP OPERATOR CLASS abs_int4_ops USING btree;
DROP OPERATOR CLASS IF EXISTS abs_int4_ops USING btree;
SELECT count(*) FROM pg_amop m JOIN pg_opfamily f ON f.oid = m.amopfamily WHERE f.opfname = 'abs_int4_ops';
DROP OPERATOR FAMILY abs_int4_ops USING btree;
DROP OPERATOR FAMILY abs_int4_ops USING btree;
DROP OPERATOR FAMILY IF EXISTS abs_family USING hash;
DROP OPERATOR FAMILY abs_family USING btree;
SELECT count(*) FROM pg_opclass WHERE opcname = 'abs_in_family';
DROP OPERATOR CLASS part_test_int4_ops USING hash;
DROP OPERATOR FAMILY part_test_int4_ops USING hash;
DROP OPERATOR FAMILY part_test_text_ops USING hash;
SELECT count(*) FROM pg_opfamily WHERE oid >= 16384;
DROP OPERATOR <# (int4, int4), <=# (int4, int4), =# (int4, int4), #>= (int4, int4), #> (int4, int4);
DROP FUNCTION abs_cmp(int4, int4), abs_lt(int4, int4), abs_le(int4, int4), abs_eq(int4, int4), abs_ge(int4, int4),
    abs_gt(int4, int4), part_hashint4_noop(int4, int8), part_hashtext_length(text, int8);
-- an index key may name its type's default btree class; other classes are refused
CREATE TABLE keyed (a int4, t text, v varchar);
CREATE INDEX ON keyed (a int4_ops);
CREATE INDEX ON keyed (a pg_catalog.int4_ops DESC);
CREATE INDEX ON keyed (v text_ops);
CREATE INDEX ON keyed (a text_ops);
CREATE INDEX ON keyed (a int8_ops);
CREATE INDEX ON keyed (a nosuch_ops);
CREATE INDEX ON keyed (a int4_ops(foo = 1));
INSERT INTO keyed SELECT g, g::text, g::text FROM generate_series(1, 5) g;
SET enable_seqscan = off;
SELECT a FROM keyed WHERE a > 3 ORDER BY a DESC;
RESET enable_seqscan;
\d keyed
DROP TABLE keyed;
