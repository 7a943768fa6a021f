package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Composite types through psql, compared with PostgreSQL 15's output for the same script: row
 * values and their quoting, CREATE/ALTER/DROP TYPE of composite types with psql's {@code \d},
 * field selection and assignment, record comparisons, SQL functions returning a composite type,
 * and WITH RECURSIVE's SEARCH DEPTH FIRST and CYCLE clauses.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RowTypesScriptIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void psqlScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "composite/rowtypes");
    }
}
