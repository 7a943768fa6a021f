package org.woolly.utils.adt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Random values printed and computed by PostgreSQL 15, compared with Woolly's output and arithmetic. */
class ValueParityTest {
    private static final FormatSettings SETTINGS = FormatSettings.DEFAULT;

    private static List<String[]> rows(String resource) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                ValueParityTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.startsWith("#")) {
                    rows.add(line.split("\\|", -1));
                }
            }
        }
        return rows;
    }

    @Test
    void floatOutputMatchesPostgres() throws IOException {
        List<String> mismatches = new ArrayList<>();
        List<String[]> rows = rows("/float-output-pg15.txt");
        for (String[] row : rows) {
            byte[] bytes = HexFormat.of().parseHex(row[1]);
            int type = row[0].equals("f8") ? TypeOids.FLOAT8 : TypeOids.FLOAT4;
            TypeIO io = BuiltinTypes.byOid(type).io();
            Object value = io.receive(bytes, 0, bytes.length, -1, SETTINGS);
            String text = io.output(value, SETTINGS);
            if (!text.equals(row[2])) {
                mismatches.add(row[2] + " printed as " + text);
            }
            if (!io.input(row[2], -1, SETTINGS).equals(value)) {
                mismatches.add(row[2] + " does not read back");
            }
        }
        assertThat(rows).hasSizeGreaterThan(400);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void numericArithmeticAndWireFormatMatchPostgres() throws IOException {
        List<String> mismatches = new ArrayList<>();
        List<String[]> rows = rows("/numeric-arithmetic-pg15.txt");
        TypeIO io = BuiltinTypes.byOid(TypeOids.NUMERIC).io();
        for (String[] row : rows) {
            Object a = io.input(row[0], -1, SETTINGS);
            Object b = io.input(row[1], -1, SETTINGS);
            check(mismatches, row[0] + " + " + row[1], row[2], NumericOperators.add(a, b));
            check(mismatches, row[0] + " * " + row[1], row[3], NumericOperators.multiply(a, b));
            check(mismatches, row[0] + " / " + row[1], row[4], NumericOperators.divide(a, b));
            check(mismatches, row[0] + " % " + row[1], row[6], NumericOperators.modulo(a, b));
            String sent = HexFormat.of().formatHex(io.send(a, SETTINGS));
            if (!sent.equals(row[5])) {
                mismatches.add("numeric_send(" + row[0] + ") = " + row[5] + ", woolly " + sent);
            }
            byte[] postgresBytes = HexFormat.of().parseHex(row[5]);
            if (((BigDecimal) io.receive(postgresBytes, 0, postgresBytes.length, -1, SETTINGS)).compareTo(
                    (BigDecimal) a) != 0) {
                mismatches.add("numeric_recv of " + row[5]);
            }
        }
        assertThat(rows).hasSizeGreaterThan(200);
        assertThat(mismatches).isEmpty();
    }

    private static void check(List<String> mismatches, String expression, String expected, Object actual) {
        String text = BuiltinTypes.byOid(TypeOids.NUMERIC).io().output(actual, SETTINGS);
        if (!text.equals(expected)) {
            mismatches.add(expression + " = " + expected + ", woolly " + text);
        }
    }
}
