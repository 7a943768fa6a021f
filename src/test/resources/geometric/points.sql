-- point operators and functions over the regression suite's POINT_TBL
SET extra_float_digits = -3;
CREATE TABLE point_tbl (id serial, f1 point);
INSERT INTO point_tbl (f1) VALUES ('(0.0,0.0)'), ('(-10.0,0.0)'), ('(-3.0,4.0)'), ('(5.1, 34.5)'), ('(-5.0,-12.0)'),
  ('(1e-300,-1e-300)'), ('(1e+300,Inf)'), ('(Inf,1e+300)'), (' ( Nan , NaN ) '), ('10.0,10.0');
SELECT f1 FROM point_tbl;
SELECT p.* FROM point_tbl p WHERE p.f1 << '(0.0, 0.0)';
SELECT p.* FROM point_tbl p WHERE '(0.0,0.0)' >> p.f1;
SELECT p.* FROM point_tbl p WHERE '(0.0,0.0)' |>> p.f1;
SELECT p.* FROM point_tbl p WHERE p.f1 <<| '(0.0, 0.0)';
SELECT p.* FROM point_tbl p WHERE p.f1 ~= '(5.1, 34.5)';
SELECT p.* FROM point_tbl p WHERE p.f1 <@ box '(0,0,100,100)';
SELECT p.* FROM point_tbl p WHERE box '(0,0,100,100)' @> p.f1;
SELECT p.* FROM point_tbl p WHERE not p.f1 <@ box '(0,0,100,100)';
SELECT p.* FROM point_tbl p WHERE p.f1 <@ path '[(0,0),(-10,0),(-10,10)]';
SELECT p.* FROM point_tbl p WHERE not box '(0,0,100,100)' @> p.f1;
SELECT p.f1, p.f1 <-> point '(0,0)' AS dist FROM point_tbl p ORDER BY dist;
SELECT p1.f1 AS point1, p2.f1 AS point2, p1.f1 <-> p2.f1 AS dist
   FROM point_tbl p1, point_tbl p2 ORDER BY dist, p1.f1[0], p2.f1[0], p1.id, p2.id;
SELECT p1.f1 AS point1, p2.f1 AS point2, (p1.f1 <-> p2.f1) AS distance
   FROM point_tbl p1, point_tbl p2
   WHERE (p1.f1 <-> p2.f1) > 3 and p1.f1 << p2.f1 and p1.f1 |>> p2.f1 ORDER BY distance, p1.id, p2.id;
SELECT p1.f1 FROM point_tbl p1 WHERE ishorizontal(p1.f1, point '(0,0)');
SELECT p1.f1 FROM point_tbl p1 WHERE p1.f1 ?- point '(0,0)';
SELECT p1.f1 FROM point_tbl p1 WHERE isvertical(p1.f1, point '(5.1,34.5)');
SELECT p1.f1 FROM point_tbl p1 WHERE p1.f1 ?| point '(5.1,34.5)';
SELECT p1.f1, p2.f1, slope(p1.f1, p2.f1) FROM point_tbl p1, point_tbl p2 WHERE p1.f1[0] BETWEEN -5 AND 10 ORDER BY p1.id, p2.id;
SELECT p1.f1, p2.f1, p1.f1 + p2.f1 FROM point_tbl p1, point_tbl p2 WHERE p2.f1[0] BETWEEN -5 AND 10 ORDER BY p1.id, p2.id;
SELECT p1.f1, p2.f1, p1.f1 - p2.f1 FROM point_tbl p1, point_tbl p2 WHERE p2.f1[0] BETWEEN -5 AND 10 ORDER BY p1.id, p2.id;
SELECT p1.f1, p2.f1, p1.f1 * p2.f1 FROM point_tbl p1, point_tbl p2 WHERE p1.f1[0] BETWEEN 1 AND 1000 ORDER BY p1.id, p2.id;
SELECT p1.f1, p2.f1, p1.f1 * p2.f1 FROM point_tbl p1, point_tbl p2 WHERE p1.f1[0] < 1 ORDER BY p1.id, p2.id;
SELECT p1.f1, p2.f1, p1.f1 / p2.f1 FROM point_tbl p1, point_tbl p2 WHERE p2.f1[0] BETWEEN 1 AND 1000 ORDER BY p1.id, p2.id;
SELECT p1.f1, p2.f1, p1.f1 / p2.f1 FROM point_tbl p1, point_tbl p2 WHERE p2.f1[0] > 1000 ORDER BY p1.id, p2.id;
SELECT p1.f1, p2.f1, p1.f1 / p2.f1 FROM point_tbl p1, point_tbl p2 WHERE p2.f1 ~= '(0,0)'::point ORDER BY p1.id, p2.id;
SELECT p1.f1, p2.f1, line(p1.f1, p2.f1) FROM point_tbl p1, point_tbl p2 WHERE p1.f1 <> p2.f1 AND p1.f1[0] BETWEEN -5 AND 10 ORDER BY p1.id, p2.id;
SELECT line(point '(1,1)', point '(1,1)');
SELECT point(1.5, 2), point(f1[1], f1[0]) FROM point_tbl WHERE f1[0] = 0;
SELECT f1::box, box(f1, point '(1,1)'), circle(f1, 50.0) FROM point_tbl WHERE f1[0] BETWEEN -5 AND 10;
DROP TABLE point_tbl;
