-- a superuser of its own owns the database, so the script does not depend on the bootstrap superuser's name
CREATE ROLE dp_admin SUPERUSER LOGIN;
CREATE ROLE dp_alice LOGIN;
CREATE ROLE dp_bob LOGIN;
CREATE DATABASE dp_db OWNER dp_admin;
SELECT datacl FROM pg_database WHERE datname = 'dp_db';
REVOKE CONNECT ON DATABASE dp_db FROM PUBLIC;
GRANT CONNECT, TEMP ON DATABASE dp_db TO dp_alice;
GRANT CREATE ON DATABASE dp_db TO dp_bob WITH GRANT OPTION;
GRANT CONNECT ON DATABASE dp_db TO dp_bob;
SELECT datacl FROM pg_database WHERE datname = 'dp_db';
SELECT d.datname, pg_catalog.array_to_string(d.datacl, E'\n') AS "Access privileges" FROM pg_database d WHERE datname = 'dp_db';
GRANT SELECT ON DATABASE dp_db TO dp_alice;
GRANT CONNECT ON DATABASE dp_nosuch TO dp_alice;
GRANT CONNECT ON DATABASE dp_db TO dp_nosuch;
SELECT has_database_privilege('dp_alice', 'dp_db', 'CONNECT'), has_database_privilege('dp_alice', 'dp_db', 'CREATE'),
       has_database_privilege('dp_bob', 'dp_db', 'create with grant option'), has_database_privilege('dp_bob', 'dp_db', 'TEMPORARY');
SELECT has_database_privilege('dp_alice', 'dp_db', 'foo');
\c dp_db dp_alice
CREATE TEMP TABLE dp_tt (a int);
CREATE TABLE public.dp_x (a int);
CREATE SCHEMA dp_s;
\c dp_db dp_admin
REVOKE TEMPORARY ON DATABASE dp_db FROM PUBLIC;
GRANT CREATE ON SCHEMA public TO dp_alice;
CREATE SCHEMA dp_hidden;
CREATE TABLE dp_hidden.t (a int);
INSERT INTO dp_hidden.t VALUES (1);
CREATE FUNCTION dp_hidden.f() RETURNS int LANGUAGE sql AS 'SELECT 1';
\c dp_db dp_bob
CREATE SCHEMA dp_bs;
CREATE TABLE dp_bs.t (a int);
CREATE TEMP TABLE dp_tt (a int);
\c dp_db dp_alice
CREATE TABLE public.dp_x (a int);
SELECT * FROM dp_hidden.t;
SELECT dp_hidden.f();
SET search_path = dp_hidden, public;
SELECT current_schemas(false);
SELECT * FROM t;
CREATE TABLE dp_y (a int);
SELECT has_schema_privilege('dp_hidden', 'USAGE'), has_schema_privilege('public', 'CREATE');
\c dp_db dp_admin
GRANT USAGE ON SCHEMA dp_hidden TO dp_alice;
GRANT SELECT ON dp_hidden.t TO dp_alice;
SELECT nspname, nspacl FROM pg_namespace WHERE nspname = 'dp_hidden';
\c dp_db dp_alice
SET search_path = dp_hidden, public;
SELECT current_schemas(false);
SELECT * FROM t;
SELECT * FROM dp_hidden.t;
CREATE TABLE dp_hidden.z (a int);
\c postgres dp_admin
REVOKE ALL ON DATABASE dp_db FROM dp_alice;
GRANT ALL ON DATABASE dp_db TO dp_alice;
SELECT datacl FROM pg_database WHERE datname = 'dp_db';
REVOKE ALL ON DATABASE dp_db FROM dp_alice, dp_bob;
SELECT datacl FROM pg_database WHERE datname = 'dp_db';
DROP DATABASE dp_db;
DROP ROLE dp_alice;
DROP ROLE dp_bob;
