-- window functions as PostgreSQL 15 answers them; every result has a total ORDER BY
CREATE TABLE wemp (depname varchar, empno bigint, salary int, enroll_date date);
INSERT INTO wemp VALUES
('develop', 10, 5200, '2007-08-01'), ('sales', 1, 5000, '2006-10-01'), ('personnel', 5, 3500, '2007-12-10'),
('sales', 4, 4800, '2007-08-08'), ('personnel', 2, 3900, '2006-12-23'), ('develop', 7, 4200, '2008-01-01'),
('develop', 9, 4500, '2008-01-01'), ('sales', 3, 4800, '2007-08-01'), ('develop', 8, 6000, '2006-10-01'),
('develop', 11, 5200, '2007-08-15'), (NULL, 12, NULL, NULL);
SELECT depname, empno, salary, sum(salary) OVER (PARTITION BY depname) FROM wemp ORDER BY depname, empno;
SELECT depname, empno, salary, rank() OVER (PARTITION BY depname ORDER BY salary), dense_rank() OVER (PARTITION BY depname ORDER BY salary) FROM wemp ORDER BY depname, salary, empno;
SELECT empno, row_number() OVER (ORDER BY empno), percent_rank() OVER w, cume_dist() OVER w, ntile(4) OVER (ORDER BY empno)
  FROM wemp WINDOW w AS (ORDER BY salary) ORDER BY empno;
SELECT empno, lag(empno) OVER w, lag(empno, 2) OVER w, lag(empno, 2, -1) OVER w, lead(empno) OVER w, lead(empno, 3, 0) OVER w,
  first_value(empno) OVER w, last_value(empno) OVER w, nth_value(empno, 3) OVER w
  FROM wemp WINDOW w AS (ORDER BY empno) ORDER BY empno;
SELECT empno, count(*) OVER (), count(salary) OVER (), sum(salary) OVER (ORDER BY empno), avg(salary) OVER (ORDER BY empno ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING),
  min(salary) OVER (ORDER BY empno ROWS 2 PRECEDING), max(salary) OVER (ORDER BY empno ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)
  FROM wemp ORDER BY empno;
SELECT empno, salary, sum(salary) OVER (ORDER BY salary RANGE BETWEEN 300 PRECEDING AND 300 FOLLOWING),
  sum(salary) OVER (ORDER BY salary DESC RANGE BETWEEN 200 PRECEDING AND CURRENT ROW),
  count(*) OVER (ORDER BY salary GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING),
  sum(salary) OVER (ORDER BY salary ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW),
  sum(salary) OVER (ORDER BY salary RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE GROUP),
  sum(salary) OVER (ORDER BY salary RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE TIES)
  FROM wemp ORDER BY empno;
SELECT empno, enroll_date, count(*) OVER (ORDER BY enroll_date RANGE BETWEEN '1 year' PRECEDING AND '1 month' FOLLOWING) FROM wemp ORDER BY empno;
SELECT empno, sum(salary) FILTER (WHERE salary > 4500) OVER (PARTITION BY depname) FROM wemp ORDER BY empno;
SELECT depname, sum(salary), rank() OVER (ORDER BY sum(salary) DESC), sum(sum(salary)) OVER () FROM wemp GROUP BY depname ORDER BY depname;
SELECT empno, salary - lag(salary) OVER (ORDER BY empno) AS diff FROM wemp ORDER BY row_number() OVER (ORDER BY empno DESC);
SELECT sum(salary) OVER (w ORDER BY empno) FROM wemp WINDOW w AS (PARTITION BY depname) ORDER BY 1 NULLS FIRST LIMIT 3;
EXPLAIN (COSTS OFF) SELECT depname, sum(salary) OVER (PARTITION BY depname ORDER BY empno), min(salary) OVER (PARTITION BY depname, empno ORDER BY enroll_date) FROM wemp;
EXPLAIN (COSTS OFF) SELECT empno, rank() OVER (ORDER BY empno) FROM wemp ORDER BY empno;
-- errors
SELECT * FROM wemp WHERE row_number() OVER () > 1;
SELECT depname FROM wemp GROUP BY depname HAVING rank() OVER () > 1;
SELECT row_number() FROM wemp;
SELECT abs(salary) OVER () FROM wemp;
SELECT sum(row_number() OVER ()) FROM wemp;
SELECT lag(row_number() OVER ()) OVER () FROM wemp;
SELECT count(DISTINCT salary) OVER () FROM wemp;
SELECT row_number() FILTER (WHERE true) OVER () FROM wemp;
SELECT sum(salary) OVER w FROM wemp WINDOW w AS (ORDER BY salary), w AS (ORDER BY empno);
SELECT sum(salary) OVER (w ORDER BY empno) FROM wemp WINDOW w AS (ORDER BY salary);
SELECT sum(salary) OVER (w) FROM wemp WINDOW w AS (ORDER BY salary ROWS 1 PRECEDING);
SELECT sum(salary) OVER nosuch FROM wemp;
SELECT sum(salary) OVER (ORDER BY salary ROWS -1 PRECEDING) FROM wemp;
SELECT ntile(0) OVER () FROM wemp;
SELECT nth_value(salary, 0) OVER () FROM wemp;
SELECT sum(salary) OVER (GROUPS 1 PRECEDING) FROM wemp;
SELECT sum(salary) OVER (ORDER BY salary, empno RANGE 1 PRECEDING) FROM wemp;
SELECT sum(salary) OVER (ROWS UNBOUNDED FOLLOWING) FROM wemp;
SELECT sum(salary) OVER (ROWS BETWEEN CURRENT ROW AND 1 PRECEDING) FROM wemp;
SELECT sum(salary) OVER (ROWS salary PRECEDING) FROM wemp;
SELECT sum(salary) OVER (ROWS sum(salary) PRECEDING) FROM wemp;
SELECT sum(salary) OVER (ORDER BY depname RANGE 1 PRECEDING) FROM wemp;
DROP TABLE wemp;
