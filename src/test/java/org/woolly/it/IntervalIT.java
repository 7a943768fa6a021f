package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Interval ranges as PostgreSQL 15 checks them: a field of the input beyond its own range (days
 * an int, the time part an int64 of microseconds) is 22008 "interval field value out of range";
 * a result beyond the type's (negation, subtraction, multiplication, justify_*) is "interval out
 * of range"; justify_days / justify_hours / justify_interval give every part one sign; and
 * output follows IntervalStyle (postgres, postgres_verbose, sql_standard, iso_8601), the
 * smallest interval included. psql scripts whose expected output PostgreSQL 15 printed.
 */
class IntervalIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void overflowAndJustifyMatchPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "interval/overflow");
    }

    @Test
    void everyIntervalStyleMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "interval/styles");
    }

    @Test
    void dateFieldsOutOfRangeHintAtTheDateStyleAsPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "datetime/field_range");
    }
}
