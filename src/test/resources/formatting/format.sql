SELECT format('Hello %s', 'World'), format('Testing %s, %s, %s, %%', 'one', 'two', 'three');
SELECT format('INSERT INTO %I VALUES(%L)', 'Foo bar', E'O\'Reilly'), format('%I', 'abc'), format('%L', NULL), format('[%s]', NULL);
SELECT format('|%10s|', 'foo'), format('|%-10s|', 'foo'), format('|%*s|', 10, 'foo'), format('|%*s|', -10, 'foo'), format('%2$s %1$s', 'a', 'b'), format('%1$s %s', 'a', 'b');
SELECT format('%s', 1.5::numeric), format('%s %s', 42, true), format('abc');
SELECT format('%x', 1);
SELECT format('%s %s', 1);
SELECT format('%I', NULL);
SELECT format('%0$s', 'x');
SELECT format('abc %');
