-- range and multirange types: input, output, constructors, functions, operators
SELECT '[1,5)'::int4range, '(,10]'::int4range, 'empty'::int4range, ' EMPTY '::int4range;
SELECT '(1,5]'::int4range, '[1,5]'::int8range, '(1.5,2.25]'::numrange, '[,)'::numrange;
SELECT '[3,3)'::int4range, '[3,3]'::int4range, '(3,4)'::int4range;
SELECT '["1", " 5")'::int4range, '( 1 , 5 )'::numrange;
SELECT '[2000-01-01,2000-02-01)'::daterange, '(2000-01-01,2000-02-01]'::daterange, '[-infinity,infinity]'::daterange;
SELECT '["2020-01-01 10:00","2020-01-02 12:30")'::tsrange;
SET TimeZone = 'UTC';
SELECT tstzrange('2020-01-01 10:00+02', '2020-01-01 12:00+02', '[]');
SELECT '[1,5'::int4range;
SELECT '1,5)'::int4range;
SELECT '[1 5)'::int4range;
SELECT '[1,5,6)'::int4range;
SELECT '[1,5)x'::int4range;
SELECT 'emptyx'::int4range;
SELECT '[5,1)'::int4range;
SELECT '[a,1)'::int4range;
SELECT int4range(1,5), int4range(1,5,'[]'), int4range(1,5,'()'), int4range(1,2,'()'), int4range(NULL, 5), int4range(1, NULL, '[]');
SELECT numrange(1.5, 2.5, '(]'), int8range(10, 20), daterange('2000-01-01', '2000-01-10', '[]');
SELECT int4range(1, 5, 'x');
SELECT int4range(1, 5, NULL);
SELECT int4range(5, 1);
SELECT int4range(1, 2147483647, '[]');
SELECT lower(int4range(1,5)), upper(int4range(1,5)), isempty(int4range(1,5)), isempty('empty'::int4range);
SELECT lower_inc('[1,5)'::numrange), upper_inc('[1,5)'::numrange), lower_inf('(,5)'::numrange), upper_inf('(,5)'::numrange);
SELECT lower('empty'::int4range) IS NULL AS l, upper('(,)'::int4range) IS NULL AS u;
-- comparison
SELECT int4range(1,5) = int4range(1,5,'[)'), int4range(1,5) = int4range(1,4,'[]'), int4range(1,5) <> int4range(1,6);
SELECT int4range(1,5) < int4range(1,6), int4range(1,5) < int4range(2,3), 'empty'::int4range < int4range(1,2), '(,1)'::int4range < '[0,1)'::int4range;
SELECT numrange(1.0, 2.0) = numrange(1.00, 2.000);
-- containment and position
SELECT int4range(1,5) @> 3, int4range(1,5) @> 5, 4 <@ int4range(1,5), int4range(1,5) @> int4range(2,3), int4range(2,3) <@ int4range(1,5);
SELECT int4range(1,5) @> 'empty'::int4range, numrange(1,5) @> 3.5;
SELECT numrange(1,5) @> 3;
SELECT int4range(1,5) && int4range(4,8), int4range(1,5) && int4range(5,8), int4range(1,5) << int4range(5,8), int4range(5,8) >> int4range(1,5);
SELECT int4range(1,5) &< int4range(2,8), int4range(1,9) &< int4range(2,8), int4range(3,5) &> int4range(2,8), int4range(1,5) -|- int4range(5,8);
SELECT numrange(1,2) -|- numrange(2,3), numrange(1,2,'[]') -|- numrange(2,3), numrange(1,2) -|- numrange(2,3,'()');
-- set operations
SELECT int4range(1,5) + int4range(4,8), int4range(1,5) + int4range(5,8), int4range(1,5) * int4range(3,8), int4range(1,5) * int4range(6,8);
SELECT int4range(1,5) - int4range(3,8), int4range(1,5) - int4range(0,2), int4range(1,5) - int4range(0,8), int4range(1,5) - int4range(6,8);
SELECT int4range(1,5) + int4range(7,8);
SELECT int4range(1,9) - int4range(3,5);
SELECT range_merge(int4range(1,5), int4range(7,8)), range_merge('empty'::int4range, int4range(7,8));
SELECT int4range(1,5) = '[1,5)';
-- multiranges
SELECT '{[1,3), [4,6),(7,9], empty}'::int4multirange, '{}'::nummultirange, ' { [1.5,2) } '::nummultirange, '{[1,3), [3,6)}'::int4multirange;
SELECT '{[1,2), (2,3)}'::nummultirange, numrange(1,2) && numrange(2,3,'()'), numrange(1,2,'[]') && numrange(2,3), numrange(1,2) < numrange(1,2,'[]');
SELECT '[1,2)'::int4multirange;
SELECT '{[1,2)'::int4multirange;
SELECT '{[1,2) [3,4)}'::int4multirange;
SELECT '{[1,2)}x'::int4multirange;
SELECT '{x}'::int4multirange;
SELECT int4multirange(), int4multirange(int4range(1,3)), int4multirange(int4range(5,6), int4range(1,3), int4range(2,4));
SELECT multirange(int4range(1,5)), multirange('empty'::int4range), int4range(1,5)::int4multirange;
SELECT lower('{[1,3),[5,7)}'::int4multirange), upper('{[1,3),[5,7)}'::int4multirange), isempty('{}'::int4multirange), range_merge('{[1,3),[5,7)}'::int4multirange);
SELECT unnest('{[1,3),[5,7),[10,11)}'::int4multirange);
SELECT '{[1,3),[5,7)}'::int4multirange @> 2, '{[1,3),[5,7)}'::int4multirange @> 4, '{[1,3),[5,7)}'::int4multirange @> int4range(5,6), '{[1,3),[5,7)}'::int4multirange && int4range(3,5);
SELECT '{[1,3),[5,7)}'::int4multirange + '{[2,6)}'::int4multirange, '{[1,10)}'::int4multirange - '{[2,3),[5,6)}'::int4multirange, '{[1,5),[7,9)}'::int4multirange * '{[3,8)}'::int4multirange;
SELECT '{[1,3),[5,7)}'::int4multirange = '{[1,3),[5,7)}'::int4multirange, '{[1,3)}'::int4multirange < '{[1,3),[5,7)}'::int4multirange, '{[1,3)}'::int4multirange << int4range(4,5), int4range(3,4) -|- '{[1,3)}'::int4multirange;
-- aggregates
SELECT range_agg(r) FROM (VALUES (int4range(1,3)), (int4range(2,5)), (int4range(8,9)), (NULL)) v(r);
SELECT range_intersect_agg(r) FROM (VALUES (int4range(1,10)), (int4range(2,5)), (int4range(3,9))) v(r);
SELECT range_agg(m) FROM (VALUES ('{[1,2)}'::int4multirange), ('{[2,4),[8,9)}'::int4multirange)) v(m);
-- tables: ordering, grouping, indexes, uniqueness
CREATE TABLE reservations (id int, during tsrange, seats int4range);
INSERT INTO reservations VALUES (1, '[2020-01-01 10:00, 2020-01-01 12:00)', '[1,4)'), (2, '[2020-01-01 11:00, 2020-01-01 13:00)', '[4,6]'),
  (3, 'empty', '[1,4)'), (4, NULL, '(,3)'), (5, '[2020-01-01 09:00,)', '[1,4)');
