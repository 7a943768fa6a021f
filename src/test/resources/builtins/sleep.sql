-- pg_sleep, pg_sleep_for and pg_sleep_until wait and return void; statement_timeout ends them
SELECT pg_sleep(0.05);
SELECT pg_sleep(0), pg_sleep(-1), pg_sleep(NULL);
SELECT pg_sleep_for('50 milliseconds');
SELECT pg_sleep_until(now() - interval '1 day');
SELECT pg_typeof(pg_sleep(0.01));
SELECT clock_timestamp() - statement_timestamp() >= interval '100 ms' AS slept FROM (SELECT pg_sleep(0.1)) s;
SET statement_timeout = '100ms';
SELECT pg_sleep(10);
RESET statement_timeout;
SELECT pg_sleep('a');
SELECT proname, provolatile, proparallel, prorettype::regtype FROM pg_proc WHERE proname LIKE 'pg\_sleep%' ORDER BY 1;
