-- a month or day out of range may be a day and month read in the wrong order: the HINT says so (DTERR_MD_FIELD_OVERFLOW)
SELECT date '1/18/1999';
SELECT date '18/1/1999';
SELECT date '1999-13-01';
SELECT date '1999-02-30';
SELECT date '0000-01-01';
SELECT timestamp '1999-13-01 10:00';
SELECT timestamp '13/13/1999 10:00';
SELECT timestamptz '1999-01-32 10:00+02';
SET datestyle = 'DMY';
SELECT date '1/18/1999';
SELECT '2000-00-01'::date;
RESET datestyle;
