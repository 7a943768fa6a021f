package org.woolly.utils.adt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.woolly.utils.error.SqlException;

/** The jsonpath parser, its canonical printing and the evaluator, without a server. */
class JsonPathTest {
    private static String print(String text) {
        return JsonPath.parse(text).toString();
    }

    private static List<String> query(String json, String path) {
        List<Object> found = new ArrayList<>();
        JsonPathExecutor.execute(JsonPath.parse(path), Jsonb.parse(json).root(), null, true, false, null, found);
        List<String> texts = new ArrayList<>();
        for (Object value : found) {
            texts.add(new Jsonb(value).toString());
        }
        return texts;
    }

    private static String sqlState(Runnable action) {
        try {
            action.run();
        } catch (SqlException e) {
            return e.sqlState().code() + " " + e.getMessage();
        }
        return "no error";
    }

    @Test
    void printsTheCanonicalForm() {
        assertThat(print("lax $.a[*] ? (@.b > 1)")).isEqualTo("$.\"a\"[*]?(@.\"b\" > 1)");
        assertThat(print("strict $.**{2 to last}")).isEqualTo("strict $.**{2 to last}");
        assertThat(print("1 + 2 * 3 / 4 - 5 % 6")).isEqualTo("((1 + (2 * 3) / 4) - 5 % 6)");
        assertThat(print("-(1) + +$.a")).isEqualTo("(-1 + +$.\"a\")");
        assertThat(print("1.2.e3")).isEqualTo("(1.2).\"e3\"");
        assertThat(print("$ ? (@ like_regex \"x\" flag \"smi\")")).isEqualTo("$?(@ like_regex \"x\" flag \"ism\")");
        assertThat(print("$.datetime(\"HH24\").type()")).isEqualTo("$.datetime(\"HH24\").type()");
    }

    @Test
    void printingRoundTrips() {
        for (String path : List.of("$.a[1, 2 to last]", "$ ? (!(@ < 1) && exists(@.x)) .keyvalue()",
                "($[*] > 2) ? (@ == true)", "$\"v\" starts with \"x\"", "\"\\u0001\\t\"")) {
            String printed = print(path);
            assertThat(print(printed)).isEqualTo(printed);
        }
    }

    @Test
    void syntaxErrorsNameTheTokenAsFlexLeavesIt() {
        assertThat(sqlState(() -> JsonPath.parse("strict lax $")))
                .isEqualTo("42601 syntax error at or near \" \" of jsonpath input");
        assertThat(sqlState(() -> JsonPath.parse("$ ? (@.a)")))
                .isEqualTo("42601 syntax error at or near \")\" of jsonpath input");
        assertThat(sqlState(() -> JsonPath.parse("$.a\"b\"")))
                .isEqualTo("42601 syntax error at or near \"\"\" of jsonpath input");
        assertThat(sqlState(() -> JsonPath.parse("1.type()")))
                .isEqualTo("42601 trailing junk after numeric literal at or near \"1.t\" of jsonpath input");
        assertThat(sqlState(() -> JsonPath.parse("@ + 1"))).isEqualTo("42601 @ is not allowed in root expressions");
        assertThat(sqlState(() -> JsonPath.parse("last"))).isEqualTo("42601 LAST is allowed only in array subscripts");
        assertThat(sqlState(() -> JsonPath.parse(" "))).isEqualTo("22P02 invalid input syntax for type jsonpath: \" \"");
    }

    @Test
    void absurdNestingIsAnErrorNotACrash() {
        String nested = "(".repeat(200_000) + "$" + ")".repeat(200_000);
        assertThat(sqlState(() -> JsonPath.parse(nested))).isEqualTo("54001 stack depth limit exceeded");
    }

    @Test
    void laxModeUnwrapsAndStrictModeReports() {
        assertThat(query("{\"a\": [{\"b\": 1}, {\"b\": 2}]}", "$.a.b")).containsExactly("1", "2");
        assertThat(query("[1, [2, 3]]", "lax $[*][*]")).containsExactly("1", "2", "3");
        assertThat(sqlState(() -> query("{\"a\": 1}", "strict $.b")))
                .isEqualTo("2203A JSON object does not contain key \"b\"");
        assertThat(sqlState(() -> query("[1]", "strict $[1]")))
                .isEqualTo("22033 jsonpath array subscript is out of bounds");
    }

    @Test
    void evaluatesFiltersArithmeticAndMethods() {
        assertThat(query("[1, 2, 3, \"4\"]", "$[*] ? (@ > 1)")).containsExactly("2", "3");
        assertThat(query("{\"a\": 2.5}", "-($.a * $.a).floor() % 4.3")).containsExactly("-1.7");
        assertThat(query("[1, 2, 3]", "$.size() + $[last]")).containsExactly("6");
        assertThat(query("[\"1.5e1\", -2]", "$[*].double().abs()")).containsExactly("15", "2");
        assertThat(query("{\"k\": {\"x\": 1}}", "$.k.keyvalue()"))
                .containsExactly("{\"id\": 16, \"key\": \"x\", \"value\": 1}");
        assertThat(query("[null, true, \"s\"]", "$[*].type()")).containsExactly("\"null\"", "\"boolean\"", "\"string\"");
    }

    @Test
    void keyvalueIdsFollowPostgresBinaryLayout() {
        // a 4-byte header, 4 JEntries, the keys "a" and "bb", then the padded numeric, then the padded object
        Object root = Jsonb.parse("{\"a\": 1, \"bb\": {\"c\": 1}}").root();
        Object inner = Jsonb.asObject(root).get("bb");
        assertThat(JsonbLayout.offsetOf(root, inner)).isEqualTo(32);
        assertThat(JsonbLayout.numericSize(new java.math.BigDecimal("12345.678"))).isEqualTo(4 + 2 + 2 * 3);
    }
}
