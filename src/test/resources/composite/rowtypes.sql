SELECT ROW(1, 'a b', NULL), (1, 2) AS r, ROW('', 'x"y', 'a\b');
CREATE TYPE inner_t AS (a int, b text);
CREATE TYPE outer_t AS (i inner_t, n numeric);
CREATE TABLE nest (id int, o outer_t, p inner_t);
INSERT INTO nest VALUES (1, ROW(ROW(1, 'x'), 2.5), ROW(3, 'y'));
INSERT INTO nest (id, p.a, p.b) VALUES (2, 7, 'seven');
INSERT INTO nest VALUES (3, NULL, '(4,"four words")'), (4, NULL, ROW(NULL, NULL));
UPDATE nest SET p.b = 'changed', o.n = 9 WHERE id = 1;
UPDATE nest SET o.i.a = 42 WHERE id = 1;
SELECT * FROM nest ORDER BY id;
SELECT id, ((o).i).a, (o).n, (p).b FROM nest ORDER BY id;
SELECT n FROM nest n ORDER BY id;
SELECT id, p IS NULL AS isnull, p IS NOT NULL AS notnull FROM nest ORDER BY id;
SELECT id FROM nest WHERE p = ROW(3, 'changed')::inner_t;
SELECT p, count(*) FROM nest GROUP BY p ORDER BY p;
SELECT ROW(1, 2) < ROW(1, 3), ROW(1, NULL) IS NULL, ROW(NULL, NULL) IS NULL;
SELECT ROW(1, 2)::text, (ROW(1, 2)).f2, pg_typeof(ROW(1, 2)), pg_typeof(p) FROM nest WHERE id = 1;
UPDATE nest SET p.zz = 1;
UPDATE nest SET id.zz = 1;
SELECT (p).nope FROM nest;
SELECT (id).x FROM nest;
SELECT '(1,2'::inner_t;
SELECT '(1,2,3)'::inner_t;
SELECT '(1,2)'::record;
CREATE FUNCTION mk(int) RETURNS inner_t LANGUAGE sql AS $$ SELECT $1, 'made' $$;
SELECT mk(5), (mk(7)).b;
SELECT * FROM mk(6);
DROP FUNCTION mk(int);
\d inner_t
DROP TYPE inner_t;
DROP TYPE outer_t CASCADE;
SELECT * FROM nest ORDER BY id;
DROP TYPE IF EXISTS outer_t;
CREATE TYPE two AS (a int, b text);
ALTER TYPE two ADD ATTRIBUTE c numeric;
ALTER TYPE two RENAME ATTRIBUTE b TO bb;
ALTER TYPE two DROP ATTRIBUTE IF EXISTS zz;
ALTER TYPE two DROP ATTRIBUTE a;
SELECT '(x,1.5)'::two, ('(x,1.5)'::two).bb;
ALTER TYPE two RENAME TO three;
\d three
CREATE TABLE graph (f int, t int, label text);
INSERT INTO graph VALUES (1, 2, 'arc 1 -> 2'), (1, 3, 'arc 1 -> 3'), (2, 3, 'arc 2 -> 3'), (1, 4, 'arc 1 -> 4'), (4, 5, 'arc 4 -> 5'), (5, 1, 'arc 5 -> 1');
WITH RECURSIVE search_graph(f, t, label) AS (
  SELECT * FROM graph g
  UNION ALL
  SELECT g.f, g.t, g.label FROM graph g, search_graph sg WHERE g.f = sg.t
) CYCLE f, t SET is_cycle USING path
SELECT * FROM search_graph ORDER BY path;
WITH RECURSIVE search_graph(f, t, label) AS (
  SELECT * FROM graph g
  UNION ALL
  SELECT g.f, g.t, g.label FROM graph g, search_graph sg WHERE g.f = sg.t
) SEARCH DEPTH FIRST BY f, t SET seq
  CYCLE f, t SET is_cycle TO 'Y' DEFAULT 'N' USING path
SELECT f, t, seq, is_cycle FROM search_graph ORDER BY seq;
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 4) SEARCH DEPTH FIRST BY n SET ord SELECT * FROM t ORDER BY ord;
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 4) SEARCH DEPTH FIRST BY x SET ord SELECT * FROM t;
