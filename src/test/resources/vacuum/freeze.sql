create table fz(a int, b text);
insert into fz select g, 'row ' || g from generate_series(1, 500) g;
select age(relfrozenxid::xid) < 5 as young, mxid_age(relminmxid::xid) from pg_class where relname = 'fz';
select relfrozenxid::text::bigint as before from pg_class where relname = 'fz' \gset
vacuum (freeze) fz;
select relfrozenxid::text::bigint > :before as advanced, relallvisible = relpages as all_visible from pg_class where relname = 'fz';
select age('0'::xid) as invalid, age('2'::xid) as frozen, mxid_age('0'::xid) as no_multixact;
select datfrozenxid::text::bigint <= (select min(relfrozenxid::text::bigint) from pg_class where relkind in ('r', 't', 'm')) as bounded from pg_database where datname = current_database();
create view fz_v as select * from fz;
create index fz_a_idx on fz (a);
select relname, relfrozenxid::text, relminmxid::text from pg_class where relname in ('fz_v', 'fz_a_idx') order by relname;
copy fz from stdin (freeze);
1	one
\.
begin;
create table fz2(a int, b text);
copy fz2 from stdin (freeze);
1	one
2	two
\.
savepoint s;
copy fz2 from stdin (freeze);
3	three
\.
rollback to s;
release s;
select count(*) from fz2;
commit;
select * from fz2 order by a;
create table fzp(a int) partition by range (a);
copy fzp from stdin (freeze);
\.
begin;
truncate fz;
copy fz from stdin (freeze);
7	seven
8	eight
\.
select * from fz order by a;
commit;
vacuum fz;
select * from fz order by a;
-- the frozen-XID columns are of type xid, and age() and mxid_age() take them as they are
select attrelid::regclass, attname, atttypid::regtype, attnotnull from pg_attribute
 where attrelid in ('pg_class'::regclass, 'pg_database'::regclass)
   and attname in ('relfrozenxid', 'relminmxid', 'datfrozenxid', 'datminmxid') order by 1, 2;
select pg_typeof(relfrozenxid), age(relfrozenxid) >= 0 as aged from pg_class where relname = 'fz';
select datname, age(datfrozenxid) >= 0 as aged, mxid_age(datminmxid) >= 0 as maged
  from pg_database where datname in ('postgres', 'template0', 'template1') order by datname;
select relname, relfrozenxid from pg_class where relname = 'fz_v';
drop view fz_v;
drop table fz, fz2, fzp;
