package org.woolly.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.woolly.nodes.parse.SelectStmt;
import org.woolly.nodes.parse.Statement;
import org.woolly.parser.Parser;
import org.woolly.utils.error.SqlException;

/**
 * The pg_get_viewdef layout of already-qualified queries; the expected texts are what
 * PostgreSQL 15 printed for the same views.
 */
class ViewDefinitionTextTest {

    /** PostgreSQL's text, written as a text block ending with a line break. */
    private static void assertPrints(String sql, boolean pretty, String expected) {
        assertThat(print(sql, pretty) + "\n").isEqualTo(expected);
    }

    private static String print(String sql, boolean pretty) {
        SelectStmt query = ((Statement.Select) Parser.parse(sql).getFirst().statement()).query();
        return ViewDefinitionText.of(query, pretty, name -> !name.schema().equals("public"), type -> switch (type.name()) {
            case "int4" -> "integer";
            default -> type.name();
        });
    }

    @Test
    void joinsAndAggregatesAreParenthesizedUnlessPretty() {
        String sql = "SELECT t.a, count(*) AS n, sum(t.c) AS sum FROM public.t JOIN public.u ON t.a = u.a "
                + "GROUP BY t.a HAVING count(*) > 1 ORDER BY t.a LIMIT 5";
        assertPrints(sql, false, """
                 SELECT t.a,
                    count(*) AS n,
                    sum(t.c) AS sum
                   FROM (t
                     JOIN u ON ((t.a = u.a)))
                  GROUP BY t.a
                 HAVING (count(*) > 1)
                  ORDER BY t.a
                 LIMIT 5;
                """);
        assertPrints(sql, true, """
                 SELECT t.a,
                    count(*) AS n,
                    sum(t.c) AS sum
                   FROM t
                     JOIN u ON t.a = u.a
                  GROUP BY t.a
                 HAVING count(*) > 1
                  ORDER BY t.a
                 LIMIT 5;
                """);
    }

    @Test
    void caseAndSubqueriesIndentAsPostgresDoes() {
        String sql = "SELECT CASE WHEN t.a > 1 THEN 'big'::text ELSE 'small'::text END AS \"case\", "
                + "t.a::int4 AS a, (SELECT max(u.a) AS max FROM public.u) AS m FROM public.t "
                + "WHERE t.a IN (SELECT u.a FROM public.u) OFFSET 2";
        assertPrints(sql, false, """
                 SELECT
                        CASE
                            WHEN (t.a > 1) THEN 'big'::text
                            ELSE 'small'::text
                        END AS "case",
                    (t.a)::integer AS a,
                    ( SELECT max(u.a) AS max
                           FROM u) AS m
                   FROM t
                  WHERE (t.a IN ( SELECT u.a
                           FROM u))
                 OFFSET 2;
                """);
    }

    @Test
    void setOperationsPutTheOperatorOnItsOwnLine() {
        assertPrints("SELECT t.a FROM public.t UNION SELECT u.a FROM other.u", false, """
                 SELECT t.a
                   FROM t
                UNION
                 SELECT u.a
                   FROM other.u;
                """);
    }

    @Test
    void prettyKeepsOnlyTheParenthesesPrecedenceNeeds() {
        assertPrints("SELECT (t.a + 1) * 2 AS x, t.a * 2 + 1 AS y, t.a - (t.b - 1) AS z FROM public.t "
                + "WHERE t.a > 1 AND (t.b = 2 OR t.b = 3)", true, """
                 SELECT (t.a + 1) * 2 AS x,
                    t.a * 2 + 1 AS y,
                    t.a - (t.b - 1) AS z
                   FROM t
                  WHERE t.a > 1 AND (t.b = 2 OR t.b = 3);
                """);
    }

    @Test
    void aQueryItCannotPrintIsRefused() {
        assertThatThrownBy(() -> print("SELECT sum(t.a) OVER (ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM public.t",
                false)).isInstanceOf(SqlException.class).hasMessageContaining("not supported yet");
    }
}
