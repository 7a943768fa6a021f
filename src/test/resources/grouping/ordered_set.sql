create table osa(g int, v float8, t text, n numeric);
insert into osa values (1, 1, 'a', 1.0), (1, 2, 'b', 1.00), (1, 3, 'b', 2), (1, 4, 'c', 2), (2, 10, 'x', 5), (2, null, null, null), (3, null, 'z', 7);
select g, percentile_cont(0.5) within group (order by v), percentile_cont(0.25) within group (order by v desc),
       percentile_disc(0.5) within group (order by v), percentile_disc(0.5) within group (order by t),
       mode() within group (order by t), mode() within group (order by n) from osa group by g order by g;
select percentile_cont(0.5) within group (order by v) from osa where false;
select percentile_disc(0) within group (order by v), percentile_disc(1) within group (order by v) from osa;
select percentile_cont(0.5) within group (order by v) filter (where g = 1) from osa;
select percentile_cont(1.5) within group (order by v) from osa;
select percentile_cont(null) within group (order by v) from osa;
select count(*) within group (order by v) from osa;
select percentile_cont(0.5) from osa;
select abs(1) within group (order by v) from osa;
select percentile_cont(0.5) within group (order by v) over () from osa;
select mode() within group (order by g) from osa;
