package org.woolly.nodes.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.woolly.utils.adt.TypeOids;

/** The deparser EXPLAIN uses ({@code ruleutils.c}): column prefixes, constants, casts, identifiers. */
class ExpressionTextTest {

    private static String text(QueryExpr expr, boolean qualify) {
        return ExpressionText.of(expr, qualify, (type, value) -> String.valueOf(value),
                (type, typmod) -> type == TypeOids.TEXT ? "text" : type == TypeOids.INT4 ? "integer" : "t" + type);
    }

    private static QueryExpr.Var column(String name) {
        return new QueryExpr.Var(0, TypeOids.INT4, -1, name, -1);
    }

    @Test
    void columnsCarryTheirRelationOnlyWhenQualified() {
        assertThat(text(column("t1.a"), true)).isEqualTo("t1.a");
        assertThat(text(column("t1.a"), false)).isEqualTo("a");
        assertThat(text(column("\"*VALUES*\".column1"), true)).isEqualTo("\"*VALUES*\".column1");
    }

    @Test
    void constantsShowTheirTypeUnlessImplied() {
        assertThat(text(new QueryExpr.Const(TypeOids.INT4, -1, 42), false)).isEqualTo("42");
        assertThat(text(new QueryExpr.Const(TypeOids.TEXT, -1, "it's"), false)).isEqualTo("'it''s'::text");
        assertThat(text(new QueryExpr.Const(TypeOids.TEXT, -1, null), false)).isEqualTo("NULL::text");
        assertThat(text(new QueryExpr.Const(TypeOids.BOOL, -1, "t"), false)).isEqualTo("true");
    }

    @Test
    void castsParenthesizeTheirArgument() {
        QueryExpr cast = new QueryExpr.Cast(column("t.b"), null, TypeOids.TEXT, -1, true);
        assertThat(text(cast, true)).isEqualTo("(t.b)::text");
    }

    @Test
    void nullTestsAndBooleansNest() {
        QueryExpr test = new QueryExpr.NullTest(column("t.a"), org.woolly.nodes.parse.Expr.NullTest.Test.IS_NULL);
        QueryExpr both = new QueryExpr.BoolOp(QueryExpr.BoolOp.BoolKind.OR, List.of(test, column("t.c")));
        assertThat(text(both, false)).isEqualTo("((a IS NULL) OR c)");
    }

    @Test
    void identifiersAreQuotedAsQuoteIdentifierDoes() {
        assertThat(ExpressionText.identifier("public")).isEqualTo("public");
        assertThat(ExpressionText.identifier("Mixed")).isEqualTo("\"Mixed\"");
        assertThat(ExpressionText.identifier("*VALUES*")).isEqualTo("\"*VALUES*\"");
        assertThat(ExpressionText.identifier("a\"b")).isEqualTo("\"a\"\"b\"");
    }
}