SELECT * FROM reservations ORDER BY during;
SELECT seats, count(*) FROM reservations GROUP BY seats ORDER BY seats;
SELECT DISTINCT seats FROM reservations ORDER BY seats DESC;
SELECT id FROM reservations WHERE during @> '2020-01-01 11:30'::timestamp ORDER BY id;
SELECT id FROM reservations WHERE seats && int4range(3,5) ORDER BY id;
CREATE INDEX reservations_seats ON reservations (seats);
SELECT id FROM reservations WHERE seats = '[1,4)' ORDER BY id;
CREATE UNIQUE INDEX reservations_during ON reservations (during);
INSERT INTO reservations VALUES (6, '[2020-01-01 10:00, 2020-01-01 12:00)', '[1,2)');
SELECT a.id, b.id FROM reservations a JOIN reservations b ON a.seats = b.seats AND a.id < b.id ORDER BY 1, 2;
UPDATE reservations SET seats = seats * int4range(2,10) WHERE id = 1;
SELECT id, seats, lower(seats), upper(seats) FROM reservations ORDER BY id;
SELECT pg_typeof(int4range(1,2)), pg_typeof(lower(int8range(1,2))), pg_typeof(range_agg(int4range(1,2)));
SELECT rngtypid::regtype, rngsubtype::regtype, rngmultitypid::regtype, rngcanonical, rngsubdiff FROM pg_range ORDER BY rngtypid;
SELECT typname, typtype, typcategory FROM pg_type WHERE typtype IN ('r', 'm') ORDER BY oid;
DROP TABLE reservations;
-- SQL functions over anyrange / anymultirange
CREATE FUNCTION range_width(r anyrange) RETURNS anyelement LANGUAGE sql AS 'SELECT upper(r) - lower(r)';
CREATE FUNCTION whole(m anymultirange) RETURNS anyrange LANGUAGE sql AS 'SELECT range_merge(m)';
SELECT range_width(int4range(3, 10)), range_width(numrange(1.5, 4)), whole('{[1,2),[5,9)}'::int8multirange);
SELECT range_width(ARRAY[1]);
DROP FUNCTION range_width(anyrange);
DROP FUNCTION whole(anymultirange);
