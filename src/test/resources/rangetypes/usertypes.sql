CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
CREATE TYPE textrange2 AS RANGE (subtype = text, collation = "C");
SELECT typname, typtype, typcategory, typlen FROM pg_type
  WHERE typname IN ('floatrange', 'floatmultirange', '_floatrange', '_floatmultirange', 'textrange2', 'textmultirange2')
  ORDER BY typname;
SELECT rngtypid::regtype, rngsubtype::regtype, rngmultitypid::regtype, rngsubdiff::oid AS subdiff FROM pg_range
  WHERE rngtypid = 'floatrange'::regtype;
SELECT proname, pg_get_function_arguments(oid), prorettype::regtype FROM pg_proc
  WHERE proname IN ('floatrange', 'floatmultirange') ORDER BY proname, pronargs;
SELECT '[1.5, 3]'::floatrange, '(,2)'::floatrange, 'empty'::floatrange, '{[1,2), [3,4]}'::floatmultirange;
SELECT floatrange(1, 2), floatrange(1.5, 2.5, '(]'), floatrange(NULL, 4);
SELECT floatrange(3, 1);
SELECT floatrange(1, 2, NULL);
SELECT floatrange(1, 2, 'xx');
SELECT floatmultirange(), floatmultirange(floatrange(1, 2)), floatmultirange(floatrange(5, 6), floatrange(1, 2), floatrange(1.5, 3));
SELECT lower(floatrange(1, 2)), upper(floatrange(1, 2)), isempty(floatrange(1, 1)), lower_inc('(1,2]'::floatrange), upper_inf('[1,)'::floatrange);
SELECT floatrange(1, 5) && floatrange(4, 6), floatrange(1, 5) @> 3.0::float8, floatrange(1, 5) @> floatrange(2, 3),
       floatrange(2, 3) <@ floatrange(1, 5), floatrange(1, 2) -|- floatrange(2, 3), floatrange(1, 2) << floatrange(3, 4);
SELECT floatrange(1, 5) + floatrange(4, 6), floatrange(1, 5) * floatrange(4, 6), floatrange(1, 5) - floatrange(4, 6);
SELECT range_merge(floatrange(1, 2), floatrange(5, 6)), floatrange(1, 2)::floatmultirange;
SELECT floatrange(1, 2) = floatrange(1, 2), floatrange(1, 2) < floatrange(1, 3);
SELECT textrange2('a', 'c') @> 'b'::text, '[a,z)'::textrange2;
SELECT floatrange(1, 2) = '[1,2)'::numrange;
CREATE TABLE rt (id int, r floatrange, m floatmultirange, rs floatrange[]);
INSERT INTO rt VALUES (1, '[1,2)', '{[1,2),[3,4)}', ARRAY[floatrange(1, 2), 'empty']),
  (2, floatrange(0, 10, '[]'), floatmultirange(), '{"[5,6]"}'), (3, NULL, NULL, NULL);
SELECT * FROM rt ORDER BY id;
SELECT id FROM rt WHERE r @> 1.5::float8 ORDER BY id;
SELECT r, count(*) FROM rt GROUP BY r ORDER BY r;
SELECT rs[1], pg_typeof(rs), pg_typeof(r), pg_typeof(m) FROM rt WHERE id = 1;
CREATE DOMAIN posrange AS floatrange CHECK (lower(VALUE) > 0);
SELECT '[1,2]'::posrange;
SELECT '[-1,2]'::posrange;
CREATE TABLE rd (d posrange);
INSERT INTO rd VALUES ('[3,4]');
INSERT INTO rd VALUES ('[-3,4]');
SELECT d, upper(d) FROM rd;
\dT floatrange
CREATE TYPE floatrange AS RANGE (subtype = float8);
CREATE TYPE badrange AS RANGE (subtype = float8, subtype = int4);
CREATE TYPE badrange AS RANGE (subtype = float8, foo = bar);
CREATE TYPE badrange AS RANGE (subtype_diff = float8mi);
CREATE TYPE badrange AS RANGE (subtype = anyelement);
CREATE TYPE badrange AS RANGE (subtype = int4, collation = "C");
CREATE TYPE badrange AS RANGE (subtype = int4, subtype_diff = float8mi);
CREATE TYPE badrange AS RANGE (subtype = int4, subtype_diff = int4mi);
CREATE TYPE badrange AS RANGE (subtype = int4, canonical = int4range_canonical);
CREATE TYPE badrange AS RANGE (subtype = no_such_type);
CREATE TYPE float8range2 AS RANGE (subtype = float8, multirange_type_name = floatmultirange);
CREATE TYPE myrange AS RANGE (subtype = int8, multirange_type_name = my_multi);
SELECT my_multi(myrange(1, 3)), '{[1,3]}'::my_multi, myrange(1, 3, '[]');
CREATE TYPE intr AS RANGE (subtype = int4);
SELECT 'intr'::regtype, 'intr_multirange'::regtype, intr(1, 2);
CREATE TYPE myshell;
SELECT typname, typtype, typisdefined FROM pg_type WHERE typname = 'myshell';
CREATE TYPE myshell;
CREATE TYPE myshell AS RANGE (subtype = date);
SELECT typname, typtype, typisdefined FROM pg_type WHERE typname = 'myshell';
SELECT myshell('2020-01-01', '2020-02-01');
CREATE TYPE basetype (input = no_such_in, output = no_such_out);
CREATE TYPE baseshell;
CREATE TYPE baseshell (input = no_such_in, output = no_such_out);
CREATE TYPE baseshell (output = no_such_out);
CREATE TYPE baseshell (input = no_such_in, output = no_such_out, like = no_such_type);
CREATE TABLE shelltable (s baseshell);
DROP TYPE floatmultirange;
DROP TABLE rt;
DROP DOMAIN posrange CASCADE;
CREATE TABLE rm (m floatmultirange);
DROP TYPE floatrange;
DROP TYPE floatrange CASCADE;
SELECT count(*) FROM pg_type WHERE typname LIKE '%floatrange%' OR typname LIKE '%floatmultirange%';
SELECT count(*) FROM pg_proc WHERE proname IN ('floatrange', 'floatmultirange');
DROP TABLE rm, rd;
SELECT count(*) FROM pg_range WHERE rngtypid IN ('textrange2'::regtype, 'myrange'::regtype, 'intr'::regtype, 'myshell'::regtype);
DROP TYPE textrange2, myrange, intr, myshell, baseshell;
