-- array literals: text I/O, bounds, quoting, multiple dimensions, errors
SELECT '{1,2,NULL}'::int[] AS a, '[0:1]={x,"y z"}'::text[] AS b, '{{1,2},{3,4}}'::int4[] AS c;
SELECT '{a b,"",NULL,"NULL","x\\y"}'::text[] AS quoted, '  { 1 , 2 }  '::integer ARRAY AS spaced, '{}'::int[] AS empty;
SELECT '{1,2'::int[];
SELECT '{{1},2}'::int[];
SELECT '{1,{2}}'::int[];
SELECT '1'::int[];
SELECT '{1}x'::int[];
SELECT '{{1,2},{3}}'::int[];
SELECT '{1,,2}'::int[];
SELECT '[1:2]={1}'::int[];
SELECT '[2:1]={}'::int[];
SELECT '[1:2]{1,2}'::int[];
SELECT '{{{{{{{1}}}}}}}'::int[];
SELECT '{a}'::int[];
-- constructors, subscripts, slices
SELECT ARRAY[1,2,3] AS a, ARRAY['x','y'] AS b, ARRAY[[1,2],[3,4]] AS c, ARRAY[1,2.5] AS d, ARRAY[]::int[] AS e;
SELECT (ARRAY[1,2,3])[2], (ARRAY[1,2,3])[2:3], (ARRAY[[1,2],[3,4]])[2][1], (ARRAY[[1,2],[3,4]])[1:1][2], (ARRAY[1,2,3])[:2], (ARRAY[1,2,3])[5];
SELECT ARRAY(SELECT generate_series(1, 4)) AS series, ARRAY(SELECT 'x' WHERE false) AS none;
SELECT ARRAY[1,2]::bigint[] AS widened, '{1,2}'::int[]::text[] AS texts, (ARRAY[1.5,2.5])::int[] AS rounded;
SELECT ARRAY[];
SELECT ARRAY[1, 'x'];
SELECT (1)[1];
-- ANY / ALL over arrays
SELECT 2 = ANY(ARRAY[1,2,3]) AS t1, 5 = ANY('{1,2}') AS f1, 1 <> ALL(ARRAY[2,3]) AS t2, NULL::int = ANY(ARRAY[1]) AS n1,
       1 = ANY(ARRAY[NULL,2]) AS n2, 1 = ANY('{}'::int[]) AS f2, 1 = ALL('{}'::int[]) AS t3, 1.5 < ALL(ARRAY[2,3]) AS t4;
SELECT 1 = ANY(1);
-- table columns
CREATE TABLE arr_items (id int, tags text[], scores int[], prices numeric(6,2)[]);
INSERT INTO arr_items VALUES (1, ARRAY['a','b'], '{1,2,3}', '{1.5,2}'), (2, '{c}', ARRAY[4], NULL), (3, '{}', '{{1,2},{3,4}}', '{}');
SELECT * FROM arr_items ORDER BY id;
SELECT id FROM arr_items WHERE 'a' = ANY(tags);
SELECT id, scores[1], tags[2], array_length(scores, 1) FROM arr_items ORDER BY scores;
SELECT id FROM arr_items WHERE tags @> ARRAY['b'] OR scores && ARRAY[4];
UPDATE arr_items SET tags = tags || 'z'::text WHERE id = 2;
SELECT tags FROM arr_items WHERE id = 2;
-- functions
SELECT array_length(ARRAY[1,2,3],1), array_lower('[2:3]={1,2}'::int[],1), array_upper('[2:3]={1,2}'::int[],1),
       cardinality(ARRAY[[1,2],[3,4]]), array_dims(ARRAY[[1,2],[3,4]]), array_ndims('{}'::int[]);
SELECT array_append(ARRAY[1,2],3), array_prepend(0,ARRAY[1,2]), array_cat(ARRAY[1,2],ARRAY[3]), ARRAY[1,2] || 3,
       0 || ARRAY[1], ARRAY[1] || ARRAY[2,3], array_append(NULL, 1), ARRAY[1] || '{2}';
SELECT array_position(ARRAY['a','b','c'],'b'), array_positions(ARRAY[1,2,1],1), array_remove(ARRAY[1,2,1],1),
       array_replace(ARRAY[1,2,1],1,9);
SELECT array_to_string(ARRAY[1,NULL,3], ','), array_to_string(ARRAY[1,NULL,3], ',', '*'),
       string_to_array('a,b,,c', ','), string_to_array('abc', NULL), string_to_array('a,x,b', ',', 'x');
SELECT ARRAY[1,2] = ARRAY[1,2], ARRAY[1,2] < ARRAY[1,3], ARRAY[1,2,3] @> ARRAY[2], ARRAY[1] <@ ARRAY[1,2],
       ARRAY[1,2] && ARRAY[2,5], ARRAY[1,2] <> '{1,2}';
SELECT ARRAY[1,2] = ARRAY[1::bigint];
SELECT array_cat(ARRAY[[1,2]], ARRAY[3]);
-- unnest and array_agg
SELECT unnest(ARRAY[1,2,3]) AS u;
SELECT * FROM unnest(ARRAY['a','b']) AS u;
SELECT array_agg(x) FROM generate_series(1,4) x;
SELECT array_agg(x) FROM generate_series(1,0) x;
SELECT x % 2 AS parity, array_agg(x::text) FROM generate_series(1,5) x GROUP BY x % 2 ORDER BY 1;
SELECT tags, count(*) FROM arr_items GROUP BY tags ORDER BY tags;
SELECT ARRAY(SELECT ARRAY[i, i * 10] FROM generate_series(1, 3) i) AS stacked, array_fill(7, ARRAY[2,2], ARRAY[0,1]) AS filled;
SELECT max(scores), min(scores) FROM arr_items;
SELECT array_fill(1, ARRAY[1,NULL]);
DROP TABLE arr_items;
