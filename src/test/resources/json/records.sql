-- record-returning JSON functions (json(b)_each, populate_record(set), to_record(set)) and
-- column definition lists; expected output from PostgreSQL 15
CREATE TYPE jpop AS (a text, b int, c timestamp);
CREATE TYPE jsrec_inner AS (x int, y text);
CREATE TYPE jsrec AS (i int, t text, ia int[], ta text[], j json, jb jsonb, r jsrec_inner, n numeric, v varchar(3));
CREATE TABLE jdocs (id int, j json, jb jsonb);
INSERT INTO jdocs VALUES (1, '{"a":1,"b":"x"}', '{"b":[1,2],"a":{"c":true}}'), (2, '{"c":null}', '{}');

-- json(b)_each and _text
SELECT * FROM json_each('{"f1":[1,2,3],"f2":{"f3":1},"f4":null,"f5":99,"f6":"stringy"}') q;
SELECT * FROM jsonb_each('{"f1":[1,2,3],"f2":{"f3":1},"f4":null,"f5":99,"f6":"stringy"}') q;
SELECT * FROM json_each_text('{"f1":[1,2,3],"f2":{"f3":1},"f4":null,"f5":99,"f6":"stringy"}') q;
SELECT * FROM jsonb_each_text('{"f1":[1,2,3],"f2":{"f3":1},"f4":null,"f5":"null"}') q;
SELECT * FROM json_each('{"a":1,"a":2}');
SELECT key, value FROM jsonb_each('{"b":2,"a":1}') WITH ORDINALITY AS e(key, value, n) WHERE n > 0;
SELECT * FROM json_each('{"a":1}') AS e(k, v);
SELECT json_each('{"a":1,"b":[1,2]}');
SELECT jsonb_each_text('{"a":"x y","b":null}');
SELECT (json_each('{"a":1,"b":2}')).key;
SELECT (jsonb_each('{"a":1,"b":2}')).value;
SELECT id, e.key, e.value FROM jdocs, json_each(jdocs.j) e ORDER BY id, key;
SELECT id, e.* FROM jdocs, LATERAL jsonb_each_text(jb) AS e ORDER BY 1, 2;
SELECT * FROM json_each('[1]');
SELECT * FROM json_each('1');
SELECT * FROM jsonb_each('[1]');
SELECT * FROM jsonb_each_text('"a"');
SELECT * FROM json_each(NULL);
SELECT * FROM json_each('{"a":1}') AS x(a int);

-- populate_record
SELECT * FROM json_populate_record(null::jpop, '{"a":"blurfl","x":43.2}') q;
SELECT * FROM json_populate_record(row('x',3,'2012-12-31 15:30:56')::jpop, '{"a":"blurfl","x":43.2}') q;
SELECT * FROM json_populate_record(null::jpop, '{"a":"blurfl","x":43.2}', true) q;
SELECT * FROM json_populate_record(null::jpop, '{"a":[100,200,false],"x":43.2}') q;
SELECT * FROM json_populate_record(row('x',3,'2012-12-31 15:30:56')::jpop, '{"a":[100,200,false],"x":43.2}') q;
SELECT * FROM json_populate_record(row('x',3,'2012-12-31 15:30:56')::jpop, '{"c":[100,200,false],"x":43.2}') q;
SELECT * FROM jsonb_populate_record(null::jpop, '{"a":"blurfl","x":43.2}') q;
SELECT * FROM jsonb_populate_record(row('x',3,'2012-12-31 15:30:56')::jpop, '{"a":"blurfl","x":43.2}') q;
SELECT * FROM jsonb_populate_record(null::jpop, '{"a":[100,200,false],"x":43.2}') q;
SELECT * FROM jsonb_populate_record(row('x',3,'2012-12-31 15:30:56')::jpop, '{"c":[100,200,false],"x":43.2}') q;
SELECT * FROM json_populate_record(row('x',3,null)::jpop, NULL) q;
SELECT json_populate_record(null::jpop, '{"a":"x","b":"7"}');
SELECT (json_populate_record(null::jpop, '{"a":"x","b":"7"}')).b;
SELECT (jsonb_populate_record(row('x',3,null)::jpop, '{"b":8}')).*;
SELECT * FROM json_populate_record(null::jsrec,
  '{"i":"12","t":12,"ia":[1,2,null],"ta":["a",null,"b c"],"j":{"k":[1, "x"]},"jb":{"k":[1, "x"]},"r":{"x":5,"y":"z"},"n":1e2,"v":"abc"}');
SELECT * FROM jsonb_populate_record(null::jsrec,
  '{"i":12,"t":"12","ia":[[1,2],[3,4]],"ta":"{a,b}","j":"str","jb":"str","r":"(6,w)","n":"1.50","v":"ab"}');
