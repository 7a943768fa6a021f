package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GROUPING SETS, ROLLUP, CUBE and GROUPING(), aggregates of an outer query level in subqueries,
 * and data-modifying statements in WITH, as psql shows them: scripts whose expected output
 * PostgreSQL 15 produced (results, EXPLAIN shapes and the 42803 errors with their positions).
 */
class QueryLanguageIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    private static String resource(String name) throws IOException {
        try (InputStream in = QueryLanguageIT.class.getResourceAsStream("/grouping/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertScriptMatchesPostgres(String name) throws Exception {
        String output = PsqlIT.run(server, resource(name + ".sql"), "-a", "-v", "ON_ERROR_STOP=0");
        assertThat(output).isEqualTo(resource(name + "-pg15.out"));
    }

    @Test
    void groupingSetsScriptMatchesPostgres() throws Exception {
        assertScriptMatchesPostgres("grouping_sets");
    }

    @Test
    void outerLevelAggregatesAndGroupingErrorsMatchPostgres() throws Exception {
        assertScriptMatchesPostgres("outer_aggregates");
    }

    @Test
    void dataModifyingWithQueriesMatchPostgres() throws Exception {
        assertScriptMatchesPostgres("data_modifying_with");
    }
}
