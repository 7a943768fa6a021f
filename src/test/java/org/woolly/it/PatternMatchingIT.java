package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * LIKE, ILIKE and SIMILAR TO with and without ESCAPE (the parser's like_escape and
 * similar_to_escape): a psql script whose expected output PostgreSQL 15 printed, errors included.
 */
class PatternMatchingIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void escapeClausesMatchPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "patterns/escape");
    }
}
