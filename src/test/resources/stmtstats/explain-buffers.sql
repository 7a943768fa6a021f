-- EXPLAIN (ANALYZE, BUFFERS, WAL): which nodes show Buffers and WAL lines; the counters in them
-- differ between servers (page layout, full-page images), so they are masked, as is the
-- planner's own "Planning:" group (PostgreSQL reads its catalogs through shared buffers, Woolly
-- does not).
create function explain_masked(options text, query text) returns setof text language plpgsql as $$
declare
    line text;
    skip_planning boolean := false;
begin
    for line in execute 'explain (analyze, costs off, timing off, summary off, ' || options || ') ' || query loop
        if line = 'Planning:' then
            skip_planning := true;
            continue;
        end if;
        if skip_planning and line like '  %' then
            continue;
        end if;
        skip_planning := false;
        return next regexp_replace(regexp_replace(line, '=[0-9]+', '=N', 'g'), '(Buffers|WAL): .*', '\1: ...');
    end loop;
end;
$$;
create table explain_buffers_t (id int primary key, v text);
select * from explain_masked('buffers, wal', 'insert into explain_buffers_t select g, ''x'' from generate_series(1, 500) g');
select * from explain_masked('buffers', 'select count(*) from explain_buffers_t');
select * from explain_masked('buffers, wal', 'update explain_buffers_t set v = ''y'' where id = 7');
select * from explain_masked('buffers, wal', 'delete from explain_buffers_t where id = 8');
select * from explain_masked('buffers false, wal false', 'select count(*) from explain_buffers_t');
-- WAL needs ANALYZE; BUFFERS does not
explain (wal) select 1;
explain (wal, analyze false) select 1;
explain (buffers, costs off) select * from explain_buffers_t where id = 5;
drop function explain_masked(text, text);
drop table explain_buffers_t;
