-- CREATE AGGREGATE: transition functions in SQL, PL/pgSQL and built-in
create function ag_add(int8, int4) returns int8 language sql as 'select $1 + $2';
create aggregate ag_sum(int4) (sfunc = ag_add, stype = int8, initcond = '0');
create function ag_cat(text, text) returns text language plpgsql as $$
begin
  return coalesce($1 || ',', '') || $2;
end $$;
create aggregate ag_list(text) (sfunc = ag_cat, stype = text);
create aggregate ag_isum(int4) (sfunc = int4pl, stype = int4);
create function ag_half(int8) returns numeric language sql strict as 'select $1 / 2.0';
create aggregate ag_halfsum(int4) (sfunc = ag_add, stype = int8, finalfunc = ag_half, initcond = '0');
create aggregate ag_oldsum (basetype = int4, sfunc = int4pl, stype = int4);
create table ag_t (g int, x int, s text);
insert into ag_t values (1, 1, 'a'), (1, 2, 'b'), (2, 3, 'c'), (2, null, 'd'), (2, 3, 'e'), (3, null, null);
select ag_sum(x), ag_isum(x), ag_halfsum(x), ag_oldsum(x) from ag_t;
select g, ag_sum(x), ag_isum(x), ag_list(s order by s desc) from ag_t group by g order by g;
select g, ag_sum(x) filter (where x > 1), ag_sum(distinct x), ag_list(distinct s) from ag_t group by g order by g;
select ag_sum(x), ag_isum(x) from ag_t where false;
select g, x, ag_sum(x) over (partition by g order by x), ag_list(s) over (order by s rows between 1 preceding and current row)
from ag_t order by g, x, s;
-- a moving aggregate: the window removes rows through the inverse transition
create function ag_log(text, int4) returns text language sql as $$ select coalesce($1, '') || '+' || coalesce($2::text, 'null') $$;
create function ag_unlog(text, int4) returns text language sql as $$ select $1 || '-' || coalesce($2::text, 'null') $$;
create aggregate ag_logged(int4) (stype = text, sfunc = ag_log, mstype = text, msfunc = ag_log, minvfunc = ag_unlog);
select x, ag_logged(x) over (order by x rows between 1 preceding and current row) from generate_series(1, 4) x;
select x, ag_logged(x) over (order by x rows between unbounded preceding and current row) from generate_series(1, 3) x;
create function ag_inv_int(int4, int4) returns int4 language sql strict as 'select $1 - $2';
create aggregate ag_msum(int4) (stype = int4, sfunc = int4pl, mstype = int4, msfunc = int4pl, minvfunc = ag_inv_int);
select x, ag_msum(x) over (order by x rows between 2 preceding and current row) from generate_series(1, 6) x;
-- polymorphic arguments
create function ag_first(anyelement, anyelement) returns anyelement language sql as 'select coalesce($1, $2)';
create aggregate ag_first_of(anyelement) (sfunc = ag_first, stype = anyelement);
select ag_first_of(x), ag_first_of(s), ag_first_of(x::numeric * 1.5) from ag_t;
-- the catalog, \da and \df
select p.proname, p.prokind, p.prorettype::regtype, p.proargtypes, p.prosrc, a.aggkind, a.aggfinalextra,
       a.aggfinalmodify, a.aggsortop, a.aggtranstype::regtype, a.aggmtranstype, a.agginitval, a.aggminitval
