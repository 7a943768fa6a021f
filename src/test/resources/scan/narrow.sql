-- Scans deform only the columns the plan reads: every query below reads some columns of wide
-- rows (nulls, long and short varlenas before and after them) and must see the right values.
CREATE TABLE nw_t (id int, note text, grp int2, big int8, amount numeric, pad char(40), flag bool);
INSERT INTO nw_t SELECT i, CASE WHEN i % 5 = 0 THEN NULL WHEN i % 7 = 0 THEN repeat('n', 200) ELSE 'n' || i END,
    (i % 4)::int2, CASE WHEN i % 6 = 0 THEN NULL ELSE i * 1000000000000 END, i / 8.0, 'p' || i, i % 3 = 0
    FROM generate_series(1, 400) i;
CREATE TABLE nw_g (grp int2, label text, weight int);
INSERT INTO nw_g VALUES (0, 'zero', 10), (1, 'one', 20), (2, 'two', 30), (5, 'five', 50);
SELECT count(*) FROM nw_t;
SELECT count(note), count(big), count(pad) FROM nw_t;
SELECT grp, count(*), sum(id), avg(id), sum(big), avg(big), sum(grp), avg(grp) FROM nw_t GROUP BY grp ORDER BY grp;
SELECT flag, max(note), min(pad), sum(amount), avg(amount) FROM nw_t GROUP BY flag ORDER BY flag;
SELECT id, length(note) FROM nw_t WHERE big IS NULL AND note IS NOT NULL ORDER BY id LIMIT 5;
SELECT pad FROM nw_t WHERE id IN (7, 35, 399) ORDER BY 1;
SELECT g.label, sum(t.id), count(t.note) FROM nw_t t JOIN nw_g g ON g.grp = t.grp GROUP BY g.label ORDER BY 1;
SELECT g.label, t.note FROM nw_g g LEFT JOIN nw_t t ON t.grp = g.grp AND t.id < 9 ORDER BY 1, 2;
SELECT t.id, g.weight FROM nw_t t RIGHT JOIN nw_g g ON g.grp = t.grp AND t.id > 396 ORDER BY 1, 2;
SELECT t.pad FROM nw_t t FULL JOIN nw_g g ON g.grp = t.grp + 3 WHERE t.id > 398 OR t.id IS NULL ORDER BY 1;
SELECT label FROM nw_g g WHERE EXISTS (SELECT 1 FROM nw_t t WHERE t.grp = g.grp AND t.note LIKE 'nnn%') ORDER BY 1;
SELECT label FROM nw_g g WHERE NOT EXISTS (SELECT 1 FROM nw_t t WHERE t.grp = g.grp) ORDER BY 1;
SELECT id, (SELECT label FROM nw_g g WHERE g.grp = t.grp) FROM nw_t t WHERE id % 97 = 0 ORDER BY id;
SELECT id, note, big FROM nw_t ORDER BY amount DESC, id LIMIT 3;
SELECT DISTINCT grp, flag FROM nw_t ORDER BY 1, 2;
SELECT grp, sum(id) OVER (PARTITION BY grp) FROM nw_t WHERE id < 6 ORDER BY 1, 2;
SELECT grp, flag, count(*) FROM nw_t GROUP BY GROUPING SETS ((grp), (flag), ()) ORDER BY 1, 2, 3;
SELECT id FROM nw_t WHERE id < 3 UNION ALL SELECT weight FROM nw_g ORDER BY 1;
WITH w AS (SELECT grp, big FROM nw_t WHERE id > 395) SELECT grp, big FROM w ORDER BY 1, 2;
-- columns dropped and added after the rows were written
ALTER TABLE nw_t DROP COLUMN note;
ALTER TABLE nw_t ADD COLUMN extra int DEFAULT 42;
SELECT sum(extra), count(pad), sum(id) FROM nw_t;
SELECT id, pad, extra FROM nw_t WHERE id > 398 ORDER BY id;
-- integer sums and averages that leave bigint's range
CREATE TABLE nw_big (v int8, w int4);
INSERT INTO nw_big VALUES (9223372036854775807, 2147483647), (9223372036854775807, 2147483647), (-5, -3);
SELECT sum(v), avg(v), sum(w), avg(w) FROM nw_big;
SELECT sum(v), avg(v), sum(w), avg(w), count(*) FROM nw_big WHERE v = 0;
SELECT sum(x), avg(x) FROM (VALUES (-9223372036854775807 - 1), (-1::int8)) s(x);
SELECT sum(x) FROM (VALUES (9223372036854775807::int8), (1::int8), (-2::int8)) s(x);
DROP TABLE nw_t, nw_g, nw_big;
