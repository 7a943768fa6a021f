SELECT 'a_c' LIKE 'a#_c' ESCAPE '#', 'abc' LIKE 'a#_c' ESCAPE '#', 'a\c' LIKE 'a\c' ESCAPE '', 'a%' LIKE 'a$%' ESCAPE '$', 'x' NOT LIKE 'x' ESCAPE 'x';
SELECT 'abc' LIKE 'abc' ESCAPE 'xy';
SELECT 'abc' SIMILAR TO 'abc', 'abc' SIMILAR TO 'a', 'abc' SIMILAR TO '%(b|d)%', 'abc' SIMILAR TO '(b|c)%', 'a.c' SIMILAR TO 'a.c', 'abc' SIMILAR TO 'a.c', 'abd' SIMILAR TO 'a[bc]d', 'a_b' SIMILAR TO 'a#_b' ESCAPE '#', 'ab' NOT SIMILAR TO 'a%';
SELECT 'abcdefg' SIMILAR TO '_bcd%', 'abc' SIMILAR TO '%(b|d){1}%', 'a^b' SIMILAR TO 'a^b', 'x$' SIMILAR TO 'x$';
SELECT 'abc' ILIKE 'A!%' ESCAPE '!', 'A%' ILIKE 'a!%' ESCAPE '!';
