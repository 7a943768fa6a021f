-- user-defined operators: CREATE / ALTER / DROP OPERATOR, their use in expressions, psql's \do
CREATE FUNCTION abs_lt(int4, int4) RETURNS bool LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT abs($1) < abs($2) $$;
CREATE FUNCTION abs_ge(int4, int4) RETURNS bool LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT abs($1) >= abs($2) $$;
CREATE FUNCTION abs_eq(int4, int4) RETURNS bool LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT abs($1) = abs($2) $$;
CREATE FUNCTION abs_cmp(int4, int4) RETURNS int4 LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT CASE WHEN abs($1) < abs($2) THEN -1 WHEN abs($1) > abs($2) THEN 1 ELSE 0 END $$;
CREATE FUNCTION twice(int4) RETURNS int4 LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT $1 * 2 $$;
CREATE FUNCTION glue(text, int4) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT $1 || '#' || $2 $$;
CREATE OPERATOR <#> (leftarg = int4, rightarg = int4, function = abs_lt, commutator = >#<, negator = >=#=);
CREATE OPERATOR ~~~ (rightarg = int4, procedure = twice);
CREATE OPERATOR +#+ (leftarg = text, rightarg = int4, function = glue);
CREATE OPERATOR <+> (leftarg = int4, rightarg = int4, function = int4pl, commutator = <+>);
SELECT 3 <#> -5, -5 <#> 3, ~~~ 21, ~~~ ~~~ 2, 'a' +#+ 7, 'b' +#+ '8', 2 <+> 40;
SELECT 1 OPERATOR(public.<#>) 2, OPERATOR(public.~~~) 4, 'x' OPERATOR(pg_catalog.||) 'y';
SELECT 1 OPERATOR(nosuch.<#>) 2;
SELECT 1 OPERATOR(public.<#>) 2.5;
SELECT 'a' +#+ 1.5;
SELECT 1.5 <#> 2;
SELECT 2::int2 <#> 3::int2, NULL::int4 <#> 1;
-- the commutator and negator named before they exist are shells until defined
SELECT o.oprname, o.oprkind, o.oprleft::regtype, o.oprright::regtype, o.oprresult::regtype,
       (SELECT proname FROM pg_proc WHERE oid = o.oprcode) AS function,
       c.oprname AS commutator, n.oprname AS negator, o.oprcanhash, o.oprcanmerge
  FROM pg_operator o LEFT JOIN pg_operator c ON c.oid = o.oprcom LEFT JOIN pg_operator n ON n.oid = o.oprnegate
 WHERE o.oprnamespace = 'public'::regnamespace ORDER BY 1, 3;
SELECT 1 >=#= 2;
CREATE OPERATOR >=#= (leftarg = int4, rightarg = int4, function = abs_ge, negator = <#>);
SELECT 1 >=#= 2, -7 >=#= 7;
SELECT o.oprname, o.oprcode::regproc, n.oprname AS negator
  FROM pg_operator o LEFT JOIN pg_operator n ON n.oid = o.oprnegate
 WHERE o.oprnamespace = 'public'::regnamespace AND o.oprname IN ('<#>', '>=#=') ORDER BY 1;
CREATE OPERATOR === (leftarg = int4, rightarg = int4, function = abs_eq, commutator = ===, hashes, merges,
                     restrict = eqsel, join = eqjoinsel);
SELECT o.oprname, c.oprname AS commutator, o.oprcanhash, o.oprcanmerge, o.oprrest <> 0 AS has_restrict
  FROM pg_operator o JOIN pg_operator c ON c.oid = o.oprcom WHERE o.oprname = '===';
-- operators in queries
CREATE TABLE numbers (n int4);
INSERT INTO numbers VALUES (-3), (1), (-1), (2), (5), (NULL);
SELECT n FROM numbers WHERE n <#> 2 ORDER BY n;
SELECT n, n === -1 AS same_size, ~~~ n AS doubled FROM numbers ORDER BY n NULLS FIRST;
SELECT a.n, b.n FROM numbers a JOIN numbers b ON a.n === b.n AND a.n < b.n ORDER BY 1;
PREPARE p(int4) AS SELECT count(*) FROM numbers WHERE n <#> $1;
EXECUTE p(2);
EXECUTE p(10);
CREATE VIEW small AS SELECT n FROM numbers WHERE n <#> 2;
SELECT * FROM small ORDER BY n;
DROP VIEW small;
-- errors of CREATE OPERATOR
CREATE OPERATOR <#> (leftarg = int4, rightarg = int4, function = abs_lt);
CREATE OPERATOR #%# (leftarg = int4, function = int4pl);
CREATE OPERATOR #%# (rightarg = int4);
CREATE OPERATOR #%# (function = int4pl);
CREATE OPERATOR #%# (leftarg = int4, rightarg = int4, function = nosuch);
CREATE OPERATOR #%# (leftarg = int4, rightarg = text, function = int4pl);
CREATE OPERATOR #%# (leftarg = nosuchtype, rightarg = int4, function = int4pl);
CREATE OPERATOR #%# (rightarg = int4, function = twice, commutator = #%#);
CREATE OPERATOR #%# (leftarg = int4, rightarg = int4, function = int4pl, negator = !#%#);
CREATE OPERATOR #%# (leftarg = int4, rightarg = int4, function = abs_lt, negator = #%#);
CREATE OPERATOR #%# (leftarg = int4, rightarg = int4, function = int4pl, hashes);
CREATE OPERATOR #%# (rightarg = int4, function = twice, merges);
CREATE OPERATOR #%# (leftarg = int4, rightarg = int4, function = abs_lt, restrict = nosuchsel);
CREATE OPERATOR +- (leftarg = int4, rightarg = int4, function = int4pl);
CREATE OPERATOR #%# (rightarg = int4, function = twice, foo = bar);
SELECT #%# 4;
CREATE OPERATOR nosuch.#%# (rightarg = int4, function = twice);
-- ALTER OPERATOR
CREATE SCHEMA opschema;
CREATE ROLE operator_owner;
ALTER OPERATOR #%# (NONE, int4) OWNER TO operator_owner;
ALTER OPERATOR #%# (NONE, int4) SET SCHEMA opschema;
SELECT #%# 4;
SELECT OPERATOR(opschema.#%#) 4;
SELECT oprname, oprnamespace::regnamespace, pg_get_userbyid(oprowner) FROM pg_operator WHERE oprname = '#%#';
ALTER OPERATOR === (int4, int4) SET (restrict = NONE, join = NONE);
SELECT oprrest, oprjoin FROM pg_operator WHERE oprname = '===';
ALTER OPERATOR === (int4, int4) SET (hashes);
ALTER OPERATOR === (int4, int4) SET (nonsense = eqsel);
ALTER OPERATOR ~~~ (NONE, int4) SET (join = eqjoinsel);
ALTER OPERATOR <%%> (int4, int4) OWNER TO operator_owner;
-- psql's \do
\do <#>
\do+ ~~~
\do opschema.*
-- DROP OPERATOR
DROP OPERATOR <+> (int4, int4);
DROP OPERATOR <+> (int4, int4);
DROP OPERATOR IF EXISTS <+> (int4, int4);
DROP OPERATOR IF EXISTS nosuch.<+> (int4, int4);
DROP OPERATOR ~~~ (int4);
DROP OPERATOR ~~~ (NONE, int4), opschema.#%# (NONE, int4);
SELECT ~~~ 1;
DROP OPERATOR >=#= (int4, int4);
SELECT o.oprname, n.oprname AS negator FROM pg_operator o LEFT JOIN pg_operator n ON n.oid = o.oprnegate
 WHERE o.oprname = '<#>';
DROP OPERATOR <#> (int4, int4), >#< (int4, int4), === (int4, int4), +#+ (text, int4);
SELECT count(*) FROM pg_operator WHERE oprnamespace IN ('public'::regnamespace, 'opschema'::regnamespace);
-- an operator named like a built-in one: the built-ins still win for their own types
CREATE FUNCTION int8_text_eq(int8, text) RETURNS bool LANGUAGE sql AS 'SELECT $1::text = $2';
CREATE OPERATOR = (procedure = int8_text_eq, leftarg = int8, rightarg = text);
SELECT 42::int8 = '42'::text, 42 = 'x'::text;
SELECT n FROM numbers WHERE n::int8 IN (SELECT '5'::text);
DROP OPERATOR = (int8, text);
DROP TABLE numbers;
DROP FUNCTION int8_text_eq(int8, text);
DROP SCHEMA opschema;
DROP ROLE operator_owner;
