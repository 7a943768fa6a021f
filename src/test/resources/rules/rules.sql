-- Rules (PostgreSQL 15's rules.sql and copydml.sql themes): ALSO and INSTEAD, conditional rules,
-- DO INSTEAD NOTHING and the command tag, RETURNING, rules making a view writable, rules firing
-- rules and the recursion error, COPY, pg_rewrite, pg_rules, pg_get_ruledef, \d, the checks of CREATE RULE
create table rtest_t (a int, b text);
create table rtest_log (a int, b text, who text default 'rule');
create rule rtest_ins as on insert to rtest_t do also insert into rtest_log (a, b) values (new.a, new.b);
insert into rtest_t values (1, 'one');
insert into rtest_t select g, 'g' || g from generate_series(2, 4) g;
insert into rtest_t (a) values (5);
select * from rtest_t order by a;
select * from rtest_log order by a;
create rule rtest_upd as on update to rtest_t do also insert into rtest_log values (old.a, new.b, 'upd');
update rtest_t set b = 'two' where a = 2;
update rtest_t set b = b || '!' where a > 3;
select * from rtest_log where who = 'upd' order by a;
-- a conditional INSTEAD rule: the original runs for the rows its condition leaves out
create rule rtest_del as on delete to rtest_t where old.a > 3 do instead delete from rtest_log where a = old.a;
delete from rtest_t;
select * from rtest_t order by a;
select a, who from rtest_log order by a, who;
-- INSTEAD NOTHING: nothing happens, the tag says 0 rows
create rule rtest_nothing as on insert to rtest_log where new.a < 0 do instead nothing;
insert into rtest_log values (-1, 'neg');
insert into rtest_log values (-1, 'neg'), (6, 'six');
select count(*) from rtest_log where a < 0;
-- a multi-action rule, and an UPDATE ... FROM through it
create table rtest_emp (name text, salary int);
create table rtest_audit (name text, action text, old_salary int, new_salary int);
create rule rtest_emp_upd as on update to rtest_emp where new.salary <> old.salary do also
  (insert into rtest_audit values (old.name, 'raise', old.salary, new.salary);
   insert into rtest_audit values (new.name, 'check', null, new.salary * 2));
insert into rtest_emp values ('ann', 10), ('bob', 20), ('cid', 30);
update rtest_emp set salary = salary + 1 where name <> 'cid';
update rtest_emp set salary = salary where name = 'cid';
create table rtest_raise (name text, amount int);
insert into rtest_raise values ('cid', 5);
update rtest_emp set salary = salary + r.amount from rtest_raise r where r.name = rtest_emp.name;
select * from rtest_audit order by name, action;
-- a view made writable by rules, with RETURNING
create table rtest_base (id int primary key, val text);
create view rtest_v as select id, val from rtest_base;
create rule rtest_v_ins as on insert to rtest_v do instead
  insert into rtest_base values (new.id, new.val) returning *;
create rule rtest_v_upd as on update to rtest_v do instead
  update rtest_base set val = new.val where id = old.id;
create rule rtest_v_del as on delete to rtest_v do instead delete from rtest_base where id = old.id;
insert into rtest_v values (1, 'a');
insert into rtest_v values (2, 'b'), (3, 'c') returning id, upper(val);
update rtest_v set val = 'bb' where id = 2;
update rtest_v set val = 'x' returning *;
delete from rtest_v where id = 3;
select * from rtest_v order by id;
-- rules firing rules
create table rtest_a (x int);
create table rtest_b (x int);
create table rtest_c (x int);
create rule rtest_ab as on insert to rtest_a do also insert into rtest_b values (new.x + 10);
create rule rtest_bc as on insert to rtest_b do instead insert into rtest_c values (new.x + 100);
insert into rtest_a values (1);
select * from rtest_a;
select * from rtest_b;
select * from rtest_c;
create rule rtest_ca as on insert to rtest_c do also insert into rtest_a values (new.x);
insert into rtest_a values (2);
select count(*) from rtest_a;
drop rule rtest_ca on rtest_c;
-- ENABLE / DISABLE and ALTER RULE ... RENAME
alter table rtest_a disable rule rtest_ab;
insert into rtest_a values (3);
select count(*) from rtest_c;
alter table rtest_a enable rule rtest_ab;
alter rule rtest_ab on rtest_a rename to rtest_a_to_b;
alter rule rtest_bc on rtest_b rename to rtest_a_to_b;
select rulename, ev_type, ev_enabled, is_instead from pg_rewrite where ev_class = 'rtest_a'::regclass;
-- the catalog
select * from pg_rules where tablename like 'rtest%' order by tablename, rulename;
select pg_get_ruledef(oid, true) from pg_rewrite where rulename = 'rtest_emp_upd';
\d rtest_t
-- COPY takes one statement only (copydml.sql)
create table copydml_test (id serial, t text);
create rule qqq as on insert to copydml_test do instead nothing;
copy (insert into copydml_test default values) to stdout;
drop rule qqq on copydml_test;
create rule qqq as on insert to copydml_test do also delete from copydml_test;
copy (insert into copydml_test default values) to stdout;
drop rule qqq on copydml_test;
create rule qqq as on delete to copydml_test where old.t <> 'f' do instead insert into copydml_test default values;
copy (delete from copydml_test) to stdout;
drop rule qqq on copydml_test;
create rule qqq as on insert to copydml_test do instead notify copydml_test;
copy (insert into copydml_test default values) to stdout;
drop rule qqq on copydml_test;
-- what CREATE / DROP RULE refuse
create sequence rtest_seq;
create rule r as on insert to rtest_seq do nothing;
create rule r as on delete to rtest_t do also insert into rtest_log values (new.a);
create rule r as on insert to rtest_t do also insert into rtest_log values (new.a) returning *;
create rule r as on select to rtest_t do instead select 1 as a, 'x'::text as b;
create rule rtest_ins as on insert to rtest_t do nothing;
insert into rtest_v values (9, 'z') returning *;
drop rule rtest_v_ins on rtest_v;
drop rule nosuch on rtest_t;
drop rule if exists nosuch on rtest_t;
create or replace rule rtest_ins as on insert to rtest_t do instead nothing;
insert into rtest_t values (7, 'seven');
-- DROP TABLE drops the table's rules
drop table rtest_t;
select count(*) from pg_rewrite where rulename like 'rtest_ins%' or rulename = 'rtest_upd';
-- EXPLAIN shows each statement a rule makes, or that there is none
create table rtest_e (a int);
create rule rtest_e_upd as on update to rtest_e do instead nothing;
explain (costs off) update rtest_e set a = 1;
