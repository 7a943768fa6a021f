CREATE TABLE gs_sales (region text, product text, year int, amount int);
INSERT INTO gs_sales VALUES ('north', 'tea', 2021, 10), ('north', 'tea', 2022, 20), ('north', 'coffee', 2021, 5),
  ('south', 'tea', 2021, 7), ('south', 'coffee', 2022, 8), ('south', NULL, 2022, 1), (NULL, 'tea', 2021, 2);
SELECT region, product, sum(amount), grouping(region, product) FROM gs_sales
  GROUP BY ROLLUP (region, product) ORDER BY 1, 2, 4;
SELECT region, product, sum(amount), grouping(region), grouping(product) FROM gs_sales
  GROUP BY CUBE (region, product) ORDER BY 4, 5, 1, 2;
SELECT region, year, count(*) FROM gs_sales GROUP BY GROUPING SETS ((region), (year), ()) ORDER BY 1, 2, 3;
SELECT region, product, year, sum(amount) FROM gs_sales
  GROUP BY region, ROLLUP (product, year) ORDER BY 1, 2, 3, 4;
SELECT region, product, year, sum(amount) FROM gs_sales
  GROUP BY ROLLUP ((region, product), year) ORDER BY 1, 2, 3, 4;
SELECT region, count(*) FROM gs_sales GROUP BY GROUPING SETS ((region), (region)) ORDER BY 1, 2;
SELECT region, sum(amount) FROM gs_sales GROUP BY ROLLUP (region)
  HAVING grouping(region) = 1 OR sum(amount) > 12 ORDER BY 1;
SELECT count(*), sum(amount) FROM gs_sales WHERE false GROUP BY ();
SELECT count(*) FROM gs_sales WHERE false GROUP BY GROUPING SETS ((), (region));
SELECT count(*) FROM gs_sales GROUP BY GROUPING SETS ((), ());
SELECT region, grouping(region) AS g, sum(amount) + grouping(region) FROM gs_sales GROUP BY region ORDER BY 1;
SELECT CASE WHEN grouping(region) = 1 THEN 'all' ELSE region END AS r, sum(amount)
  FROM gs_sales GROUP BY ROLLUP (region) ORDER BY 2;
EXPLAIN (COSTS OFF) SELECT region, product, sum(amount) FROM gs_sales GROUP BY ROLLUP (region, product);
EXPLAIN (COSTS OFF) SELECT region, product, sum(amount) FROM gs_sales GROUP BY CUBE (region, product);
EXPLAIN (COSTS OFF) SELECT region, year, sum(amount) FROM gs_sales GROUP BY GROUPING SETS (region, year);
EXPLAIN (COSTS OFF) SELECT count(*) FROM gs_sales GROUP BY ();
SELECT grouping(amount) FROM gs_sales GROUP BY region;
SELECT region FROM gs_sales WHERE grouping(region) = 0 GROUP BY region;
SELECT product FROM gs_sales GROUP BY ROLLUP (region);
SELECT sum(amount) FROM gs_sales GROUP BY ROLLUP (sum(amount));
DROP TABLE gs_sales;
