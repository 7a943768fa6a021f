package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Date and timestamp literals in every DateStyle order, extract/date_part/date_trunc units and
 * the one-argument age and date functions, through psql, compared with PostgreSQL 15's output.
 */
class DateTimeInputIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void theScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "datetime/datetime_input");
    }
}
