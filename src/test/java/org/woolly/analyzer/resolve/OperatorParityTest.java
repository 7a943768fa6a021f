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
import org.woolly.utils.error.SqlState;

/**
 * Every pairing of 18 types under 10 operators, resolved by PostgreSQL 15 (result type or
 * error, in operator-resolution-pg15.txt) and by OperatorResolver. Cases where PostgreSQL
 * picks an operator of a type Woolly lacks (jsonb, ...) or reports ambiguity among such
 * operators are not comparable and are skipped.
 */
class OperatorParityTest {
    private static final Set<String> KNOWN_RESULTS = Set.of("boolean", "text", "double precision", "interval",
            "numeric", "bigint", "integer", "smallint", "timestamp without time zone", "real",
            "timestamp with time zone", "date", "time without time zone", "bytea");

    @Test
    void matchesPostgres() throws IOException {
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/operator-resolution-pg15.txt"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\|", -1);
                String expected = parts[3];
                if (expected.equals("ERROR:42725") || !expected.startsWith("ERROR") && !KNOWN_RESULTS.contains(expected)) {
                    continue;
                }
                int left = BuiltinTypes.byName(parts[0]).oid();
                int right = BuiltinTypes.byName(parts[2]).oid();
                String actual;
                try {
                    actual = TypeNames.format(OperatorResolver.resolve(parts[1], left, right).op().resultType());
                } catch (SqlException e) {
                    actual = "ERROR:" + e.sqlState().code();
                    if (e.sqlState() != SqlState.UNDEFINED_FUNCTION && e.sqlState() != SqlState.AMBIGUOUS_FUNCTION) {
                        actual += " " + e.getMessage();
                    }
                }
                compared++;
                if (!actual.equals(expected)) {
                    mismatches.add(parts[0] + " " + parts[1] + " " + parts[2] + ": postgres " + expected + ", woolly "
                            + actual);
                }
            }
        }
        assertThat(compared).isGreaterThan(2500);
        assertThat(mismatches).isEmpty();
    }
}