SELECT ia, ta FROM json_populate_record(null::jsrec, '{"ia":[], "ta":[[]]}');
SELECT j, jb FROM json_populate_record(null::jsrec, '{"j":null, "jb":[true, 1.0]}');
SELECT r FROM jsonb_populate_record(null::jsrec, '{"r":{"y":"only y"}}');
SELECT * FROM json_populate_record(null::jsrec, '{"v":"abcd"}');
SELECT * FROM json_populate_record(null::jsrec, '{"i":"x"}');
SELECT * FROM json_populate_record(null::jsrec, '{"ia":5}');
SELECT * FROM json_populate_record(null::jsrec, '{"ia":[[1],2]}');
SELECT * FROM json_populate_record(null::jsrec, '{"ia":[[1],[2,3]]}');
SELECT * FROM jsonb_populate_record(null::jsrec, '{"ia":[[1,2],[3]]}');
SELECT * FROM json_populate_record(null::jsrec, '{"r":[1]}');
SELECT * FROM jsonb_populate_record(null::jsrec, '{"r":5}');
SELECT * FROM json_populate_record(null::jpop, '[1]');
SELECT * FROM jsonb_populate_record(null::jpop, '1');
SELECT * FROM json_populate_record(1, '{"a":1}');
SELECT * FROM json_populate_record(null, '{"a":1}');

-- populate_recordset
SELECT * FROM json_populate_recordset(null::jpop, '[{"a":"blurfl","x":43.2},{"b":3,"c":"2012-01-20 10:42:53"}]') q;
SELECT * FROM json_populate_recordset(row('def',99,null)::jpop, '[{"a":"blurfl","x":43.2},{"b":3,"c":"2012-01-20 10:42:53"}]') q;
SELECT * FROM json_populate_recordset(null::jpop, '[{"a":"blurfl","x":43.2},{"b":3,"c":"2012-01-20 10:42:53"}]', true) q;
SELECT * FROM json_populate_recordset(row('def',99,null)::jpop, '[{"a":[100,200,300],"x":43.2},{"a":{"z":true},"b":3,"c":"2012-01-20 10:42:53"}]') q;
SELECT * FROM jsonb_populate_recordset(null::jpop, '[{"a":"blurfl","x":43.2},{"b":3,"c":"2012-01-20 10:42:53"}]') q;
SELECT * FROM jsonb_populate_recordset(row('def',99,null)::jpop, '[{"a":[100,200,300],"x":43.2},{"a":{"z":true},"b":3,"c":"2012-01-20 10:42:53"}]') q;
SELECT * FROM json_populate_recordset(null::jpop, '[]');
SELECT * FROM json_populate_recordset(null::jpop, NULL);
SELECT json_populate_recordset(null::jpop, '[{"a":1},{"b":2}]');
SELECT * FROM json_populate_recordset(null::jpop, '{"a":1}');
SELECT * FROM json_populate_recordset(null::jpop, '1');
SELECT * FROM json_populate_recordset(null::jpop, '[1]');
SELECT * FROM jsonb_populate_recordset(null::jpop, '{"a":1}');
SELECT * FROM jsonb_populate_recordset(null::jpop, '[{"a":1},[1]]');

-- to_record and to_recordset: a column definition list
SELECT * FROM json_to_record('{"a":1,"b":"foo","c":"bar"}') AS x(a int, b text, d text);
SELECT * FROM jsonb_to_record('{"a":1,"b":"foo","c":"bar"}') AS x(a int, b text, d text);
SELECT * FROM json_to_record('{"a":1,"b":{"c":16,"d":2},"x":8,"ca":["1 2",3],"ia":[[1,2],[3,4]],"r":{"a":"aaa","b":123}}')
    AS x(a int, b json, c text, x int, ca char(5)[], ia int[][], r jpop);
SELECT * FROM jsonb_to_record('{"a":1,"b":{"c":16,"d":2},"x":8,"ca":["1 2",3],"ia":[[1,2],[3,4]],"r":{"a":"aaa","b":123}}')
    AS x(a int, b jsonb, c text, x int, ca char(5)[], ia int[][], r jpop);
