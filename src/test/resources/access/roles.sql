CREATE ROLE public;
CREATE ROLE none;
CREATE ROLE pg_x;
CREATE ROLE r_alice LOGIN PASSWORD 'secret' CONNECTION LIMIT 3 VALID UNTIL '2030-01-01 00:00:00+00';
CREATE ROLE r_alice;
CREATE USER r_bob CREATEDB;
CREATE GROUP r_g;
CREATE ROLE r_c WITH SUPERUSER CREATEROLE NOINHERIT IN ROLE r_g;
CREATE ROLE r_d LOGIN LOGIN;
CREATE ROLE r_e CONNECTION LIMIT -5;
SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolconnlimit,
       rolvaliduntil IS NOT NULL AS has_valid_until, rolpassword LIKE 'SCRAM-SHA-256$%' AS scram
  FROM pg_authid WHERE rolname LIKE 'r\_%' ORDER BY 1;
SELECT r.rolname AS role, m.rolname AS member, a.admin_option FROM pg_auth_members a
  JOIN pg_authid r ON r.oid = a.roleid JOIN pg_authid m ON m.oid = a.member
  WHERE r.rolname LIKE 'r\_%' ORDER BY 1, 2;
ALTER ROLE r_alice NOLOGIN CONNECTION LIMIT -1;
ALTER USER r_alice RENAME TO r_alicia;
ALTER ROLE nosuch RENAME TO x;
ALTER ROLE r_alicia RENAME TO r_bob;
ALTER ROLE nosuch LOGIN;
SELECT rolname, rolcanlogin, rolconnlimit FROM pg_roles WHERE rolname LIKE 'r\_ali%';
GRANT r_g TO r_alicia, r_bob WITH ADMIN OPTION;
GRANT r_g TO r_alicia;
GRANT nosuch TO r_bob;
GRANT r_g TO nosuch;
REVOKE ADMIN OPTION FOR r_g FROM r_bob;
REVOKE r_g FROM r_alicia;
REVOKE r_g FROM r_alicia;
SELECT r.rolname AS role, m.rolname AS member, a.admin_option FROM pg_auth_members a
  JOIN pg_authid r ON r.oid = a.roleid JOIN pg_authid m ON m.oid = a.member
  WHERE r.rolname LIKE 'r\_%' ORDER BY 1, 2;
GRANT r_g TO r_g;
GRANT r_c TO r_g;
GRANT r_g TO r_c;
CREATE TABLE r_owned (a int);
ALTER TABLE r_owned OWNER TO r_bob;
CREATE SCHEMA r_schema AUTHORIZATION r_bob;
DROP ROLE r_bob;
DROP ROLE nosuch;
DROP ROLE IF EXISTS nosuch, r_alicia;
DROP TABLE r_owned;
DROP SCHEMA r_schema;
BEGIN;
CREATE ROLE r_rolled;
GRANT r_g TO r_rolled;
ROLLBACK;
SELECT count(*) FROM pg_authid WHERE rolname = 'r_rolled';
DROP ROLE r_bob, r_c, r_g, r_d;
DROP ROLE r_bob, r_c, r_g;
SELECT count(*) FROM pg_authid WHERE rolname LIKE 'r\_%';
