-- assignment to fields and elements of columns (transformAssignmentIndirection)
CREATE TYPE fa_pair AS (a int, b text[]);
CREATE TABLE fa_t (id int PRIMARY KEY, c fa_pair, arr int[], cs fa_pair[], m int[][]);
INSERT INTO fa_t VALUES (1, '(1,{x})', '{1,2}', NULL, '{{1,2},{3,4}}');
-- fields, subscripts and chains of both
UPDATE fa_t SET c.b[1] = 1.5 RETURNING c;
UPDATE fa_t SET (c.a, arr[3]) = (5, 9) RETURNING c, arr;
UPDATE fa_t SET cs[2].b[2] = 'q', cs[2].a = 7 RETURNING cs;
UPDATE fa_t SET c.b[2:3] = '{p,q}' RETURNING c;
UPDATE fa_t SET arr[1] = 10, arr[2] = 20, arr[6] = 60 RETURNING arr;
UPDATE fa_t SET m[2][1] = 30, m[1:1][1:2] = '{{7,8}}' RETURNING m;
UPDATE fa_t SET (arr[1], c.a) = (SELECT 100, 200) RETURNING arr, c;
INSERT INTO fa_t (id, c.a, c.b[2]) VALUES (2, 3, 'z') RETURNING *;
INSERT INTO fa_t (id, cs[1].a, cs[1].b[1], cs[1].b[2]) VALUES (3, 1, 'u', 'v') RETURNING cs;
INSERT INTO fa_t (id, arr[2:3]) SELECT 4, '{4,5}'::int[] RETURNING arr, array_dims(arr);
-- ON CONFLICT and MERGE
INSERT INTO fa_t (id, arr[1]) VALUES (1, 0)
  ON CONFLICT (id) DO UPDATE SET arr[1] = excluded.arr[1] - 1, c.b[1] = 'conflict' RETURNING arr, c;
MERGE INTO fa_t t USING (VALUES (2, 'merged'), (5, 'new')) AS s(id, v) ON t.id = s.id
  WHEN MATCHED THEN UPDATE SET c.b[1] = s.v
  WHEN NOT MATCHED THEN INSERT (id, c.b[1], arr[3]) VALUES (s.id, s.v, s.id);
SELECT * FROM fa_t ORDER BY id;
-- errors
UPDATE fa_t SET c.a = 'x';
UPDATE fa_t SET arr[1] = 'x';
UPDATE fa_t SET c.zz = 1;
UPDATE fa_t SET arr.zz = 1;
UPDATE fa_t SET id[1] = 1;
UPDATE fa_t SET c.* = 1;
UPDATE fa_t SET c.b[1] = DEFAULT;
UPDATE fa_t SET arr[1] = DEFAULT;
UPDATE fa_t SET c.a = '{1}'::int[];
UPDATE fa_t SET c.b[1] = '{1}'::int[];
UPDATE fa_t SET arr[1] = now();
UPDATE fa_t SET arr[NULL] = 1;
UPDATE fa_t SET arr[1:NULL] = '{1}';
UPDATE fa_t SET m[3][1] = 1 WHERE id = 1;
UPDATE fa_t SET m[1] = 1 WHERE id = 1;
UPDATE fa_t SET c = NULL, c.a = 1;
INSERT INTO fa_t (id, c, c.a) VALUES (9, NULL, 1);
-- a domain over an array is checked on the whole new value
CREATE DOMAIN fa_posarr AS int[] CHECK (value[1] > 0);
CREATE TABLE fa_d (d fa_posarr);
INSERT INTO fa_d VALUES ('{1,2}');
UPDATE fa_d SET d[1] = -1;
UPDATE fa_d SET d[2] = 5 RETURNING *;
INSERT INTO fa_d (d[1]) VALUES (-5);
INSERT INTO fa_d (d[1], d[2]) VALUES (3, 4) RETURNING d;
-- PL/pgSQL element and field assignment
DO $$
DECLARE
  v int[];
  r record;
  i int := 2;
BEGIN
  v[3] := 30;
  v[1] := 10;
  v[i] := i * 10;
  SELECT 1 AS a, '{x}'::text[] AS b INTO r;
  r.a := 5;
  RAISE NOTICE 'v = %, dims %, r.a = %', v, array_dims(v), r.a;
END $$;
DO $$
DECLARE
  v int[] := '{1}';
BEGIN
  v[NULL] := 1;
END $$;
DROP TABLE fa_d;
DROP DOMAIN fa_posarr;
DROP TABLE fa_t;
DROP TYPE fa_pair;
