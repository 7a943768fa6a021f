package org.woolly.utils.adt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** The JSON parser's errors, jsonb's normalization and output, and jsonb's btree order and hashing. */
class JsonbTest {
    private static SqlException failure(String text) {
        try {
            Jsonb.parse(text);
        } catch (SqlException e) {
            return e;
        }
        throw new AssertionError("accepted: " + text);
    }

    @Test
    void normalizesKeysNumbersAndSpacing() {
        assertThat(Jsonb.parse("{\"b\":1,\"a\":[1,2.50,1e2,-0.0],\"aa\":null, \"a\":true}").toString())
                .isEqualTo("{\"a\": true, \"b\": 1, \"aa\": null}");
        assertThat(Jsonb.parse(" [1E-3, \"\\u00e9\\ud83d\\ude00\\t\", false] ").toString())
                .isEqualTo("[0.001, \"é😀\\t\", false]");
        assertThat(Jsonb.parse("\"\\u0001\"").toString()).isEqualTo("\"\\u0001\"");
    }

    @Test
    void reportsErrorsAsPostgres() {
        SqlException end = failure("{\"a\"");
        assertThat(end.sqlState()).isEqualTo(SqlState.INVALID_TEXT_REPRESENTATION);
        assertThat(end.getMessage()).isEqualTo("invalid input syntax for type json");
        assertThat(end.detail()).isEqualTo("The input string ended unexpectedly.");
        assertThat(end.context()).isEqualTo("JSON data, line 1: {\"a\"");
        assertThat(failure("{\"a\" 1}").detail()).isEqualTo("Expected \":\", but found \"1\".");
        assertThat(failure("{\"a\" 1}").context()).isEqualTo("JSON data, line 1: {\"a\" 1...");
        assertThat(failure("01").detail()).isEqualTo("Token \"01\" is invalid.");
        assertThat(failure("[1,]").detail()).isEqualTo("Expected JSON value, but found \"]\".");
        assertThat(failure("{1:2}").detail()).isEqualTo("Expected string or \"}\", but found \"1\".");
        assertThat(failure("{\"a\":1,\n\"b\":x}").context()).isEqualTo("JSON data, line 2: \"b\":x...");
        assertThat(failure("\"\\x\"").detail()).isEqualTo("Escape sequence \"\\x\" is invalid.");
        assertThat(failure("\"\\ud800\"").detail()).isEqualTo("Unicode low surrogate must follow a high surrogate.");
        SqlException zero = failure("\"\\u0000\"");
        assertThat(zero.sqlState()).isEqualTo(SqlState.UNTRANSLATABLE_CHARACTER);
        assertThat(zero.detail()).isEqualTo("\\u0000 cannot be converted to text.");
        // json keeps such text: only the syntax is checked
        JsonParser.validate("\"\\u0000\\ud800\"");
        assertThatThrownBy(() -> JsonParser.validate("[1 2]")).isInstanceOf(SqlException.class)
                .hasMessage("invalid input syntax for type json");
    }

    @Test
    void ordersAsPostgres() {
        // the order PostgreSQL 15 gives these values (SELECT ... ORDER BY 1)
        List<String> sorted = List.of("[]", "null", "\"a\"", "\"b\"", "1", "1.5", "false", "true", "[1]", "[\"x\", 1]",
                "[1, 2]", "{}", "{\"b\": 1}", "{\"a\": 1, \"b\": 1}");
        List<Jsonb> values = new ArrayList<>();
        for (String text : sorted) {
            values.add(Jsonb.parse(text));
        }
        List<Jsonb> shuffled = new ArrayList<>(values);
        java.util.Collections.reverse(shuffled);
        shuffled.sort(null);
        assertThat(shuffled).containsExactlyElementsOf(values);
        assertThat(Jsonb.parse("{\"a\": 1.0}")).isEqualTo(Jsonb.parse("{\"a\": 1}"))
                .hasSameHashCodeAs(Jsonb.parse("{\"a\": 1}"));
        assertThat(Arrays.asList(Jsonb.parse("1"), Jsonb.parse("[1]"))).doesNotHaveDuplicates();
    }
}
