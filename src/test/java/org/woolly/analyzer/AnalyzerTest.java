package org.woolly.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** The analyzer on parsed SQL against the real catalog of a temporary data directory. */
class AnalyzerTest {
    @TempDir
    Path dataDirectory;
    private AnalyzerFixture fixture;

    @BeforeEach
    void tables() {
        fixture = AnalyzerFixture.open(dataDirectory.resolve("data"), "CREATE TABLE t (a int4, b varchar(3), c int8 DEFAULT 5)");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private Analyzer.Result analyze(String sql, int... parameterTypes) {
        return fixture.analyze(sql, parameterTypes);
    }

    private SqlException error(String sql) {
        return fixture.error(sql);
    }

    @Test
    void unknownColumnsCarryPositionAndQualifiedText() {
        SqlException plain = error("SELECT x FROM t");
        assertThat(plain.sqlState()).isEqualTo(SqlState.UNDEFINED_COLUMN);
        assertThat(plain.getMessage()).isEqualTo("column \"x\" does not exist");
        assertThat(plain.position()).isEqualTo(8);
        assertThat(error("SELECT t.x FROM t").getMessage()).isEqualTo("column t.x does not exist");
        assertThat(error("SELECT s.a FROM t").getMessage()).isEqualTo("missing FROM-clause entry for table \"s\"");
    }

    @Test
    void implicitCastsAndUnknownLiterals() {
        var query = analyze("SELECT a + 1.5, a = '12', a + c FROM t").query();
        QueryExpr.FuncCall plus = (QueryExpr.FuncCall) query.targetList().get(0).expr();
        assertThat(plus.type()).isEqualTo(TypeOids.NUMERIC);
        assertThat(plus.args().get(0)).isInstanceOf(QueryExpr.Cast.class);
        // int4 + int8 has an operator of its own (int48pl): no cast
        QueryExpr.FuncCall mixed = (QueryExpr.FuncCall) query.targetList().get(2).expr();
        assertThat(mixed.type()).isEqualTo(TypeOids.INT8);
        assertThat(mixed.args().get(0)).isInstanceOf(QueryExpr.Var.class);
        QueryExpr.FuncCall equals = (QueryExpr.FuncCall) query.targetList().get(1).expr();
        assertThat(equals.args().get(1)).isEqualTo(new QueryExpr.Const(TypeOids.INT4, -1, 12));
        assertThatThrownBy(() -> analyze("SELECT a = 'x' FROM t")).hasMessage("invalid input syntax for type integer: \"x\"");
    }

    @Test
    void parametersTakeDeclaredOrInferredTypes() {
        var result = analyze("SELECT a FROM t WHERE b = $2 AND a < $1", TypeOids.INT8);
        // varchar = unknown resolves to text = text, as in PostgreSQL ({bigint,text})
        assertThat(result.parameterTypes()).containsExactly(TypeOids.INT8, TypeOids.TEXT);
        assertThat(error("SELECT $1").sqlState()).isEqualTo(SqlState.INDETERMINATE_DATATYPE);
    }

    @Test
    void insertFillsDefaultsAndEnforcesTypmodOnLiterals() {
        var query = analyze("INSERT INTO t (a) VALUES (1)").query();
        assertThat(query.targetList()).hasSize(3);
        assertThat(query.targetList().get(2).expr().type()).isEqualTo(TypeOids.INT8);
        assertThat(error("INSERT INTO t (b) VALUES ('abcd')").sqlState()).isEqualTo(SqlState.STRING_DATA_RIGHT_TRUNCATION);
        assertThat(error("INSERT INTO t (a) VALUES (1, 2)").getMessage())
                .isEqualTo("INSERT has more expressions than target columns");
        assertThat(error("INSERT INTO t (zz) VALUES (1)").getMessage())
                .isEqualTo("column \"zz\" of relation \"t\" does not exist");
    }

    @Test
    void functionsInFromBecomeFunctionEntries() {
        var query = analyze("SELECT g, n FROM generate_series(1, 3) WITH ORDINALITY AS g(g, n)").query();
        RangeEntry entry = query.rangeTable().getFirst();
        assertThat(entry.kind()).isEqualTo(RangeEntry.Kind.FUNCTION);
        assertThat(entry.columnNames()).containsExactly("g", "n");
        assertThat(entry.columnTypes()).containsExactly(TypeOids.INT4, TypeOids.INT8);
        assertThat(entry.function().returnsSet()).isTrue();
        assertThat(analyze("SELECT * FROM generate_series(1, 3)").query().rangeTable().getFirst().columnNames())
                .containsExactly("generate_series");
        assertThat(analyze("SELECT * FROM abs(-1) x").query().rangeTable().getFirst().function().returnsSet()).isFalse();
        assertThat(error("SELECT * FROM generate_series(1, 2) g(a, b)").getMessage())
                .isEqualTo("table \"g\" has 1 columns available but 2 columns specified");
        assertThat(error("SELECT * FROM sum(1)").getMessage()).isEqualTo("aggregate functions are not allowed in functions in FROM");
        SqlException nested = error("SELECT * FROM abs(generate_series(1, 2))");
        assertThat(nested.getMessage()).isEqualTo("set-returning functions must appear at top level of FROM");
        assertThat(nested.position()).isEqualTo(19);
    }

    @Test
    void setReturningFunctionsOnlyWherePostgresAllowsThem() {
        assertThat(analyze("SELECT generate_series(1, a) + 1 FROM t ORDER BY 1").query().targetList()).hasSize(1);
        SqlException where = error("SELECT 1 WHERE generate_series(1, 2) > 1");
        assertThat(where.sqlState()).isEqualTo(SqlState.FEATURE_NOT_SUPPORTED);
        assertThat(where.getMessage()).isEqualTo("set-returning functions are not allowed in WHERE");
        assertThat(error("SELECT 1 HAVING generate_series(1, 2) > 1").getMessage())
                .isEqualTo("set-returning functions are not allowed in HAVING");
        assertThat(error("VALUES (generate_series(1, 2))").getMessage())
                .isEqualTo("set-returning functions are not allowed in VALUES");
        SqlException aggregate = error("SELECT sum(generate_series(1, 3))");
        assertThat(aggregate.getMessage()).isEqualTo("aggregate function calls cannot contain set-returning function calls");
        assertThat(aggregate.position()).isEqualTo(12);
    }

    @Test
    void aggregatesAreRejectedInWhereAndNested() {
        assertThat(error("SELECT a FROM t WHERE count(*) > 1").getMessage())
                .isEqualTo("aggregate functions are not allowed in WHERE");
        assertThat(error("SELECT sum(sum(a)) FROM t").getMessage()).isEqualTo("aggregate function calls cannot be nested");
    }

    @Test
    void orderByOutputNameNumberAndHiddenExpression() {
        var query = analyze("SELECT a AS x, b FROM t ORDER BY x, 2 DESC, c").query();
        assertThat(query.sortKeys()).extracting(key -> key.targetIndex()).containsExactly(0, 1, 2);
        assertThat(query.targetList().get(2).junk()).isTrue();
        assertThat(query.outputColumns()).hasSize(2);
        assertThat(error("SELECT a FROM t ORDER BY 5").getMessage()).isEqualTo("ORDER BY position 5 is not in select list");
    }

    @Test
    void caseAndCoalesceUseCommonType() {
        var query = analyze("SELECT CASE WHEN true THEN a ELSE c END, COALESCE(NULL, 'z') FROM t").query();
        assertThat(query.targetList().get(0).expr().type()).isEqualTo(TypeOids.INT8);
        assertThat(query.targetList().get(0).name()).isEqualTo("c");
        assertThat(query.targetList().get(1).expr().type()).isEqualTo(TypeOids.TEXT);
        assertThat(query.targetList().get(1).name()).isEqualTo("coalesce");
        SqlException mismatch = error("SELECT COALESCE(a, true) FROM t");
        assertThat(mismatch.sqlState()).isEqualTo(SqlState.DATATYPE_MISMATCH);
        assertThat(mismatch.getMessage()).isEqualTo("COALESCE types integer and boolean cannot be matched");
        assertThat(mismatch.position()).as("the argument that cannot be matched, as PostgreSQL").isEqualTo(20);
        SqlException caseMismatch = error("SELECT CASE WHEN a > 0 THEN a ELSE 'x'::text END FROM t");
        assertThat(caseMismatch.getMessage()).isEqualTo("CASE types text and integer cannot be matched");
        assertThat(caseMismatch.position()).isEqualTo(29);
    }

    @Test
    void whereMustBeBoolean() {
        assertThat(error("SELECT a FROM t WHERE a").getMessage())
                .isEqualTo("argument of WHERE must be type boolean, not type integer");
    }

    @Test
    void outerColumnsOfSubqueriesBecomeExecutionParameters() {
        var query = analyze("SELECT a, (SELECT max(b) FROM t u WHERE u.a = t.a) FROM t").query();
        QueryExpr.SubLink link = (QueryExpr.SubLink) query.targetList().get(1).expr();
        assertThat(link.correlated()).isTrue();
        assertThat(link.bindings()).hasSize(1);
        assertThat(link.bindings().getFirst().value()).isInstanceOf(QueryExpr.Var.class);
        assertThat(query.targetList().get(1).name()).isEqualTo("max");
        SqlException ungrouped = error("SELECT count(*), (SELECT t.b FROM t u LIMIT 1) FROM t");
        assertThat(ungrouped.sqlState()).isEqualTo(SqlState.GROUPING_ERROR);
        assertThat(ungrouped.getMessage()).isEqualTo("subquery uses ungrouped column \"t.b\" from outer query");
        SqlException hidden = error("SELECT * FROM t, (SELECT t.a) s");
        assertThat(hidden.getMessage()).isEqualTo("invalid reference to FROM-clause entry for table \"t\"");
    }

    @Test
    void recursiveCtesFollowPostgresRules() {
        var query = analyze("WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r")
                .query();
        var entry = query.rangeTable().getFirst();
        assertThat(entry.kind()).isEqualTo(org.woolly.nodes.query.RangeEntry.Kind.CTE);
        assertThat(entry.cte().materialized()).isTrue();
        assertThat(entry.subquery().setOperation().kind())
                .isEqualTo(org.woolly.nodes.query.Query.SetOperation.Kind.RECURSIVE_UNION);
        SqlException inNonRecursive = error("WITH RECURSIVE r (n) AS (SELECT n FROM r UNION SELECT 1) SELECT * FROM r");
        assertThat(inNonRecursive.sqlState()).isEqualTo(SqlState.INVALID_RECURSION);
        assertThat(inNonRecursive.getMessage())
                .isEqualTo("recursive reference to query \"r\" must not appear within its non-recursive term");
        assertThat(error("WITH RECURSIVE r (n) AS (SELECT n FROM r) SELECT * FROM r").getMessage()).isEqualTo(
                "recursive query \"r\" does not have the form non-recursive-term UNION [ALL] recursive-term");
        assertThat(error("WITH x AS (SELECT 1), x AS (SELECT 2) SELECT * FROM x").sqlState())
                .isEqualTo(SqlState.DUPLICATE_ALIAS);
    }

    @Test
    void groupingSetsExpandAsPostgresDoes() {
        var rollup = analyze("SELECT a, b, count(*) FROM t GROUP BY ROLLUP (a, b)").query().groupingSets();
        assertThat(rollup.sets()).containsExactly(java.util.List.of(0, 1), java.util.List.of(0), java.util.List.of());
        var cube = analyze("SELECT a, b, c, count(*) FROM t GROUP BY a, CUBE (b, c)").query().groupingSets();
        assertThat(cube.sets()).containsExactly(java.util.List.of(0, 1, 2), java.util.List.of(0, 1),
                java.util.List.of(0, 2), java.util.List.of(0));
        var grouping = analyze("SELECT grouping(b, a) FROM t GROUP BY GROUPING SETS (a, b)").query().groupingSets();
        assertThat(grouping.groupingCalls()).containsExactly(java.util.List.of(1, 0));
        assertThat(grouping.groupingValue(0, 0)).isEqualTo(2); // grouped by a: b, the first argument, is not
        assertThat(grouping.groupingValue(1, 0)).isEqualTo(1);
    }

    @Test
    void groupingErrorsCarryTheirPositions() {
        SqlException argument = error("SELECT grouping(c) FROM t GROUP BY a");
        assertThat(argument.sqlState()).isEqualTo(SqlState.GROUPING_ERROR);
        assertThat(argument.getMessage())
                .isEqualTo("arguments to GROUPING must be grouping expressions of the associated query level");
        assertThat(argument.position()).isEqualTo(17);
        SqlException where = error("SELECT a FROM t WHERE (SELECT max(t.c)) > 1");
        assertThat(where.getMessage()).isEqualTo("aggregate functions are not allowed in WHERE");
        assertThat(where.position()).isEqualTo(31);
    }

    @Test
    void anAggregateOfOuterColumnsBelongsToTheOuterQuery() {
        var query = analyze("SELECT (SELECT max(t.a)) FROM t").query();
        assertThat(query.aggregates()).hasSize(1);
        QueryExpr.SubLink link = (QueryExpr.SubLink) query.targetList().getFirst().expr();
        assertThat(link.query().aggregates()).isEmpty();
        assertThat(link.bindings()).hasSize(1);
    }
}
