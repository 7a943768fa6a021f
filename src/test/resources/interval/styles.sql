CREATE TABLE ivs (i interval);
INSERT INTO ivs VALUES ('0'), ('1 year 2 mons 3 days 04:05:06.789'), ('-1 year -2 mons'), ('-3 days -04:05:06'),
  ('1 year -2 mons 3 days -04:05:06.5'), ('1 sec'), ('-1 sec'), ('-0.5 sec'), ('1 day'), ('-1 day 2 hours'),
  ('2562047788 hours 54.775807 secs'), ('-2562047788.01521550222 hours'), ('1 mon'), ('5 hours'), ('-5 mins'),
  ('1 year 1 hour'), ('-1 year -1 hour'), ('3 days 04:05'), ('-3 days'), ('00:00:00.000001'), ('100 years');
SET IntervalStyle = postgres_verbose;
SELECT i FROM ivs;
SET IntervalStyle = sql_standard;
SELECT i FROM ivs;
SET IntervalStyle = iso_8601;
SELECT i FROM ivs;
SET IntervalStyle = postgres;
SELECT i FROM ivs;
