package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * EXPLAIN VERBOSE (Output lines of scans, sorts, limits, aggregates, values, set-returning
 * functions, init plans and the plans below UPDATE and DELETE; schema-qualified relations) and
 * EXPLAIN [ANALYZE] of CREATE TABLE AS, SELECT INTO and EXECUTE, as psql shows them, compared
 * with the output of PostgreSQL 15.
 */
class ExplainVerboseIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    private static String resource(String name) throws IOException {
        try (InputStream in = ExplainVerboseIT.class.getResourceAsStream("/explain/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void verboseScriptMatchesPostgres() throws Exception {
        String output = PsqlIT.run(server, resource("verbose.sql"), "-a", "-v", "ON_ERROR_STOP=0");
        assertThat(output).isEqualTo(resource("verbose-pg15.out"));
    }
}
