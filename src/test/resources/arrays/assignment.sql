-- element and slice assignment in UPDATE and INSERT
CREATE TABLE arr_assign (id int, a int[], b text[], c int[][]);
INSERT INTO arr_assign VALUES (1, '{1,2,3}', '{x,y}', '{{1,2},{3,4}}'), (2, '[0:2]={10,20,30}', NULL, NULL);
UPDATE arr_assign SET a[2] = 20 WHERE id = 1;
UPDATE arr_assign SET a[5] = 50 WHERE id = 1;
UPDATE arr_assign SET a[1:2] = '{7,8}' WHERE id = 1;
UPDATE arr_assign SET c[2][1] = 9, b[4] = 'w' WHERE id = 1;
SELECT id, a, b, c FROM arr_assign ORDER BY id;
UPDATE arr_assign SET a[-2] = -2, a[0] = 0 WHERE id = 2 RETURNING a, array_lower(a, 1);
UPDATE arr_assign SET a[:1] = '{5,6,7,8,9}' WHERE id = 2 RETURNING a;
UPDATE arr_assign SET b[2] = 'null array', c[1:1][1:2] = '{{5,6}}' WHERE id = 2 RETURNING b, c;
UPDATE arr_assign SET c[1:2][2] = '{11,12,13,14}' WHERE id = 1 RETURNING c;
UPDATE arr_assign SET a[2:3] = NULL WHERE id = 1 RETURNING a;
INSERT INTO arr_assign (id, a[1], a[3], b[2:3]) VALUES (3, 1, 3, '{p,q}') RETURNING *;
INSERT INTO arr_assign (id, a[2]) SELECT 4, 42 RETURNING a, array_dims(a);
SELECT id, a FROM arr_assign WHERE a[1] IS NOT NULL ORDER BY id;
-- errors
UPDATE arr_assign SET c[3][1] = 1 WHERE id = 1;
UPDATE arr_assign SET c[1] = 1 WHERE id = 1;
UPDATE arr_assign SET a[1][1] = 1 WHERE id = 1;
UPDATE arr_assign SET a[NULL] = 1;
UPDATE arr_assign SET a[3:2] = '{1}' WHERE id = 1;
UPDATE arr_assign SET a[1:3] = '{1}' WHERE id = 1;
UPDATE arr_assign SET b[1:] = '{z}' WHERE id = 4;
UPDATE arr_assign SET a[1] = 'x';
UPDATE arr_assign SET a[1] = '{1}'::int[];
UPDATE arr_assign SET id[1] = 1;
UPDATE arr_assign SET a[1] = 1, a = '{}';
UPDATE arr_assign SET a[1] = DEFAULT;
INSERT INTO arr_assign (a, a[1]) VALUES ('{}', 1);
UPDATE arr_assign SET a[2147483647] = 1 WHERE id = 1;
-- functions
SELECT trim_array('{1,2,3}'::int[], 1), trim_array('{{1,2},{3,4},{5,6}}'::int[], 2), trim_array('[-1:1]={1,2,3}'::int[], 3);
SELECT trim_array('{1,2,3}'::int[], 4);
SELECT ('{}'::int[])[1][2][3][4][5][6][7];
SELECT array_fill(42, '{}') = '{}' AS empty_fill, array_fill(42, '{}', '{}') AS with_bounds;
SELECT * FROM generate_subscripts('[-1:1]={1,2,3}'::int[], 1) AS s;
SELECT generate_subscripts('{{1,2},{3,4}}'::int[], 2, true) AS s, generate_subscripts('{1}'::int[], 3) AS none;
SELECT array_agg(a ORDER BY id) FROM arr_assign WHERE id IN (1, 3);
SELECT array_agg(a) FROM (VALUES ('{1,2}'::int[]), ('{3}')) v(a);
SELECT array_agg(a) FROM (VALUES ('{1,2}'::int[]), (NULL)) v(a);
SELECT array_agg(a) FROM (VALUES ('{}'::int[])) v(a);
-- ROWS FROM and unnest of several arrays
SELECT * FROM ROWS FROM (generate_series(1, 3), unnest('{a,b}'::text[])) WITH ORDINALITY AS t(n, letter, ord);
SELECT * FROM unnest('{1,2}'::int[], '{x,y,z}'::text[]);
SELECT u.* FROM unnest('{1,2}'::int[], '{x}'::text[]) WITH ORDINALITY AS u;
SELECT x.id, r.* FROM arr_assign x, ROWS FROM (unnest(x.a), generate_subscripts(x.a, 1)) AS r(v, i) WHERE x.id = 3;
-- ORDER BY ... USING
SELECT id FROM arr_assign ORDER BY id USING >;
SELECT id FROM arr_assign ORDER BY a[1] USING < NULLS FIRST, id;
SELECT id FROM arr_assign ORDER BY id USING =;
DROP TABLE arr_assign;
