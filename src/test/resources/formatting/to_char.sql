-- to_char of numbers: digit positions, signs, grouping, fill mode, overflow
SELECT v, f, '[' || to_char(v::numeric, f) || ']' AS out
FROM (VALUES (0), (5), (-5), (0.5), (-0.5), (485), (-485), (1485), (12345), (148.5), (-0.0004), (1234.5678)) a(v),
     (VALUES ('999'), ('0999'), ('9.99'), ('0.99'), ('.99'), ('99.'), ('FM9.99'), ('FM999.990'), ('9,999'),
             ('9G999D99'), ('S999'), ('999S'), ('MI999'), ('999MI'), ('PL999'), ('SG999'), ('9SG99'), ('999PR'),
             ('9.9EEEE'), ('99V9'), ('RN'), ('FMRN'), ('999th'), ('L999'), ('9990999.9'), ('"Good:"999'),
             ('FMS999'), ('FM9,999.99')) b(f)
ORDER BY f, v;
SELECT to_char(42, '999'), to_char(-42::int8, 'S9999'), to_char(3.14159::float8, '9.999'),
       to_char(1234.5::float4, '99999.99'), to_char(4200000000::float4, '9999999999.99'),
       to_char('NaN'::float8, '9.99EEEE'), to_char(482, 'FM999th'), to_char(1, '9th');
SELECT to_char(100, 'f\oo999'), to_char(100, 'f"ool"999'), to_char(100, 'f\"oo999');
SELECT to_char('100e9'::numeric, 'RN');
-- to_number
SELECT to_number('-34,338,492', '99G999G999'), to_number('12,454.8-', '99G999D9S'),
       to_number('<564646.654564>', '999999.999999PR'), to_number('$1,234.56', 'L99,999.99'),
       to_number('1234.56', 'L99,999.99'), to_number('123456', '99999V99');
SELECT to_number('XIV', 'RN');
-- to_char of date/time values
SET timezone = 'America/New_York';
SELECT f, to_char(t, f)
FROM (VALUES (timestamp '2026-12-06 22:05:09.123456'), (timestamp '2001-01-01 00:00:00'),
             (timestamp '0044-03-15 12:30:00 BC'), (timestamp '1999-12-31 13:59:59.5')) a(t),
     (VALUES ('YYYY-MM-DD HH24:MI:SS'), ('Day, DD Month YYYY'), ('FMDay, FMDD FMMonth YYYY'),
             ('DY dy Dy MON mon Mon'), ('HH HH12 AM am P.M. p.m.'), ('YYYY YYY YY Y Y,YYY BC AD b.c.'),
             ('IYYY IYY IY I IW IDDD ID'), ('DDD D W WW Q CC J'), ('RM rm FMRM'), ('MS US FF1 FF3 FF6 SSSS'),
             ('DDth DDTH FMDDth'), ('"text" \"q\" HH24\MI'), ('TZ tz OF TZH:TZM')) b(f)
ORDER BY 1, 2;
SELECT to_char(timestamptz '2026-07-06 22:05:09+02', 'YYYY-MM-DD HH24:MI:SS TZ OF'),
       to_char(timestamptz '2026-01-06 02:05:09-05', 'HH12:MI AM tz');
SELECT to_char(interval '1 year 2 mons 3 days 04:05:06.789', 'YYYY MM DD HH24:MI:SS.MS'),
       to_char(interval '49 hours 30 min', 'FMHH24 "h" FMMI "m"'), to_char(interval '-3 hours', 'HH24:MI');
