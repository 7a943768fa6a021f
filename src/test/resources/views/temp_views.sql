-- Temporary views: TEMP/TEMPORARY, OR REPLACE, RECURSIVE, and a view over a temporary table,
-- which becomes temporary with a NOTICE (DefineView).
CREATE TEMP TABLE tv_t (a int);
INSERT INTO tv_t VALUES (1);
CREATE VIEW tv_over_temp AS SELECT * FROM tv_t;
CREATE TEMP VIEW tv_one AS SELECT 1 AS x;
CREATE TEMPORARY VIEW tv_two AS SELECT 2 AS x;
CREATE OR REPLACE TEMP VIEW tv_three AS SELECT 1 AS x;
CREATE OR REPLACE TEMPORARY VIEW tv_three AS SELECT 1 AS x, 2 AS y;
CREATE VIEW public.tv_public AS SELECT * FROM tv_t;
CREATE TEMP VIEW public.tv_public AS SELECT 1;
CREATE TEMP RECURSIVE VIEW tv_rec (n) AS VALUES (1) UNION ALL SELECT n + 1 FROM tv_rec WHERE n < 3;
SELECT relname, relkind, relpersistence, relnamespace::regnamespace::text LIKE 'pg_temp%' AS in_temp
FROM pg_class WHERE relname LIKE 'tv\_%' ORDER BY 1;
SELECT * FROM tv_over_temp, tv_one, tv_two, tv_three;
SELECT * FROM tv_rec;
DROP TABLE tv_t;
DROP TABLE tv_t CASCADE;
SELECT count(*) FROM pg_class WHERE relname = 'tv_over_temp';
DROP VIEW tv_one, tv_two, tv_three, tv_rec;
