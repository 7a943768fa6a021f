-- a field beyond its range is "interval field value out of range"; a result beyond it "interval out of range"
SELECT interval '2147483647 days', interval '-2147483648 days';
SELECT interval '2147483648 days';
SELECT interval '2147483648 years';
SELECT interval '2147483647 years';
SELECT interval '2562047789 hours';
SELECT interval '153722867280.912930117 minutes';
SELECT interval '9223372036854775808 microsecond';
SELECT interval '2147483647 weeks';
SELECT -('-2147483648 months'::interval);
SELECT -('-9223372036854775808 us'::interval);
SELECT interval '-1 months' - interval '-2147483648 months';
SELECT '1 month 2146410 days'::interval * 1000.5002;
SELECT interval '256 microseconds' * (2^55)::float8;
-- justify_*
SELECT justify_days(interval '6 months 36 days 5 hours'), justify_days(interval '1 month -40 days');
SELECT justify_hours(interval '3 days 52 hours 3 minutes'), justify_hours(interval '1 day -30 hours');
SELECT justify_interval(interval '1 month -1 hour'), justify_interval(interval '-1 month 40 days 49 hours');
SELECT justify_interval(interval '2147483647 days 24 hrs');
SELECT justify_days(interval '2147483647 months 30 days');
SELECT justify_hours(interval '2147483647 days 24 hrs');
-- year and month fields overflow on their own (field value), their months together overflow the result; fractional years are whole months
select interval '0.1 years', interval '1.5 years', interval '0.01 decade', interval '-0.1 yrs', interval '1.5 months', interval '0.5 centuries';
select interval '1 decade 2147483647 years';
select interval '-1 millennium -2147483648 years';
select interval '2147483647 years 1 century';
select interval '0.1 millennium 2147483647 months';
select interval '-0.1 yrs -2147483648 months';
select interval '2147483647 months 0.1 decades';
select interval 'P0.1Y2147483647M';
select interval 'P-2147483648M-0.1Y';
select interval '2147483647 years';
select interval '178956970 years 7 months';
select interval '178956970 years 8 months';
select interval '2147483647 months 1 year';
