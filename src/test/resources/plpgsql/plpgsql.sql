-- PL/pgSQL functions, procedures and DO blocks (pieces of the regression test plpgsql.sql)
CREATE TABLE accounts (id int PRIMARY KEY, owner text NOT NULL, balance numeric(10,2) DEFAULT 0);
INSERT INTO accounts VALUES (1, 'ann', 100), (2, 'bob', 50), (3, 'cid', 0);
CREATE FUNCTION add_one(a int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
    RETURN a + 1;
END
$$;
SELECT add_one(41), add_one(NULL);
CREATE FUNCTION fact(n int) RETURNS bigint AS $$
DECLARE
    result bigint := 1;
    i int;
BEGIN
    FOR i IN 1..n LOOP
        result := result * i;
    END LOOP;
    RETURN result;
END;
$$ LANGUAGE plpgsql;
SELECT fact(10), fact(0);
CREATE FUNCTION classify(x int) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    IF x < 0 THEN
        RETURN 'negative';
    ELSIF x = 0 THEN
        RETURN 'zero';
    ELSE
        RETURN 'positive';
    END IF;
END $$;
SELECT x, classify(x) FROM (VALUES (-5), (0), (7)) AS v(x) ORDER BY x;
CREATE FUNCTION grade(score int) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    CASE
        WHEN score >= 90 THEN RETURN 'A';
        WHEN score >= 80 THEN RETURN 'B';
        ELSE RETURN 'C';
    END CASE;
END $$;
SELECT grade(95), grade(85), grade(10);
CREATE FUNCTION day_kind(d int) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    CASE d
        WHEN 0, 6 THEN RETURN 'weekend';
        WHEN 1, 2, 3, 4, 5 THEN RETURN 'weekday';
    END CASE;
END $$;
SELECT day_kind(0), day_kind(3);
SELECT day_kind(9);
CREATE FUNCTION loops() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    s text := '';
    i int := 0;
BEGIN
    LOOP
        i := i + 1;
        CONTINUE WHEN i % 2 = 0;
        EXIT WHEN i > 9;
        s := s || i || ' ';
    END LOOP;
    WHILE i > 0 LOOP
        i := i - 3;
    END LOOP;
    s := s || '/ ' || i;
    FOR j IN REVERSE 10..1 BY 4 LOOP
        s := s || ' ' || j;
    END LOOP;
    <<outer>>
    FOR a IN 1..3 LOOP
        FOR b IN 1..3 LOOP
            CONTINUE outer WHEN b > a;
            EXIT outer WHEN a = 3;
            s := s || ' ' || a || b;
        END LOOP;
    END LOOP outer;
    RETURN s;
END $$;
SELECT loops();
CREATE FUNCTION total_balance() RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
    r record;
    total numeric := 0;
BEGIN
    FOR r IN SELECT id, balance FROM accounts ORDER BY id LOOP
        total := total + r.balance;
    END LOOP;
    RETURN total;
END $$;
SELECT total_balance();
CREATE FUNCTION owner_of(account int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    who accounts.owner%TYPE;
BEGIN
    SELECT owner INTO who FROM accounts WHERE id = account;
    IF NOT FOUND THEN
        RETURN 'nobody';
    END IF;
    RETURN who;
END $$;
SELECT owner_of(1), owner_of(99);
CREATE FUNCTION strict_owner(account int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    who text;
BEGIN
    SELECT owner INTO STRICT who FROM accounts WHERE id = account;
    RETURN who;
END $$;
SELECT strict_owner(2);
SELECT strict_owner(99);
CREATE FUNCTION row_of(account int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    acc accounts%ROWTYPE;
BEGIN
    SELECT * INTO acc FROM accounts WHERE id = account;
    RETURN acc.owner || ':' || acc.balance;
END $$;
SELECT row_of(1);
CREATE PROCEDURE transfer(source int, target int, amount numeric) LANGUAGE plpgsql AS $$
DECLARE
    n int;
BEGIN
    UPDATE accounts SET balance = balance - amount WHERE id = source;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n = 0 THEN
        RAISE EXCEPTION 'no account %', source USING ERRCODE = 'no_data_found';
    END IF;
    UPDATE accounts SET balance = balance + amount WHERE id = target;
    RAISE NOTICE 'moved % from % to %', amount, source, target;
END $$;
CALL transfer(1, 2, 25);
CALL transfer(7, 2, 25);
SELECT * FROM accounts ORDER BY id;
CREATE FUNCTION evens(n int) RETURNS SETOF int LANGUAGE plpgsql AS $$
BEGIN
    FOR i IN 1..n LOOP
        IF i % 2 = 0 THEN
            RETURN NEXT i;
        END IF;
    END LOOP;
    RETURN QUERY SELECT 100 + g FROM generate_series(1, 2) g;
END $$;
SELECT * FROM evens(6);
SELECT evens(4);
CREATE FUNCTION safe_div(a int, b int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
    RETURN a / b;
EXCEPTION
    WHEN division_by_zero THEN
        RAISE NOTICE 'caught %: %', SQLSTATE, SQLERRM;
        RETURN NULL;
END $$;
SELECT safe_div(10, 2), safe_div(1, 0);
DO $$
BEGIN
    BEGIN
        INSERT INTO accounts VALUES (4, 'dan', 10);
        INSERT INTO accounts VALUES (1, 'dup', 0);
    EXCEPTION WHEN unique_violation THEN
        RAISE NOTICE 'rolled back: %', SQLERRM;
    END;
END $$;
SELECT count(*) FROM accounts WHERE id = 4;
DO $$
DECLARE
    total int := 0;
    x int;
BEGIN
    FOREACH x IN ARRAY ARRAY[1, 2, 3, 4] LOOP
        total := total + x;
    END LOOP;
    RAISE NOTICE 'sum %', total;
    EXECUTE 'SELECT count(*) FROM accounts WHERE balance > $1' INTO x USING 10;
    RAISE NOTICE 'rich %', x;
    PERFORM * FROM accounts;
    RAISE NOTICE 'found %', FOUND;
END $$;
DO $$
BEGIN
    RAISE EXCEPTION 'custom failure' USING ERRCODE = '22012', DETAIL = 'some detail', HINT = 'some hint';
EXCEPTION WHEN division_by_zero THEN
    RAISE NOTICE 'mapped to division_by_zero: %', SQLERRM;
END $$;
DO $$
DECLARE
    c CONSTANT int := 1;
    nn int NOT NULL := 5;
BEGIN
    RAISE NOTICE 'c=% nn=%', c, nn;
    ASSERT c = 2, 'c is not two';
END $$;
DO $$ BEGIN RAISE WARNING 'careful'; RAISE INFO 'info'; END $$;
DO $$ BEGIN SELECT 1; END $$;
DO $$ BEGIN RAISE EXCEPTION 'one % two %', 1; END $$;
DO LANGUAGE plpgsql $$ BEGIN RAISE NOTICE 'lang first'; END $$;
DO $$ BEGIN RAISE NOTICE '% %', 'lang', 'last'; END $$ LANGUAGE plpgsql;
CREATE FUNCTION inner_fail(x int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
    IF x > 0 THEN
        RAISE EXCEPTION 'inner failed for %', x;
    END IF;
    RETURN x;
END $$;
CREATE FUNCTION outer_call(x int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
    y int;
BEGIN
    y := inner_fail(x);
    RETURN y;
END $$;
SELECT outer_call(0);
SELECT outer_call(5);
CREATE FUNCTION no_return() RETURNS int LANGUAGE plpgsql AS $$ BEGIN END $$;
SELECT no_return();
CREATE FUNCTION bad_syntax() RETURNS int LANGUAGE plpgsql AS $$
BEGIN
    IF true THEN
        RETURN 1;
    END;
END $$;
CREATE FUNCTION out_param(a int, OUT doubled int) LANGUAGE plpgsql AS $$
BEGIN
    doubled := a * 2;
END $$;
SELECT out_param(21);
DROP FUNCTION add_one(int);
DROP PROCEDURE transfer(int, int, numeric);
DO $$ DECLARE x int; BEGIN x := (SELECT 1/0); END $$;
DO $$ DECLARE x int := 1/0; BEGIN END $$;
DO $$ BEGIN IF 1/0 = 1 THEN NULL; END IF; END $$;
DO $$ BEGIN x := 1; END $$;
DO $$ BEGIN RAISE NOTICE 'unterminated; END $$;
DO $$ DECLARE r record; BEGIN RAISE NOTICE '%', r.a; END $$;
DO $$ BEGIN RAISE division_by_zero; EXCEPTION WHEN others THEN RAISE NOTICE 'others caught % %', SQLSTATE, SQLERRM; END $$;
DO $$ BEGIN BEGIN RAISE EXCEPTION 'inner'; EXCEPTION WHEN raise_exception THEN RAISE; END; END $$;
DO $$
DECLARE
    msg text;
    st text;
BEGIN
    PERFORM 1 / 0;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, st = RETURNED_SQLSTATE;
    RAISE NOTICE 'stacked: % %', st, msg;
END $$;
SELECT proname, prolang = (SELECT 13563) AS is_plpgsql FROM pg_proc WHERE proname IN ('fact', 'evens') ORDER BY proname;
