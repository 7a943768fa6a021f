-- CREATE TRIGGER and trigger execution (pieces of the regression tests triggers.sql and plpgsql.sql)
create table t (a int primary key, b text);
create table log (what text);
create function trf() returns trigger language plpgsql as $$
begin
  insert into log values (tg_name || ' ' || tg_when || ' ' || tg_level || ' ' || tg_op || ' ' || tg_table_name || ' ' || tg_nargs || coalesce(' ' || tg_argv[0], ''));
  if tg_level = 'ROW' and tg_op = 'INSERT' and tg_when = 'BEFORE' then
    new.b := upper(new.b);
    if new.a < 0 then return null; end if;
  end if;
  if tg_op = 'DELETE' then return old; end if;
  return new;
end $$;
create trigger bi before insert on t for each row execute function trf('x');
create trigger ai after insert or update on t for each row execute function trf();
create trigger bs before insert on t for each statement execute procedure trf();
create trigger as1 after delete on t execute function trf();
create trigger bu before update of b on t for each row when (old.b is distinct from new.b) execute function trf('upd');
insert into t values (1,'a'),(2,'b'),(-1,'c');
select * from t;
update t set b = 'zz' where a = 1;
update t set a = a where a = 2;
delete from t where a = 7;
select * from log;
select tgname, tgtype, tgenabled, tgnargs, tgattr, tgargs, tgqual is not null from pg_trigger where tgrelid = 't'::regclass order by tgname;
select pg_get_triggerdef(oid) from pg_trigger where tgrelid = 't'::regclass order by tgname;
select pg_get_triggerdef(oid, true) from pg_trigger where tgrelid = 't'::regclass order by tgname;
\d t
alter table t disable trigger bi;
\d t
drop function trf();
drop trigger bi on t;
drop trigger bi on t;
drop trigger if exists bi on t;
alter trigger ai on t rename to ai2;
drop function trf() cascade;
drop table t, log;
create table t (a int primary key, b text);
create view v as select a, b from t;
create function vins() returns trigger language plpgsql as $$
begin
  insert into t values (new.a, new.b || '!');
  return new;
end $$;
create trigger vi instead of insert on v for each row execute function vins();
insert into v values (1, 'x'), (2, 'y');
insert into v values (3, 'z') returning *;
select * from t order by a;
create function boom() returns trigger language plpgsql as $$
begin
  if new.a > 10 then raise exception 'too big: %', new.a; end if;
  return new;
end $$;
create trigger tb before insert on t for each row execute function boom();
insert into t values (11, 'q');
create function noret() returns trigger language plpgsql as $$ begin end $$;
create trigger nr after insert on t for each row execute function noret();
insert into t values (5, 'q');
drop trigger nr on t;
create table cnt (n int);
insert into cnt values (0);
create function bump() returns trigger language plpgsql as $$
begin update cnt set n = n + 1; return null; end $$;
create trigger bumpit after insert on t for each statement execute function bump();
insert into t select 100, 'x' where false;
select n from cnt;
insert into t values (6, 'a') on conflict (a) do nothing;
insert into t values (6, 'b') on conflict (a) do update set b = excluded.b;
select n from cnt;
create trigger x before insert on v for each row execute function vins();
create trigger x instead of insert on t for each row execute function vins();
create trigger x before truncate on t for each row execute function vins();
create trigger x before insert on t for each row execute function nosuch();
create function notrig() returns int language sql as 'select 1';
create trigger x before insert on t for each row execute function notrig();
create trigger tb before insert on t for each row execute function boom();
create or replace trigger tb before insert or update on t for each row execute function boom();
select pg_get_triggerdef(oid) from pg_trigger where tgname = 'tb';
copy t from stdin;
50	copy
\.
select * from t where a = 50;
select n from cnt;
drop table t cascade;
select count(*) from pg_trigger where tgname in ('tb', 'vi', 'bumpit');
create table tt (a int);
create function trunc_log() returns trigger language plpgsql as $$
begin raise notice '% % % %', tg_when, tg_level, tg_op, tg_table_name; return null; end $$;
create trigger tt_b before truncate on tt execute function trunc_log();
create trigger tt_a after truncate on tt for each statement execute function trunc_log();
create trigger tt_r before truncate on tt for each row execute function trunc_log();
truncate tt;
select pg_get_triggerdef(oid, true) from pg_trigger where tgrelid = 'tt'::regclass order by tgname;