SELECT * FROM json_to_record('{"ia":null}') AS x(ia _int4);
SELECT * FROM json_to_record('{"ia":"{1,2}"}') AS x(ia int[]);
SELECT * FROM json_to_record('{"ia":[1, [2]]}') AS x(ia int[]);
SELECT * FROM json_to_record('{"ia":[[[1]], [[2]]]}') AS x(ia text);
SELECT * FROM json_to_record('{"out": {"key": 1}}') AS x(out json);
SELECT * FROM json_to_record('{"out": "{\"key\": 1}"}') AS x(out json);
SELECT * FROM jsonb_to_record('{"out": {"key": 1}}') AS x(out jsonb);
SELECT * FROM jsonb_to_record('{"out": "{\"key\": 1}"}') AS x(out jsonb);
SELECT * FROM json_to_record('{"a":"x"}') AS x(a int);
SELECT * FROM json_to_recordset('[{"a":1,"b":"foo","d":false},{"a":2,"b":"bar","c":true}]') AS x(a int, b text, c boolean);
SELECT * FROM jsonb_to_recordset('[{"a":1,"b":"foo","d":false},{"a":2,"b":"bar","c":true}]') AS x(a int, b text, c boolean);
SELECT * FROM json_to_recordset('[{"a":1,"b":{"d":"foo"},"c":true},{"a":2,"c":false,"b":{"d":"bar"}}]') AS x(a int, b json, c boolean);
SELECT * FROM jsonb_to_recordset('[{"a":1,"b":{"d":"foo"},"c":true},{"a":2,"c":false,"b":{"d":"bar"}}]') AS x(a int, b jsonb, c boolean);
SELECT * FROM json_to_recordset('[{"a":1},{"a":2}]') WITH ORDINALITY AS x(a int);
SELECT * FROM ROWS FROM (jsonb_to_recordset('[{"a":1},{"a":2}]') AS (a int)) WITH ORDINALITY AS r(a, n);
SELECT id, r.* FROM jdocs, json_to_record(jdocs.j) AS r(a int, b text, c int) ORDER BY id;
SELECT * FROM json_to_recordset(NULL) AS x(a int);
SELECT * FROM json_to_recordset('{"a":1}') AS x(a int);
SELECT * FROM json_to_recordset('1') AS x(a int);
SELECT * FROM json_to_recordset('[1]') AS x(a int);
SELECT * FROM jsonb_to_recordset('{"a":1}') AS x(a int);
SELECT * FROM jsonb_to_recordset('[{"a":1},2]') AS x(a int);
SELECT * FROM json_to_record('{"a":1}');
SELECT * FROM jsonb_to_record('{"a":1}') AS x;
SELECT * FROM json_to_record('{"a":1}') AS x(a int, b nosuchtype);
SELECT * FROM generate_series(1, 2) AS x(a int);
SELECT * FROM json_to_record('{"a":1}') AS x(a int, a int);
SELECT * FROM json_to_record('{"a":1}') AS x(a void);
SELECT json_to_record('{"a":1}');
SELECT * FROM json_to_record('{"a":1}') AS x(a int) WHERE a = 1;
SELECT * FROM json_to_record('{"a":1}') AS x(a int, b int) , json_to_record('{"b":2}') AS y(b int);

EXPLAIN SELECT * FROM json_each('{}');
EXPLAIN SELECT * FROM jsonb_to_recordset('[]') AS x(a int, b text);

-- user SQL functions returning SETOF record
CREATE FUNCTION srf() RETURNS SETOF record LANGUAGE sql AS $$ SELECT 1, 'a'::text UNION ALL SELECT 2, 'b' $$;
SELECT * FROM srf() AS x(a int, b text);
SELECT * FROM srf() x(n int, t text) WHERE n > 1;
SELECT * FROM srf();
SELECT * FROM srf() AS x(a int);
CREATE FUNCTION scalar_srf() RETURNS SETOF int LANGUAGE sql AS $$ SELECT 1 $$;
SELECT * FROM scalar_srf() AS x(a int);
CREATE FUNCTION out_srf(OUT a int, OUT b text) RETURNS SETOF record LANGUAGE sql AS $$ SELECT 1, 'a' $$;
SELECT * FROM out_srf();
SELECT * FROM out_srf() AS x(a int, b text);

-- the catalog rows
SELECT oid, proname, proretset, proallargtypes, proargmodes, proargnames, pronargdefaults
  FROM pg_proc WHERE proname IN ('json_each', 'jsonb_each_text', 'json_populate_record', 'jsonb_to_recordset',
                                 'json_array_elements')
  ORDER BY oid;
SELECT proname, pg_get_function_arguments(oid), pg_get_function_identity_arguments(oid), pg_get_function_result(oid)
  FROM pg_proc WHERE oid IN (3958, 3960, 3955, 3204) ORDER BY oid;
DROP FUNCTION srf();
DROP FUNCTION scalar_srf();
DROP FUNCTION out_srf();
DROP TABLE jdocs;
DROP TYPE jsrec;
DROP TYPE jsrec_inner;
DROP TYPE jpop;
