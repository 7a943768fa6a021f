CREATE TABLE ct (a int PRIMARY KEY, b text NOT NULL, c serial, d numeric CHECK (d >= 0) DEFAULT 1);
COPY ct (a, b) FROM STDIN;
1	one
2	tab\there
3	back\\slash
4	esc \b\f\r\v\101\x42
\.
SELECT a, b, c, d, length(b) FROM ct ORDER BY a;
COPY ct (a, b, d) FROM STDIN WITH (FORMAT csv, HEADER, DELIMITER ';');
a;b;d
10;"quoted;semi";2.5
11;"with ""quote""";
\.
COPY ct (a, b) FROM STDIN WITH CSV HEADER DELIMITER ',' NULL 'NIL';
a,b
12,""
\.
SELECT a, b, d FROM ct WHERE a >= 10 ORDER BY a;
COPY ct (a, b) FROM STDIN;
20	x
21	\N
\.
COPY ct (a, b) FROM STDIN;
22	x	extra
\.
COPY ct (a, b) FROM STDIN;
23
\.
COPY ct (a, b) FROM STDIN;
zz	x
\.
COPY ct (a, b) FROM STDIN;
1	dup
\.
COPY ct (a, b, d) FROM STDIN;
24	x	-1
\.
COPY ct (a, b) FROM STDIN (FORMAT csv, HEADER match);
a,wrong
\.
COPY ct (a, b, d) FROM STDIN (FORMAT csv, FORCE_NOT_NULL (b), FORCE_NULL (d));
30,,""
\.
SELECT a, b = '' AS empty, d IS NULL AS null_d FROM ct WHERE a = 30;
SELECT count(*) FROM ct;
COPY ct TO STDOUT;
COPY ct (a, b) TO STDOUT WITH (FORMAT csv, HEADER, FORCE_QUOTE *);
COPY (SELECT a, b FROM ct WHERE a < 3 ORDER BY a) TO STDOUT WITH CSV;
COPY (SELECT 1 AS one, 'x' AS two) TO STDOUT WITH (HEADER);
CREATE TABLE th (one int, two text);
COPY th FROM STDIN WITH (HEADER match);
one	two
5	five
\.
SELECT * FROM th;
DROP TABLE th;
COPY ct FROM STDIN (FORMAT xml);
COPY ct FROM STDIN (DELIMITER 'ab');
COPY ct FROM STDIN (QUOTE '"');
COPY ct TO STDOUT (FORMAT csv, FORCE_NOT_NULL (a));
COPY ct (a, a) FROM STDIN;
COPY ct (nosuch) FROM STDIN;
COPY nosuch FROM STDIN;
COPY ct FROM '/nonexistent/file';
DROP TABLE ct;
