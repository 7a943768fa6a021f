package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Built-in functions checked against PostgreSQL 15's own output: the regular-expression family
 * (regexp_replace with start and N, regexp_match/matches, split, count, instr, like, substr,
 * PostgreSQL's option letters and bracket classes), string_to_table, encode/decode, the variance
 * and standard-deviation aggregates (exact for integers and numeric, Youngs-Cramer for floats),
 * gcd/lcm/factorial, min_scale/trim_scale, the hyperbolic functions, width_bucket and date_bin,
 * with their error texts; to_timestamp and to_date reading date/time templates.
 */
class BuiltinFunctionsIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void theScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "builtins/functions");
    }

    /** to_timestamp/to_date templates: separators, FX, widths, ISO weeks, centuries, BC, zones, the errors. */
    @Test
    void timestampTemplatesMatchPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "builtins/to_timestamp");
    }

    /** make_* constructors with named arguments and defaults, parse_ident, AT TIME ZONE with names and intervals. */
    @Test
    void constructorsAndZonesMatchPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "builtins/datetime_make");
    }
}
