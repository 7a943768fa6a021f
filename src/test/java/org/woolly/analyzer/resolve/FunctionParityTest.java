package org.woolly.analyzer.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.error.SqlException;

/**
 * Function and aggregate calls over all pairings of 18 argument types, resolved by PostgreSQL 15
 * (function-resolution-pg15.txt) and by FunctionResolver. Calls PostgreSQL rejects for other
 * reasons (special syntax such as position(a IN b)), reports as ambiguous, or resolves to a
 * type Woolly lacks are skipped.
 */
class FunctionParityTest {
    private static final Set<String> KNOWN_RESULTS = Set.of("boolean", "text", "double precision", "interval",
            "numeric", "bigint", "integer", "smallint", "timestamp without time zone", "real",
            "timestamp with time zone", "date", "time without time zone", "bytea", "bpchar", "character varying",
            "name", "\"char\"", "oid");

    @Test
    void matchesPostgres() throws IOException {
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/function-resolution-pg15.txt"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\|", -1);
                String expected = parts[3];
                boolean comparable = expected.equals("ERROR:42883") || KNOWN_RESULTS.contains(expected);
                if (!comparable) {
                    continue;
                }
                String[] names = parts[2].split(",");
                int[] types = new int[names.length];
                for (int i = 0; i < names.length; i++) {
                    types[i] = BuiltinTypes.byName(names[i]).oid();
                }
                String actual;
                try {
                    int result = parts[0].equals("a")
                            ? FunctionResolver.resolveAggregate(parts[1], types, false).aggregate().resultType()
                            : FunctionResolver.resolve(parts[1], types).function().returnType();
                    actual = TypeNames.format(result);
                } catch (SqlException e) {
                    actual = "ERROR:" + e.sqlState().code();
                }
                compared++;
                if (!actual.equals(expected)) {
                    mismatches.add(parts[1] + "(" + parts[2] + "): postgres " + expected + ", woolly " + actual);
                }
            }
        }
        assertThat(compared).isGreaterThan(5000);
        assertThat(mismatches).isEmpty();
    }
}
