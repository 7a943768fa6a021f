-- user-defined SQL functions and procedures
CREATE TABLE fn_items (id int, name text);
INSERT INTO fn_items VALUES (1, 'one'), (2, 'two'), (3, 'three');
CREATE FUNCTION add(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT a + b $$;
SELECT add(1, 2), add(b => 5, a => 1), add(a := 2, b := 2), add(1, NULL) IS NULL AS null_in;
CREATE FUNCTION add3(a int, b int DEFAULT 10, c int DEFAULT 100) RETURNS int RETURN a + b + c;
SELECT add3(1), add3(1, 2), add3(1, c => 3);
CREATE FUNCTION name_of(i int) RETURNS text LANGUAGE sql STABLE AS 'SELECT name FROM fn_items WHERE id = $1';
SELECT id, name_of(id + 1) FROM fn_items ORDER BY id;
SELECT name_of(42) IS NULL AS no_row;
CREATE FUNCTION names_over(n int) RETURNS SETOF text LANGUAGE sql STABLE AS 'SELECT name FROM fn_items WHERE id > n ORDER BY id';
SELECT * FROM names_over(1);
SELECT names_over(0);
CREATE FUNCTION rows_of(lim int) RETURNS TABLE (i int, n text) LANGUAGE sql AS $$ SELECT id, name FROM fn_items WHERE id <= lim ORDER BY id $$;
SELECT * FROM rows_of(2);
SELECT r.n FROM rows_of(3) AS r WHERE r.i = 2;
SELECT f.id, r.n FROM fn_items f, rows_of(f.id) r WHERE r.i = f.id ORDER BY 1;
CREATE FUNCTION pair(x int, OUT doubled int, OUT tripled int) LANGUAGE sql AS 'SELECT x * 2, x * 3';
SELECT * FROM pair(5);
CREATE FUNCTION vsum(VARIADIC xs int[]) RETURNS int LANGUAGE sql AS 'SELECT sum(x)::int FROM unnest(xs) x';
SELECT vsum(1, 2, 3), vsum(VARIADIC ARRAY[4, 5]);
CREATE FUNCTION first_of(anyarray) RETURNS anyelement LANGUAGE sql AS 'SELECT $1[1]';
SELECT first_of(ARRAY[7, 8]), first_of(ARRAY['x', 'y']);
CREATE FUNCTION pick(int) RETURNS text LANGUAGE sql AS $$ SELECT 'int' $$;
CREATE FUNCTION pick(bigint) RETURNS text LANGUAGE sql AS $$ SELECT 'bigint' $$;
CREATE FUNCTION pick(text) RETURNS text LANGUAGE sql AS $$ SELECT 'text' $$;
SELECT pick(1), pick(1::bigint), pick('x'), pick(1.5::numeric::int);
SELECT pick(1.5);
CREATE FUNCTION upper(text, int) RETURNS text LANGUAGE sql AS $$ SELECT repeat(upper($1), $2) $$;
SELECT upper('ab'), upper('ab', 2);
-- errors
SELECT nosuch(1);
SELECT add(1, 'x');
SELECT add(1, 2, 3);
SELECT add(a => 1, c => 2);
CREATE FUNCTION add(a integer, b integer) RETURNS integer LANGUAGE sql AS 'SELECT 1';
CREATE OR REPLACE FUNCTION add(a integer, b integer) RETURNS bigint LANGUAGE sql AS 'SELECT 1::bigint';
CREATE OR REPLACE FUNCTION add(x integer, b integer) RETURNS integer LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION bad(a int) RETURNS int LANGUAGE sql AS 'SELECT nocol FROM fn_items';
CREATE FUNCTION bad(a int) RETURNS int LANGUAGE sql AS 'SELECT ''x''::text';
CREATE FUNCTION bad(a int) RETURNS int LANGUAGE sql AS 'SELECT 1, 2';
CREATE FUNCTION bad(a int) RETURNS int LANGUAGE plperl AS 'whatever';
CREATE FUNCTION bad(a int DEFAULT 1, b int) RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION bad(VARIADIC a int) RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION bad(a int, a int) RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION bad(a int) LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION bad(OUT a int, OUT b int) RETURNS int LANGUAGE sql AS 'SELECT 1, 2';
-- replacing keeps callers working
CREATE OR REPLACE FUNCTION add(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT a + b + 1000 $$;
SELECT add(1, 2);
-- procedures
CREATE PROCEDURE put(i int, n text DEFAULT 'dflt') LANGUAGE sql AS $$ INSERT INTO fn_items VALUES (i, n); INSERT INTO fn_items VALUES (i + 1, n || '+') $$;
CALL put(10, 'ten');
CALL put(n => 'twenty', i => 20);
CALL put(30);
SELECT * FROM fn_items WHERE id >= 10 ORDER BY id;
CREATE PROCEDURE atomic_put(i int) BEGIN ATOMIC INSERT INTO fn_items VALUES (i, 'atomic'); END;
CALL atomic_put(40);
SELECT name FROM fn_items WHERE id = 40;
CALL add(1, 2);
SELECT put(1, 'x');
CALL nosuch(1);
-- catalog and psql
SELECT proname, pronargs, pronargdefaults, proretset, provolatile, proisstrict, prokind, proargnames
  FROM pg_proc WHERE proname IN ('add', 'add3', 'names_over', 'put') ORDER BY proname;
SELECT pg_get_function_arguments('add3'::regproc), pg_get_function_result('rows_of'::regproc),
       pg_get_function_identity_arguments('pair'::regproc), pg_get_function_result('put'::regproc) IS NULL AS proc_result;
SELECT 'pick(bigint)'::regprocedure, 'names_over'::regproc::oid > 16384 AS user_oid;
\df add*
\sf add
\sf rows_of
\sf put
-- ALTER and DROP
ALTER FUNCTION add3(int, int, int) RENAME TO add_three;
SELECT add_three(1);
ALTER FUNCTION add_three STABLE;
SELECT provolatile FROM pg_proc WHERE proname = 'add_three';
CREATE SCHEMA fn_other;
ALTER FUNCTION add_three SET SCHEMA fn_other;
SELECT fn_other.add_three(2);
DROP FUNCTION pick;
DROP FUNCTION pick(bigint), pick(text);
SELECT pick(1);
DROP FUNCTION pick(int);
DROP FUNCTION pick(int);
DROP FUNCTION IF EXISTS pick(int);
DROP FUNCTION IF EXISTS nothing_here;
DROP PROCEDURE put;
DROP FUNCTION atomic_put(int);
DROP PROCEDURE atomic_put(int);
DROP FUNCTION fn_other.add_three(int, int, int);
DROP SCHEMA fn_other;
