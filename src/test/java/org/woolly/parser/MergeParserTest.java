package org.woolly.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.parse.MergeWhen;
import org.woolly.nodes.parse.Statement;
import org.woolly.utils.error.SqlState;

/** MERGE's grammar ({@code MergeStmt} in {@code gram.y}); error positions checked against PostgreSQL 15. */
class MergeParserTest {

    private static Statement.Merge merge(String sql) {
        return (Statement.Merge) StatementParserTest.one(sql);
    }

    @Test
    void parsesTheTargetSourceConditionAndEveryKindOfWhenClause() {
        Statement.Merge merge = merge("MERGE INTO ONLY public.t AS x USING (SELECT 1 AS a) s ON x.a = s.a "
                + "WHEN MATCHED AND s.a > 0 THEN UPDATE SET b = s.a, (c, d) = (1, 2) "
                + "WHEN MATCHED AND false THEN DELETE WHEN MATCHED THEN DO NOTHING "
                + "WHEN NOT MATCHED AND s.a < 0 THEN INSERT (a, b) OVERRIDING USER VALUE VALUES (s.a, DEFAULT) "
                + "WHEN NOT MATCHED AND true THEN INSERT DEFAULT VALUES WHEN NOT MATCHED THEN DO NOTHING");
        assertThat(merge.table().schema()).isEqualTo("public");
        assertThat(merge.table().name()).isEqualTo("t");
        assertThat(merge.alias()).isEqualTo("x");
        assertThat(merge.only()).isTrue();
        assertThat(merge.source()).isInstanceOf(FromItem.Subquery.class);
        assertThat(merge.condition()).isNotNull();
        List<MergeWhen> whens = merge.whens();
        assertThat(whens).extracting(MergeWhen::matched).containsExactly(true, true, true, false, false, false);
        assertThat(whens).extracting(MergeWhen::action).containsExactly(MergeWhen.Action.UPDATE,
                MergeWhen.Action.DELETE, MergeWhen.Action.NOTHING, MergeWhen.Action.INSERT, MergeWhen.Action.INSERT,
                MergeWhen.Action.NOTHING);
        assertThat(whens.getFirst().assignments()).extracting(clause -> clause.column()).containsExactly("b", "c", "d");
        assertThat(whens.get(2).condition()).isNull();
        Statement.Insert insert = whens.get(3).insert();
        assertThat(insert.columns()).containsExactly("a", "b");
        assertThat(insert.overriding()).isEqualTo(Statement.Overriding.USER_VALUE);
        assertThat(insert.source().values().getFirst().get(1)).isInstanceOf(Expr.Default.class);
        assertThat(whens.get(4).insert().defaultValues()).isTrue();
    }

    @Test
    void theTargetAliasMayBeBareAndTheSourceAJoinAndWithComesAlong() {
        Statement.Merge merge = merge("WITH w AS (SELECT 1 AS k) MERGE INTO t tt USING a JOIN b ON a.k = b.k "
                + "ON tt.k = a.k WHEN MATCHED THEN DELETE");
        assertThat(merge.alias()).isEqualTo("tt");
        assertThat(merge.source()).isInstanceOf(FromItem.Join.class);
        assertThat(merge.with()).extracting(cte -> cte.name()).containsExactly("w");
    }

    @Test
    void syntaxErrorsPointWherePostgresPoints() {
        ParserErrorTest.assertError("MERGE INTO t USING s ON true WHEN MATCHED THEN DELETE RETURNING *",
                SqlState.SYNTAX_ERROR, "syntax error at or near \"RETURNING\"", 55);
        ParserErrorTest.assertError("MERGE INTO t USING s ON true WHEN MATCHED THEN INSERT VALUES (1)",
                SqlState.SYNTAX_ERROR, "syntax error at or near \"INSERT\"", 48);
        ParserErrorTest.assertError("MERGE INTO t USING s ON true WHEN NOT MATCHED THEN DELETE",
                SqlState.SYNTAX_ERROR, "syntax error at or near \"DELETE\"", 52);
        ParserErrorTest.assertError("MERGE INTO t USING s ON true", SqlState.SYNTAX_ERROR,
                "syntax error at end of input", 29);
        ParserErrorTest.assertError("MERGE t USING s ON true WHEN MATCHED THEN DELETE", SqlState.SYNTAX_ERROR,
                "syntax error at or near \"t\"", 7);
    }
}
