package org.woolly.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.woolly.testfakes.Raw.*;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.woolly.catalog.ColumnSpec;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.testfakes.FakeCatalog;
import org.woolly.testfakes.FakeTypeSystem;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

class AnalyzerTest {
    private final FakeCatalog catalog = new FakeCatalog();
    private final Analyzer analyzer = new Analyzer(new FakeTypeSystem(), catalog, text -> i(Long.parseLong(text)));

    @BeforeEach
    void tables() {
        catalog.createTable(null, null, "t", List.of(new ColumnSpec("a", TypeOids.INT4, -1, false, null),
                new ColumnSpec("b", TypeOids.VARCHAR, 3 + 4, false, null), new ColumnSpec("c", TypeOids.INT8, -1, false, "5")), 'p');
    }

    private Analyzer.Result analyze(Statement statement, int... parameterTypes) {
        return analyzer.analyze(statement, null, FormatSettings.DEFAULT, parameterTypes);
    }

    private SqlException error(Statement statement) {
        try {
            analyze(statement);
        } catch (SqlException error) {
            return error;
        }
        throw new AssertionError("no error");
    }

    @Test
    void unknownColumnsCarryPositionAndQualifiedText() {
        SqlException plain = error(select(colAt(7, "x")).from(table("t")).statement());
        assertThat(plain.sqlState()).isEqualTo(SqlState.UNDEFINED_COLUMN);
        assertThat(plain.getMessage()).isEqualTo("column \"x\" does not exist");
        assertThat(plain.position()).isEqualTo(8);
        assertThat(error(select(col("t", "x")).from(table("t")).statement()).getMessage())
                .isEqualTo("column t.x does not exist");
        assertThat(error(select(col("s", "a")).from(table("t")).statement()).getMessage())
                .isEqualTo("missing FROM-clause entry for table \"s\"");
    }

    @Test
    void implicitCastsAndUnknownLiterals() {
        var query = analyze(select(op("+", col("a"), col("c")), op("=", col("a"), s("12"))).from(table("t")).statement()).query();
        QueryExpr.FuncCall plus = (QueryExpr.FuncCall) query.targetList().get(0).expr();
        assertThat(plus.type()).isEqualTo(TypeOids.INT8);
        assertThat(plus.args().get(0)).isInstanceOf(QueryExpr.Cast.class);
        QueryExpr.FuncCall equals = (QueryExpr.FuncCall) query.targetList().get(1).expr();
        assertThat(equals.args().get(1)).isEqualTo(new QueryExpr.Const(TypeOids.INT4, -1, 12));
        assertThatThrownBy(() -> analyze(select(op("=", col("a"), s("x"))).from(table("t")).statement()))
                .hasMessage("invalid input syntax for type integer: \"x\"");
    }

    @Test
    void parametersTakeDeclaredOrInferredTypes() {
        var result = analyze(select(col("a")).from(table("t")).where(and(op("=", col("b"), param(2)),
                op("<", col("a"), param(1)))).statement(), TypeOids.INT8);
        assertThat(result.parameterTypes()).containsExactly(TypeOids.INT8, TypeOids.VARCHAR);
        SqlException unresolved = error(select(param(1)).statement());
        assertThat(unresolved.sqlState()).isEqualTo(SqlState.INDETERMINATE_DATATYPE);
    }

    @Test
    void insertFillsDefaultsAndEnforcesTypmodOnLiterals() {
        var query = analyze(insert("t", List.of("a"), List.of(List.of(i(1))))).query();
        assertThat(query.targetList()).hasSize(3);
        var values = query.rangeTable().getFirst().values().getFirst();
        assertThat(values.get(2).type()).isEqualTo(TypeOids.INT8);
        SqlException tooLong = error(insert("t", List.of("b"), List.of(List.of(s("abcd")))));
        assertThat(tooLong.sqlState()).isEqualTo(SqlState.STRING_DATA_RIGHT_TRUNCATION);
        SqlException arity = error(insert("t", List.of("a"), List.of(List.of(i(1), i(2)))));
        assertThat(arity.getMessage()).isEqualTo("INSERT has more expressions than target columns");
        SqlException unknownColumn = error(insert("t", List.of("zz"), List.of(List.of(i(1)))));
        assertThat(unknownColumn.getMessage()).isEqualTo("column \"zz\" of relation \"t\" does not exist");
    }

    @Test
    void aggregatesAreRejectedInWhereAndNested() {
        assertThat(error(select(col("a")).from(table("t")).where(op(">", countStar(), i(1))).statement()).getMessage())
                .isEqualTo("aggregate functions are not allowed in WHERE");
        assertThat(error(select(func("sum", func("sum", col("a")))).from(table("t")).statement()).getMessage())
                .isEqualTo("aggregate function calls cannot be nested");
    }

    @Test
    void orderByOutputNameNumberAndHiddenExpression() {
        var query = analyze(select(target(col("a"), "x"), col("b")).from(table("t"))
                .orderBy(asc(col("x")), desc(i(2)), asc(col("c"))).statement()).query();
        assertThat(query.sortKeys()).extracting(key -> key.targetIndex()).containsExactly(0, 1, 2);
        assertThat(query.targetList().get(2).junk()).isTrue();
        assertThat(query.outputColumns()).hasSize(2);
        assertThat(error(select(col("a")).from(table("t")).orderBy(asc(i(5))).statement()).getMessage())
                .isEqualTo("ORDER BY position 5 is not in select list");
    }

    @Test
    void caseAndCoalesceUseCommonType() {
        var query = analyze(select(new Expr.Case(null, List.of(new Expr.Case.When(bool(true), col("a"), 0)), col("c"), 0),
                new Expr.SpecialFunction(Expr.SpecialFunction.Kind.COALESCE, List.of(nul(), s("z")), 0))
                .from(table("t")).statement()).query();
        assertThat(query.targetList().get(0).expr().type()).isEqualTo(TypeOids.INT8);
        assertThat(query.targetList().get(0).name()).isEqualTo("c");
        assertThat(query.targetList().get(1).expr().type()).isEqualTo(TypeOids.TEXT);
        assertThat(query.targetList().get(1).name()).isEqualTo("coalesce");
        SqlException mismatch = error(select(new Expr.SpecialFunction(Expr.SpecialFunction.Kind.COALESCE,
                List.of(col("a"), bool(true)), 3)).from(table("t")).statement());
        assertThat(mismatch.sqlState()).isEqualTo(SqlState.DATATYPE_MISMATCH);
        assertThat(mismatch.position()).isEqualTo(4);
    }

    @Test
    void whereMustBeBoolean() {
        assertThat(error(select(col("a")).from(table("t")).where(col("a")).statement()).getMessage())
                .isEqualTo("argument of WHERE must be type boolean, not type integer");
    }
}
