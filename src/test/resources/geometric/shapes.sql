-- operators on lines, segments, boxes, paths, polygons and circles (pieces of the regression
-- suite's box, lseg, line, path, polygon, circle and geometry scripts over data like theirs)
SET extra_float_digits = -3;
CREATE TABLE point_tbl (id serial, f1 point);
INSERT INTO point_tbl (f1) VALUES ('(0.0,0.0)'), ('(-10.0,0.0)'), ('(-3.0,4.0)'), ('(5.1, 34.5)'), ('(-5.0,-12.0)'),
  ('(1e-300,-1e-300)'), ('(1e+300,Inf)'), ('(Inf,1e+300)'), (' ( Nan , NaN ) '), ('10.0,10.0');
CREATE TABLE box_tbl (id serial, f1 box);
INSERT INTO box_tbl (f1) VALUES ('(2.0,2.0,0.0,0.0)'), ('(1.0,1.0,3.0,3.0)'), ('((-8, 2), (-2, -10))'),
  ('(2.5, 2.5, 2.5,3.5)'), ('(3.0, 3.0,3.0,3.0)');
CREATE TABLE lseg_tbl (id serial, s lseg);
INSERT INTO lseg_tbl (s) VALUES ('[(1,2),(3,4)]'), ('(0,0),(6,6)'), ('10,-10 ,-3,-4'), ('[-1e6,2e2,3e5, -4e1]'),
  ('(11,22,33,44)'), ('[(-10,2),(-10,3)]'), ('[(0,-20),(30,-20)]'), ('[(NaN,1),(NaN,90)]');
CREATE TABLE line_tbl (id serial, s line);
INSERT INTO line_tbl (s) VALUES ('{0,-1,5}'), ('{1,0,5}'), ('{0,3,0}'), ('{1,-1,0}'), ('{-0.4,-1,-6}'),
  ('{-0.000184615384615,-1,15.3846153846}'), ('{3,NaN,5}'), ('{NaN,NaN,NaN}'), ('[(0,0),(6,6)]'),
  ('[(10,-10),(-3,-4)]'), ('[(-1000000,200),(300000,-40)]'), ('[(11,22),(33,44)]'), ('[(-10,2),(-10,3)]'),
  ('[(0,-20),(30,-20)]'), ('[(NaN,1),(NaN,90)]');
CREATE TABLE path_tbl (id serial, f1 path);
INSERT INTO path_tbl (f1) VALUES ('[(1,2),(3,4)]'), (' ( ( 1 , 2 ) , ( 3 , 4 ) ) '), ('[ (0,0),(3,0),(4,5),(1,6) ]'),
  ('((1,2) ,(3,4 ))'), ('1,2 ,3,4 '), (' [1,2,3, 4] '), ('((10,20))'), ('[ 11,12,13,14 ]'), ('( 11,12,13,14) ');
CREATE TABLE polygon_tbl (id serial, f1 polygon);
INSERT INTO polygon_tbl (f1) VALUES ('(2.0,0.0),(2.0,4.0),(0.0,0.0)'), ('(3.0,1.0),(3.0,3.0),(1.0,0.0)'),
  ('(1,2),(3,4),(5,6),(7,8)'), ('(7,8),(5,6),(3,4),(1,2)'), ('(1,2),(7,8),(5,6),(3,-4)'), ('(0.0,0.0)'),
  ('(0.0,1.0),(0.0,1.0)');
CREATE TABLE circle_tbl (id serial, f1 circle);
INSERT INTO circle_tbl (f1) VALUES ('<(5,1),3>'), ('((1,2),100)'), (' 1 , 3 , 5 '), (' ( ( 1 , 2 ) , 3 ) '),
  (' ( 100 , 200 ) , 10 '), (' < ( 100 , 1 ) , 115 > '), ('<(3,5),0>'), ('<(3,5),NaN>');
-- boxes
SELECT f1, area(f1), height(f1), width(f1), center(f1), @@ f1, diagonal(f1) FROM box_tbl;
SELECT b.f1 FROM box_tbl b WHERE b.f1 && box '(2.5,2.5,1.0,1.0)';
SELECT b.f1 FROM box_tbl b WHERE b.f1 &< box '(2.0,2.0,2.5,2.5)';
SELECT b.f1 FROM box_tbl b WHERE b.f1 &> box '(2.0,2.0,2.5,2.5)';
SELECT b.f1 FROM box_tbl b WHERE b.f1 << box '(3.0,3.0,5.0,5.0)';
SELECT b.f1 FROM box_tbl b WHERE b.f1 <= box '(3.0,3.0,5.0,5.0)';
SELECT b.f1 FROM box_tbl b WHERE b.f1 < box '(3.0,3.0,5.0,5.0)';
SELECT b.f1 FROM box_tbl b WHERE b.f1 = box '(3.0,3.0,5.0,5.0)';
SELECT b.f1 FROM box_tbl b WHERE b.f1 > box '(3.5,3.0,4.5,3.0)';
SELECT b.f1 FROM box_tbl b WHERE b.f1 >= box '(3.5,3.0,4.5,3.0)';
SELECT b.f1 FROM box_tbl b WHERE box '(3.0,3.0,5.0,5.0)' >> b.f1;
SELECT b.f1 FROM box_tbl b WHERE b.f1 <@ box '(0,0,3,3)';
SELECT b.f1 FROM box_tbl b WHERE box '(0,0,3,3)' @> b.f1;
SELECT b.f1 FROM box_tbl b WHERE box '(1,1,3,3)' ~= b.f1;
SELECT b1.f1, b2.f1 FROM box_tbl b1, box_tbl b2 WHERE b1.f1 @> b2.f1 and not b1.f1 ~= b2.f1 ORDER BY b1.id, b2.id;
SELECT b1.f1, b2.f1, b1.f1 <^ b2.f1 AS below, b1.f1 >^ b2.f1 AS above, b1.f1 <<| b2.f1, b1.f1 &<| b2.f1,
       b1.f1 |>> b2.f1, b1.f1 |&> b2.f1, b1.f1 # b2.f1, b1.f1 <-> b2.f1, bound_box(b1.f1, b2.f1)
  FROM box_tbl b1, box_tbl b2 ORDER BY b1.id, b2.id;
SELECT b.f1 + p.f1, b.f1 - p.f1 FROM box_tbl b, point_tbl p WHERE p.f1[0] BETWEEN -5 AND 10 ORDER BY b.id, p.id;
SELECT b.f1, p.f1, b.f1 * p.f1 FROM box_tbl b, point_tbl p WHERE p.f1[0] BETWEEN 1 AND 1000 ORDER BY b.id, p.id;
SELECT b.f1, p.f1, b.f1 * p.f1 FROM box_tbl b, point_tbl p WHERE p.f1[0] > 1000 ORDER BY b.id, p.id;
SELECT b.f1, p.f1, b.f1 / p.f1 FROM box_tbl b, point_tbl p WHERE p.f1[0] BETWEEN 1 AND 1000 ORDER BY b.id, p.id;
SELECT p.f1, b.f1, p.f1 <-> b.f1 AS dist_pb, b.f1 <-> p.f1 AS dist_bp, p.f1 ## b.f1 FROM point_tbl p, box_tbl b ORDER BY p.id, b.id;
-- line segments
SELECT s, @-@ s, @@ s, s::point, length(s), ?| s AS vertical, ?- s AS horizontal, isvertical(s) FROM lseg_tbl;
SELECT l1.s, l2.s, l1.s < l2.s, l1.s <= l2.s, l1.s = l2.s, l1.s >= l2.s, l1.s > l2.s, l1.s != l2.s,
       l1.s ?|| l2.s, l1.s ?-| l2.s, l1.s ?# l2.s, l1.s # l2.s, l1.s <-> l2.s, l1.s ## l2.s
  FROM lseg_tbl l1, lseg_tbl l2 ORDER BY l1.id, l2.id;
SELECT p.f1, l.s, p.f1 <-> l.s AS dist_ps, l.s <-> p.f1 AS dist_sp, p.f1 ## l.s, p.f1 <@ l.s FROM point_tbl p, lseg_tbl l ORDER BY p.id, l.id;
SELECT l.s, b.f1, l.s <-> b.f1 AS dist_sb, b.f1 <-> l.s AS dist_bs, l.s ?# b.f1, l.s ## b.f1, l.s <@ b.f1
  FROM lseg_tbl l, box_tbl b ORDER BY l.id, b.id;
SELECT l.s, l1.s, l.s <-> l1.s AS dist_sl, l1.s <-> l.s AS dist_ls, l.s ?# l1.s, l.s <@ l1.s, l1.s ## l.s
  FROM lseg_tbl l, line_tbl l1 ORDER BY l.id, l1.id;
-- lines
SELECT s, ?| s AS vertical, ?- s AS horizontal, isvertical(s), ishorizontal(s) FROM line_tbl;
SELECT l1.s, l2.s, l1.s = l2.s, l1.s ?|| l2.s, l1.s ?-| l2.s, l1.s <-> l2.s, l1.s ?# l2.s, l1.s # l2.s
  FROM line_tbl l1, line_tbl l2 ORDER BY l1.id, l2.id;
SELECT p.f1, l.s, p.f1 <-> l.s AS dist_pl, l.s <-> p.f1 AS dist_lp, p.f1 ## l.s, p.f1 <@ l.s
  FROM point_tbl p, line_tbl l ORDER BY p.id, l.id;
SELECT l.s, b.f1 FROM line_tbl l, box_tbl b WHERE l.s ?# b.f1 ORDER BY l.id, b.id;
-- paths
SELECT f1, npoints(f1), # f1, area(f1), @-@ f1, length(f1), isclosed(f1), isopen(f1), pclose(f1), popen(f1)
  FROM path_tbl;
SELECT f1, f1::polygon FROM path_tbl WHERE isclosed(f1);
SELECT f1, f1::polygon FROM path_tbl WHERE isopen(f1);
SELECT p1.f1, p2.f1, p1.f1 < p2.f1, p1.f1 = p2.f1, p1.f1 >= p2.f1, p1.f1 + p2.f1, p1.f1 <-> p2.f1, p1.f1 ?# p2.f1
  FROM path_tbl p1, path_tbl p2 ORDER BY p1.id, p2.id;
SELECT p.f1, p1.f1, p.f1 + p1.f1, p.f1 - p1.f1, p.f1 * p1.f1 FROM path_tbl p, point_tbl p1 WHERE p1.f1[0] BETWEEN -5 AND 10 ORDER BY p.id, p1.id;
SELECT p.f1, p1.f1, p.f1 / p1.f1 FROM path_tbl p, point_tbl p1 WHERE p1.f1[0] BETWEEN 1 AND 1000 ORDER BY p.id, p1.id;
SELECT p.f1, p1.f1, p.f1 / p1.f1 FROM path_tbl p, point_tbl p1 WHERE p1.f1 ~= '(0,0)'::point ORDER BY p.id, p1.id;
SELECT p.f1, p1.f1, p.f1 <-> p1.f1 AS dist_ppath, p1.f1 <-> p.f1 AS dist_pathp, p.f1 <@ p1.f1, p1.f1 @> p.f1
  FROM point_tbl p, path_tbl p1 ORDER BY p.id, p1.id;
-- polygons
SELECT f1, npoints(f1), # f1, f1::box, f1::path, @@ f1, point(f1), circle(f1) FROM polygon_tbl;
SELECT p.f1, poly.f1, poly.f1 @> p.f1 AS contains, p.f1 <@ poly.f1 AS contained, p.f1 <-> poly.f1, poly.f1 <-> p.f1
  FROM polygon_tbl poly, point_tbl p ORDER BY poly.id, p.id;
SELECT p1.f1, p2.f1, p1.f1 ~= p2.f1, p1.f1 <@ p2.f1, p1.f1 @> p2.f1, p1.f1 && p2.f1, p1.f1 << p2.f1,
       p1.f1 &< p2.f1, p1.f1 >> p2.f1, p1.f1 &> p2.f1, p1.f1 <<| p2.f1, p1.f1 &<| p2.f1, p1.f1 |>> p2.f1,
       p1.f1 |&> p2.f1, p1.f1 <-> p2.f1
  FROM polygon_tbl p1, polygon_tbl p2 ORDER BY p1.id, p2.id;
SELECT polygon(f1) FROM box_tbl;
SELECT polygon(f1) FROM path_tbl WHERE isclosed(f1);
SELECT f1 AS open_path, polygon(pclose(f1)) AS polygon FROM path_tbl WHERE isopen(f1);
SELECT polygon '((0,0),(4,0),(4,4),(0,4))' @> polygon '((1,1),(3,1),(3,3),(2,2),(1,3))',
       polygon '((0,0),(4,0),(4,4),(2,2),(0,4))' @> polygon '((1,3),(3,3),(3,1))',
       polygon '((0,0),(4,0),(4,4),(0,4))' && polygon '((4,4),(5,5),(5,4))';
-- circles
SELECT f1, area(f1), radius(f1), diameter(f1), center(f1), @@ f1, point(f1), box(f1) FROM circle_tbl;
SELECT circle(f1) FROM box_tbl;
SELECT circle(f1) FROM polygon_tbl WHERE (# f1) >= 3;
SELECT c1.f1 AS circle, p1.f1 AS point, (p1.f1 <-> c1.f1) AS distance
   FROM circle_tbl c1, point_tbl p1 WHERE (p1.f1 <-> c1.f1) > 0 ORDER BY distance, area(c1.f1), p1.f1[0], c1.id, p1.id;
SELECT f1, f1::polygon FROM circle_tbl WHERE f1 >= '<(0,0),1>';
SELECT f1, polygon(8, f1) FROM circle_tbl WHERE f1 >= '<(0,0),1>';
SELECT f1, polygon(1, f1) FROM circle_tbl WHERE f1 >= '<(0,0),1>';
SELECT f1, polygon(10, f1) FROM circle_tbl WHERE f1 < '<(0,0),1>';
SELECT c1.f1, c2.f1, c1.f1 ~= c2.f1, c1.f1 && c2.f1, c1.f1 &< c2.f1, c1.f1 << c2.f1, c1.f1 >> c2.f1,
       c1.f1 &> c2.f1, c1.f1 <@ c2.f1, c1.f1 @> c2.f1, c1.f1 <<| c2.f1, c1.f1 |>> c2.f1, c1.f1 &<| c2.f1,
       c1.f1 |&> c2.f1, c1.f1 = c2.f1, c1.f1 != c2.f1, c1.f1 < c2.f1, c1.f1 >= c2.f1, c1.f1 <-> c2.f1
  FROM circle_tbl c1, circle_tbl c2 ORDER BY c1.id, c2.id;
SELECT c.f1, p.f1, c.f1 + p.f1, c.f1 - p.f1, c.f1 * p.f1, c.f1 @> p.f1, p.f1 <@ c.f1, c.f1 <-> p.f1
  FROM circle_tbl c, point_tbl p WHERE p.f1[0] BETWEEN -5 AND 10 ORDER BY c.id, p.id;
SELECT c.f1, p.f1, c.f1 / p.f1 FROM circle_tbl c, point_tbl p WHERE p.f1[0] BETWEEN 1 AND 1000 ORDER BY c.id, p.id;
SELECT c.f1, p.f1, c.f1 / p.f1 FROM circle_tbl c, point_tbl p WHERE p.f1[0] > 1000 ORDER BY c.id, p.id;
SELECT c.f1, p.f1, c.f1 / p.f1 FROM circle_tbl c, point_tbl p WHERE p.f1 ~= '(0,0)'::point ORDER BY c.id, p.id;
SELECT c.f1, p.f1, c.f1 <-> p.f1, p.f1 <-> c.f1 FROM circle_tbl c, polygon_tbl p ORDER BY c.id, p.id;
DROP TABLE point_tbl, box_tbl, lseg_tbl, line_tbl, path_tbl, polygon_tbl, circle_tbl;