from pg_aggregate a join pg_proc p on p.oid = a.aggfnoid where p.proname like 'ag\_%' order by 1;
\da ag_*
\df ag_s*
-- errors
create aggregate ag_bad(int4) (sfunc = ag_nosuch, stype = int8);
create aggregate ag_bad(int4) (stype = int8);
create aggregate ag_bad(int4) (sfunc = int8pl);
create aggregate ag_bad(int4) (sfunc = ag_add, stype = int4);
create aggregate ag_bad(int8) (sfunc = int4pl, stype = int4);
create aggregate ag_bad(text) (sfunc = ag_add, stype = int8);
create aggregate ag_bad(int4) (sfunc = ag_add, stype = int8, initcond = '0', colour = 'red');
drop aggregate ag_bad(int4);
create aggregate ag_sum(int4) (sfunc = ag_add, stype = int8, initcond = '0');
create or replace aggregate ag_sum(int4) (sfunc = ag_add, stype = int8, initcond = '100');
select ag_sum(x) from ag_t;
create aggregate ag_msbad(int4) (stype = int4, sfunc = int4pl, msfunc = int4pl, minvfunc = ag_inv_int);
select ag_nosuch_agg(x) from ag_t;
select ag_sum(s) from ag_t;
-- ALTER and DROP
alter aggregate ag_sum(int4) rename to ag_total;
select ag_total(x) from ag_t;
create schema ag_schema;
alter aggregate ag_total(int) set schema ag_schema;
select ag_schema.ag_total(x) from ag_t;
drop aggregate ag_total(int4);
drop aggregate if exists ag_total(int);
drop aggregate ag_schema.ag_total(int4), ag_isum(int4);
drop aggregate ag_nosuch(*);
drop aggregate if exists ag_nosuch(*);
drop aggregate if exists no_such_schema.ag_nosuch(int);
drop aggregate if exists ag_nosuch(no_such_type);
-- CREATE CAST in each context
create type ag_mood as enum ('sad', 'happy');
create function ag_mood_int(ag_mood) returns int4 language sql strict as $$ select case $1 when 'sad' then 0 else 1 end $$;
create cast (ag_mood as int4) with function ag_mood_int(ag_mood);
select 'happy'::ag_mood::int4, cast('sad'::ag_mood as integer);
create table ag_c (i int4);
create table ag_m (m ag_mood);
insert into ag_m values ('happy');
insert into ag_c values ((select m from ag_m));
drop cast (ag_mood as int4);
create cast (ag_mood as int4) with function ag_mood_int(ag_mood) as assignment;
insert into ag_c values ((select m from ag_m));
insert into ag_c select m from ag_m;
update ag_c set i = m from ag_m;
select * from ag_c;
select pg_typeof('happy'::ag_mood::int4);
create type ag_digit as enum ('1', '2', '3');
create cast (int4 as ag_digit) with inout as implicit;
select 2::ag_digit, 3::ag_digit::text;
create table ag_d (d ag_digit);
insert into ag_d values (1), (3);
select * from ag_d;
select c.castcontext, c.castmethod, c.castfunc <> 0 as has_function from pg_cast c
where c.castsource = 'ag_mood'::regtype or c.casttarget = 'ag_digit'::regtype order by 1;
\dC ag_*
-- CREATE CAST errors
create cast (int4 as int8) without function;
create cast (int4 as int8) with function int8(int4);
create cast (ag_mood as int4) with inout;
create cast (text as int4) with function ag_mood_int(ag_mood);
create cast (ag_nosuch as int4) with inout;
create cast (int4 as int4) with inout;
drop cast (text as text);
drop cast if exists (text as text);
drop cast if exists (int4 as no_such_type);
drop cast if exists (no_such_schema.foo as int4);
drop cast (int4 as int8);
drop cast (int4 as ag_digit);
select 2::ag_digit;
-- clean up
drop cast (ag_mood as int4);
drop table ag_t, ag_c, ag_d, ag_m;
drop aggregate ag_list(text), ag_halfsum(int4), ag_oldsum(int4), ag_logged(int4), ag_msum(int4), ag_first_of(anyelement);
drop function ag_add(int8, int4), ag_cat(text, text), ag_half(int8), ag_log(text, int4), ag_unlog(text, int4),
  ag_inv_int(int4, int4), ag_first(anyelement, anyelement), ag_mood_int(ag_mood);
drop type ag_mood, ag_digit;
drop schema ag_schema;
