package org.woolly.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.nodes.query.Query;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** Assignment through subscripts and fields of a column ({@code transformAssignmentIndirection}) on the real catalog. */
class AssignmentIndirectionTest {
    @TempDir
    Path dataDirectory;
    private AnalyzerFixture fixture;

    @BeforeEach
    void tables() {
        fixture = AnalyzerFixture.open(dataDirectory.resolve("data"), "CREATE TYPE pair AS (a int, b text[])",
                "CREATE TABLE t (id int, c pair, arr int[], cs pair[])");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private Query analyze(String sql, int... parameterTypes) {
        return fixture.analyze(sql, parameterTypes).query();
    }

    private SqlException error(String sql) {
        return fixture.error(sql);
    }

    @Test
    void fieldThenSubscriptAssignsIntoTheFetchedField() {
        Query query = analyze("UPDATE t SET c.b[2] = 'x'");
        // c := fieldstore(c, b := (c).b with [2] set): the field's old value is fetched from the column
        QueryExpr.FuncCall store = (QueryExpr.FuncCall) query.targetList().get(1).expr();
        assertThat(store.args().getFirst()).isInstanceOf(QueryExpr.Var.class);
        QueryExpr.ArrayAssign assign = (QueryExpr.ArrayAssign) store.args().get(1);
        assertThat(assign.array()).isInstanceOf(QueryExpr.FuncCall.class);
        assertThat(assign.array().type()).isEqualTo(TypeOids.TEXT_ARRAY);
        assertThat(assign.value().type()).isEqualTo(TypeOids.TEXT);
    }

    @Test
    void severalAssignmentsToOneColumnNestInStatementOrder() {
        Query query = analyze("UPDATE t SET arr[1] = 1, arr[2] = 2");
        QueryExpr.ArrayAssign second = (QueryExpr.ArrayAssign) query.targetList().get(2).expr();
        assertThat(second.array()).isInstanceOf(QueryExpr.ArrayAssign.class);
        assertThat(((QueryExpr.ArrayAssign) second.array()).array()).isInstanceOf(QueryExpr.Var.class);
    }

    @Test
    void parametersTakeTheSubscriptAndElementTypes() {
        var result = fixture.analyze("UPDATE t SET c.b[$1] = $2");
        assertThat(result.parameterTypes()).containsExactly(TypeOids.INT4, TypeOids.TEXT);
    }

    @Test
    void errorsNameTheTargetAndPointAtItsColumn() {
        SqlException field = error("UPDATE t SET c.zz = 1");
        assertThat(field.sqlState()).isEqualTo(SqlState.UNDEFINED_COLUMN);
        assertThat(field.getMessage()).isEqualTo(
                "cannot assign to field \"zz\" of column \"c\" because there is no such column in data type pair");
        assertThat(field.position()).isEqualTo(14);
        SqlException element = error("UPDATE t SET arr[1] = now()");
        assertThat(element.sqlState()).isEqualTo(SqlState.DATATYPE_MISMATCH);
        assertThat(element.getMessage()).isEqualTo("subscripted assignment to \"arr\" requires type integer but "
                + "expression is of type timestamp with time zone");
        assertThat(error("UPDATE t SET arr.f = 1").getMessage()).isEqualTo(
                "cannot assign to field \"f\" of column \"arr\" because its type integer[] is not a composite type");
        assertThat(error("INSERT INTO t (c.a) VALUES ('{1}'::int[])").getMessage())
                .isEqualTo("subfield \"a\" is of type integer but expression is of type integer[]");
        assertThat(error("UPDATE t SET c.* = 1").sqlState()).isEqualTo(SqlState.FEATURE_NOT_SUPPORTED);
        assertThat(error("UPDATE t SET c.b[1] = DEFAULT").getMessage()).isEqualTo("cannot set a subfield to DEFAULT");
        assertThat(error("UPDATE t SET cs[1].a = DEFAULT").getMessage())
                .isEqualTo("cannot set an array element to DEFAULT");
    }
}
