-- Arrays over enums, composite types, domains and table row types (compared with PostgreSQL 15)
CREATE TYPE ka_mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE ka_complex AS (r float8, i float8);
CREATE DOMAIN ka_posint AS int CHECK (VALUE > 0);
SELECT t.typname, a.typname AS array_name, a.typelem = t.oid AS elem_ok, a.typcategory
  FROM pg_type t JOIN pg_type a ON a.oid = t.typarray
 WHERE t.typname LIKE 'ka\_%' ORDER BY 1;
-- literals and constructors
SELECT '{happy,sad}'::ka_mood[] AS m, array['ok', 'sad']::ka_mood[] AS c, (array['ok','sad']::ka_mood[])[2] AS s;
SELECT '{angry}'::ka_mood[];
SELECT array[row(1,2)::ka_complex, row(3,4)::ka_complex] AS a, '{"(1,2)","(3.5,-4)"}'::ka_complex[] AS b;
SELECT ('{"(1,2)","(3,4)"}'::ka_complex[])[2].i;
SELECT '{{ok,happy},{sad,ok}}'::ka_mood[] AS two_d, '[0:1]={ok,sad}'::ka_mood[] AS bounded;
SELECT '{1,2}'::ka_posint[] AS d, pg_typeof('{1}'::ka_posint[]), pg_typeof('{ok}'::ka_mood[]);
SELECT array[1, 0]::ka_posint[];
SELECT '{3,-1}'::int[]::ka_posint[];
SELECT array[2, NULL]::ka_posint[];
SELECT '{ok}'::text::ka_mood[] AS from_text, ('{ok,sad}'::ka_mood[])::text AS to_text;
SELECT '{0}'::varchar::ka_posint[];
-- columns
CREATE TABLE ka_people (name text, feelings ka_mood[], points ka_complex[], counts ka_posint[]);
INSERT INTO ka_people VALUES ('a', '{happy,sad}', array[row(1,2),row(3,4)]::ka_complex[], '{1,2}'),
  ('b', array['ok']::ka_mood[], '{"(0,0)"}', '{5}'),
  ('c', '{}', NULL, '{}'),
  ('d', '{sad,NULL,ok}', '{"(1.5,-2)",NULL}', NULL);
INSERT INTO ka_people VALUES ('e', '{angry}', NULL, NULL);
INSERT INTO ka_people (name, counts) SELECT 'e', array[4, -4];
SELECT * FROM ka_people ORDER BY name;
SELECT name, feelings[1], feelings[2:3], points[1].r, counts[1] + 0 AS c FROM ka_people ORDER BY name;
SELECT name FROM ka_people WHERE 'sad' = ANY (feelings) ORDER BY 1;
SELECT name FROM ka_people WHERE 'happy' > ALL (feelings) ORDER BY 1;
-- ordering: enum arrays by label order, composite arrays by record order
SELECT name, feelings FROM ka_people ORDER BY feelings, name;
SELECT name, points FROM ka_people ORDER BY points NULLS FIRST, name;
SELECT max(feelings), min(feelings) FROM ka_people;
SELECT array['happy','sad']::ka_mood[] > array['ok','sad']::ka_mood[] AS gt,
       '{"(1,2)"}'::ka_complex[] < '{"(1,3)"}'::ka_complex[] AS lt;
SELECT feelings = '{happy,sad}' FROM ka_people ORDER BY name;
-- functions
SELECT array_agg(f ORDER BY f) FROM ka_people, unnest(feelings) f;
SELECT unnest(points) FROM ka_people WHERE name = 'a';
SELECT (unnest(points)).* FROM ka_people WHERE name = 'a';
SELECT array_agg(p ORDER BY p) FROM ka_people, unnest(points) p;
SELECT feelings || 'ok'::ka_mood, array_append(feelings, 'happy'), array_position(feelings, 'sad')
  FROM ka_people ORDER BY name;
SELECT array(SELECT unnest('{happy,ok,sad}'::ka_mood[]) ORDER BY 1);
SELECT array_dims(feelings), cardinality(points) FROM ka_people ORDER BY name;
UPDATE ka_people SET feelings[2] = 'ok' WHERE name = 'a';
UPDATE ka_people SET counts[2] = 0 WHERE name = 'a';
SELECT feelings, counts FROM ka_people WHERE name = 'a';
-- stored by OID: renaming a label or adding one changes nothing stored
ALTER TYPE ka_mood RENAME VALUE 'sad' TO 'blue';
ALTER TYPE ka_mood ADD VALUE 'meh' BEFORE 'ok';
SELECT name, feelings FROM ka_people ORDER BY feelings, name;
SELECT '{meh,ok,blue}'::ka_mood[] AS m, array(SELECT unnest('{meh,ok,blue}'::ka_mood[]) ORDER BY 1) AS sorted;
-- table row types have array types
CREATE TABLE ka_pair (a int, b text);
SELECT array[row(1,'x')::ka_pair, row(2,'y z')::ka_pair];
SELECT ('{"(1,x)","(2,\"y z\")"}'::ka_pair[])[2];
SELECT format_type('_ka_pair'::regtype, NULL), '_ka_mood'::regtype, 'ka_posint[]'::regtype, 'ka_complex[]'::regtype;
ALTER TABLE ka_pair RENAME TO ka_pair2;
SELECT typname FROM pg_type WHERE typname LIKE '%ka\_pair%' ORDER BY 1;
DROP TABLE ka_pair2;
SELECT count(*) FROM pg_type WHERE typname LIKE '%ka\_pair%';
-- COPY
COPY (SELECT * FROM ka_people ORDER BY name) TO stdout;
CREATE TABLE ka_people2 (name text, feelings ka_mood[], points ka_complex[], counts ka_posint[]);
COPY ka_people2 FROM stdin;
x	{happy,ok}	{"(1,1)"}	{7}
\.
SELECT * FROM ka_people2;
DROP TABLE ka_people, ka_people2;
DROP TYPE ka_mood, ka_complex;
DROP DOMAIN ka_posint;
