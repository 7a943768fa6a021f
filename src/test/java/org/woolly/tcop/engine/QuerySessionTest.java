package org.woolly.tcop.engine;

import org.woolly.testfakes.HandBuiltTrees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.woolly.testfakes.Raw.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.parse.Statement;
import org.woolly.tcop.Portal;
import org.woolly.tcop.PreparedQuery;
import org.woolly.catalog.RoleInfo;
import org.woolly.protocol.TransactionStatus;
import org.woolly.testfakes.FakeCatalog;
import org.woolly.testfakes.FakeSettings;
import org.woolly.testfakes.FakeStorage;
import org.woolly.testfakes.FakeTypeSystem;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

class QuerySessionTest {
    private final FakeStorage storage = new FakeStorage();
    private final FakeCatalog catalog = new FakeCatalog();
    private final List<SqlException> notices = new ArrayList<>();
    private SessionDriver driver;

    private SessionDriver newSession() {
        QuerySession session = new QuerySession(storage, catalog, new RoleInfo(10, "alice", true, true, null), "db",
                new FakeSettings(), notices::add, 42, new FakeTypeSystem(), HandBuiltTrees.PARSER);
        return new SessionDriver(session, notices);
    }

    @BeforeEach
    void setUp() {
        driver = newSession();
        assertThat(driver.run(createTable("t", column("a", "int4", notNull()), column("b", "text"),
                column("c", "int4", defaultValue(i(7))))).tag()).isEqualTo("CREATE TABLE");
        assertThat(driver.run(insert("t", List.of("a", "b"), List.of(List.of(i(1), s("x")), List.of(i(2), s("y")),
                List.of(i(3), nul())))).tag()).isEqualTo("INSERT 0 3");
    }

    @Test
    void selectsWithFilterOrderAndLimit() {
        var result = driver.run(select(col("a"), col("b"), col("c")).from(table("t")).where(op(">", col("a"), i(1)))
                .orderBy(desc(col("a"))).limit(i(1)).statement());
        assertThat(result.tag()).isEqualTo("SELECT 1");
        assertThat(result.rows()).containsExactly(new Object[] {3, null, 7});
        assertThat(result.query().resultColumns().getFirst().name()).isEqualTo("a");
        assertThat(result.query().resultColumns().getFirst().tableOid()).isEqualTo(catalog.lookupRelation(null, null, "t")
                .orElseThrow().oid());
        assertThat(result.query().resultColumns().getFirst().columnNumber()).isEqualTo((short) 1);
    }

    @Test
    void selectWithoutFromNamesColumnsLikePostgres() {
        var result = driver.run(select(op("+", i(1), i(2)), s("abc"), countStar(), func("length", s("four"))).statement());
        assertThat(result.rows()).containsExactly(new Object[] {3, "abc", 1L, 4});
        assertThat(result.query().resultColumns()).extracting(column -> column.name())
                .containsExactly("?column?", "?column?", "count", "length");
        assertThat(result.query().resultColumns().get(1).typeOid()).isEqualTo(TypeOids.TEXT);
    }

    @Test
    void aggregatesWithGroupByAndHaving() {
        driver.run(insert("t", List.of("a", "b"), List.of(List.of(i(10), s("x")))));
        var result = driver.run(select(col("b"), countStar(), func("sum", col("a"))).from(table("t")).groupBy(col("b"))
                .having(op(">", countStar(), i(0))).orderBy(asc(col("b"))).statement());
        assertThat(result.rows()).containsExactly(new Object[] {"x", 2L, 11L}, new Object[] {"y", 1L, 2L},
                new Object[] {null, 1L, 3L});
        assertThatThrownBy(() -> driver.run(select(col("a"), countStar()).from(table("t")).statement()))
                .isInstanceOfSatisfying(SqlException.class, error -> {
                    assertThat(error.sqlState()).isEqualTo(SqlState.GROUPING_ERROR);
                    assertThat(error.getMessage()).isEqualTo(
                            "column \"t.a\" must appear in the GROUP BY clause or be used in an aggregate function");
                    assertThat(error.position()).isEqualTo(8);
                });
    }

    @Test
    void aggregateOverEmptyInputYieldsOneRow() {
        var result = driver.run(select(countStar(), func("max", col("a"))).from(table("t"))
                .where(op("<", col("a"), i(0))).statement());
        assertThat(result.rows()).containsExactly(new Object[] {0L, null});
    }

    @Test
    void updateAndDeleteReportCounts() {
        assertThat(driver.run(update("t", op("<=", col("a"), i(2)), set("b", s("z")))).tag()).isEqualTo("UPDATE 2");
        assertThat(driver.run(delete("t", op("=", col("b"), s("z")))).tag()).isEqualTo("DELETE 2");
        var rows = driver.run(select(col("a")).from(table("t")).statement()).rows();
        assertThat(rows).containsExactly(new Object[] {3});
    }

    @Test
    void notNullViolationNamesColumnAndRow() {
        assertThatThrownBy(() -> driver.run(insert("t", List.of("b"), List.of(List.of(s("q"))))))
                .isInstanceOfSatisfying(SqlException.class, error -> {
                    assertThat(error.sqlState()).isEqualTo(SqlState.NOT_NULL_VIOLATION);
                    assertThat(error.getMessage())
                            .isEqualTo("null value in column \"a\" of relation \"t\" violates not-null constraint");
                    assertThat(error.detail()).isEqualTo("Failing row contains (null, q, 7).");
                });
    }

    @Test
    void rollbackLeavesNothingAndFailedBlockRejectsStatements() {
        driver.run(transaction(Statement.TransactionKind.BEGIN));
        driver.run(insert("t", List.of("a"), List.of(List.of(i(100)))));
        assertThat(driver.session.transactionStatus()).isEqualTo(TransactionStatus.IN_BLOCK);
        assertThatThrownBy(() -> driver.run(select(col("nope")).from(table("t")).statement()))
                .hasMessage("column \"nope\" does not exist");
        assertThat(driver.session.transactionStatus()).isEqualTo(TransactionStatus.FAILED);
        assertThatThrownBy(() -> driver.run(select(i(1)).statement()))
                .isInstanceOfSatisfying(SqlException.class,
                        error -> assertThat(error.sqlState()).isEqualTo(SqlState.IN_FAILED_SQL_TRANSACTION));
        assertThat(driver.run(transaction(Statement.TransactionKind.COMMIT)).tag()).isEqualTo("ROLLBACK");
        assertThat(driver.session.transactionStatus()).isEqualTo(TransactionStatus.IDLE);
        assertThat(driver.run(select(countStar()).from(table("t")).statement()).value()).isEqualTo(3L);
    }

    @Test
    void uncommittedRowsAreInvisibleToOtherSessions() {
        SessionDriver other = newSession();
        driver.run(transaction(Statement.TransactionKind.BEGIN));
        driver.run(insert("t", List.of("a"), List.of(List.of(i(50)))));
        assertThat(driver.run(select(countStar()).from(table("t")).statement()).value()).isEqualTo(4L);
        assertThat(other.run(select(countStar()).from(table("t")).statement()).value()).isEqualTo(3L);
        driver.run(transaction(Statement.TransactionKind.COMMIT));
        assertThat(other.run(select(countStar()).from(table("t")).statement()).value()).isEqualTo(4L);
    }

    @Test
    void transactionWarningsAreNotices() {
        driver.run(transaction(Statement.TransactionKind.COMMIT));
        driver.run(transaction(Statement.TransactionKind.BEGIN));
        driver.run(transaction(Statement.TransactionKind.BEGIN));
        driver.run(transaction(Statement.TransactionKind.ROLLBACK));
        assertThat(notices).extracting(SqlException::sqlState)
                .containsExactly(SqlState.NO_ACTIVE_SQL_TRANSACTION, SqlState.ACTIVE_SQL_TRANSACTION);
        assertThat(notices).allMatch(notice -> notice.severity() == Severity.WARNING);
    }

    @Test
    void portalSuspendsAndResumes() {
        PreparedQuery query = driver.session.prepare(raw(select(col("a")).from(table("t")).orderBy(asc(col("a"))).statement()),
                "", new int[0]);
        List<Object> values = new ArrayList<>();
        try (Portal portal = driver.session.bind(query, new Object[0])) {
            assertThat(portal.run(2, row -> values.add(row[0]))).isNull();
            assertThat(portal.run(2, row -> values.add(row[0]))).isEqualTo("SELECT 3");
        }
        driver.session.finishImplicitTransaction();
        assertThat(values).containsExactly(1, 2, 3);
    }

    @Test
    void parameterTypesAreInferredFromContext() {
        PreparedQuery query = driver.session.prepare(raw(select(col("b")).from(table("t"))
                .where(op("=", col("a"), param(1))).statement()), "", new int[0]);
        assertThat(query.parameterTypes()).containsExactly(TypeOids.INT4);
        List<Object> values = new ArrayList<>();
        try (Portal portal = driver.session.bind(query, new Object[] {2})) {
            portal.run(0, row -> values.add(row[0]));
        }
        driver.session.finishImplicitTransaction();
        assertThat(values).containsExactly("y");
        assertThatThrownBy(() -> driver.session.prepare(raw(select(param(1)).statement()), "", new int[0]))
                .hasMessage("could not determine data type of parameter $1");
        driver.session.abortAfterError();
    }

    @Test
    void joinsMatchRowsAndNullExtend() {
        driver.run(createTable("u", column("a", "int4"), column("d", "text")));
        driver.run(insert("u", List.of("a", "d"), List.of(List.of(i(1), s("one")), List.of(i(1), s("uno")))));
        var inner = driver.run(select(col("t", "a"), col("d")).from(join(FromItem.JoinType.INNER, table("t"), table("u"),
                op("=", col("t", "a"), col("u", "a")))).orderBy(asc(col("d"))).statement());
        assertThat(inner.rows()).containsExactly(new Object[] {1, "one"}, new Object[] {1, "uno"});
        var left = driver.run(select(col("t", "a"), col("d")).from(join(FromItem.JoinType.LEFT, table("t"), table("u"),
                op("=", col("t", "a"), col("u", "a")))).orderBy(asc(col("t", "a")), asc(col("d"))).statement());
        assertThat(left.rows()).containsExactly(new Object[] {1, "one"}, new Object[] {1, "uno"}, new Object[] {2, null},
                new Object[] {3, null});
        var comma = driver.run(select(countStar()).from(table("t"), table("u"))
                .where(op("=", col("t", "a"), col("u", "a"))).statement());
        assertThat(comma.value()).isEqualTo(2L);
        assertThatThrownBy(() -> driver.run(select(col("a")).from(table("t"), table("u")).statement()))
                .isInstanceOfSatisfying(SqlException.class, error -> {
                    assertThat(error.sqlState()).isEqualTo(SqlState.AMBIGUOUS_COLUMN);
                    assertThat(error.getMessage()).isEqualTo("column reference \"a\" is ambiguous");
                });
    }

    @Test
    void explainShowsPostgresCosts() {
        driver.run(createTable("n", column("x", "int4")));
        var result = driver.run(new Statement.Explain(select(col("x")).from(table("n"))
                .where(op("=", col("x"), i(1))).statement(), List.of(), 0));
        assertThat(result.rows()).extracting(row -> row[0])
                .containsExactly("Seq Scan on n  (cost=0.00..41.88 rows=13 width=4)", "  Filter: (x = 1)");
        var plain = driver.run(new Statement.Explain(select(col("x")).from(table("n")).statement(), List.of(), 0));
        assertThat(plain.value()).isEqualTo("Seq Scan on n  (cost=0.00..35.50 rows=2550 width=4)");
    }

    @Test
    void showAndSetGoThroughSettings() {
        driver.run(new Statement.VariableSet("work_mem", List.of(new org.woolly.nodes.parse.SetValue("8MB", true, false, 0)),
                false, false, 0));
        var show = driver.run(new Statement.VariableShow("work_mem", 0));
        assertThat(show.tag()).isEqualTo("SHOW");
        assertThat(show.value()).isEqualTo("8MB");
        assertThat(show.query().resultColumns().getFirst().name()).isEqualTo("work_mem");
    }

    @Test
    void missingTableHasPosition() {
        assertThatThrownBy(() -> driver.run(select(i(1)).from(tableAt("nope", 14)).statement()))
                .isInstanceOfSatisfying(SqlException.class, error -> {
                    assertThat(error.sqlState()).isEqualTo(SqlState.UNDEFINED_TABLE);
                    assertThat(error.getMessage()).isEqualTo("relation \"nope\" does not exist");
                    assertThat(error.position()).isEqualTo(15);
                });
    }

    @Test
    void assignmentMismatchHasHint() {
        assertThatThrownBy(() -> driver.run(insert("t", List.of("a"), List.of(List.of(bool(true))))))
                .isInstanceOfSatisfying(SqlException.class, error -> {
                    assertThat(error.sqlState()).isEqualTo(SqlState.DATATYPE_MISMATCH);
                    assertThat(error.getMessage()).isEqualTo("column \"a\" is of type integer but expression is of type boolean");
                    assertThat(error.hint()).isEqualTo("You will need to rewrite or cast the expression.");
                });
    }

    @Test
    void dropTableIfExistsNotices() {
        driver.run(new Statement.Drop(Statement.ObjectKind.TABLE,
                List.of(new org.woolly.nodes.parse.QualifiedName(null, "ghost", 0)), true, false, 0));
        assertThat(notices).extracting(Throwable::getMessage).containsExactly("table \"ghost\" does not exist, skipping");
        assertThat(driver.run(new Statement.Drop(Statement.ObjectKind.TABLE,
                List.of(new org.woolly.nodes.parse.QualifiedName(null, "t", 0)), false, false, 0)).tag()).isEqualTo("DROP TABLE");
        assertThatThrownBy(() -> driver.run(select(i(1)).from(table("t")).statement())).hasMessage("relation \"t\" does not exist");
    }

    @Test
    void insertSelectDistinctAndOffset() {
        driver.run(createTable("copy", column("a", "int4"), column("b", "text")));
        var insertSelect = new Statement.Insert(new org.woolly.nodes.parse.QualifiedName(null, "copy", 0), null, List.of(),
                null, select(col("a"), col("b")).from(table("t")).stmt(), false, List.of(), 0);
        assertThat(driver.run(insertSelect).tag()).isEqualTo("INSERT 0 3");
        driver.run(insertSelect);
        var distinct = driver.run(select(col("b")).from(table("copy")).distinct().orderBy(asc(col("b"))).statement());
        assertThat(distinct.rows()).containsExactly(new Object[] {"x"}, new Object[] {"y"}, new Object[] {null});
        var offset = driver.run(select(col("a")).from(table("copy")).orderBy(desc(col("a"))).limit(i(2)).offset(i(1))
                .statement());
        assertThat(offset.rows()).containsExactly(new Object[] {3}, new Object[] {2});
    }

    @Test
    void prepareExecuteDeallocate() {
        driver.run(new Statement.Prepare("q", List.of(new org.woolly.nodes.parse.TypeName(null, "int4", List.of(), 0, 0)),
                select(col("b")).from(table("t")).where(op("=", col("a"), param(1))).statement(), 0));
        var executed = driver.run(new Statement.Execute("q", List.of(s("2")), 0));
        assertThat(executed.tag()).isEqualTo("SELECT 1");
        assertThat(executed.value()).isEqualTo("y");
        assertThat(executed.query().resultColumns()).extracting(column -> column.name()).containsExactly("b");
        assertThat(driver.run(new Statement.Deallocate("q", 0)).tag()).isEqualTo("DEALLOCATE");
        assertThatThrownBy(() -> driver.run(new Statement.Execute("q", List.of(), 0)))
                .hasMessage("prepared statement \"q\" does not exist");
    }

    @Test
    void explainAnalyzeRunsThePlanAndShowsHashJoin() {
        driver.run(createTable("u", column("a", "int4")));
        driver.run(insert("u", List.of("a"), List.of(List.of(i(1)), List.of(i(2)))));
        var explain = driver.run(new Statement.Explain(select(countStar()).from(join(FromItem.JoinType.INNER, table("t"),
                table("u"), op("=", col("t", "a"), col("u", "a")))).statement(),
                List.of(new org.woolly.nodes.parse.DefElem("analyze", null, 0)), 0));
        List<String> lines = explain.rows().stream().map(row -> (String) row[0]).toList();
        assertThat(lines.get(0)).startsWith("Aggregate  (cost=").contains("(actual time=").endsWith("rows=1 loops=1)");
        assertThat(lines.get(1)).startsWith("  ->  Hash Join  (cost=").contains("rows=2 loops=1");
        assertThat(lines.get(2)).isEqualTo("        Hash Cond: (t.a = u.a)");
        assertThat(lines.get(3)).startsWith("        ->  Seq Scan on t  (cost=0.00..");
        assertThat(lines.get(4)).startsWith("        ->  Hash  (cost=");
        assertThat(lines.get(5)).startsWith("              ->  Seq Scan on u  (cost=");
        assertThat(lines.getLast()).startsWith("Execution Time: ");
    }

    @Test
    void repeatableReadKeepsTheFirstSnapshot() {
        SessionDriver other = newSession();
        driver.run(new Statement.Transaction(Statement.TransactionKind.BEGIN, List.of("ISOLATION LEVEL REPEATABLE READ"),
                null, false, 0));
        assertThat(driver.run(select(countStar()).from(table("t")).statement()).value()).isEqualTo(3L);
        other.run(insert("t", List.of("a"), List.of(List.of(i(9)))));
        assertThat(driver.run(select(countStar()).from(table("t")).statement()).value()).isEqualTo(3L);
        driver.run(transaction(Statement.TransactionKind.COMMIT));
        assertThat(driver.run(select(countStar()).from(table("t")).statement()).value()).isEqualTo(4L);
    }

    @Test
    void returningReportsNewAndOldRows() {
        var insert = new Statement.Insert(new org.woolly.nodes.parse.QualifiedName(null, "t", 0), null, List.of("a"), null,
                insert("t", List.of("a"), List.of(List.of(i(20)))).source(), false,
                List.of(target(col("c")), target(op("*", col("a"), i(2)), "twice")), 0);
        var inserted = driver.run(insert);
        assertThat(inserted.tag()).isEqualTo("INSERT 0 1");
        assertThat(inserted.rows()).containsExactly(new Object[] {7, 40});
        assertThat(inserted.query().resultColumns()).extracting(column -> column.name()).containsExactly("c", "twice");
        var update = new Statement.Update(new org.woolly.nodes.parse.QualifiedName(null, "t", 0), null,
                List.of(set("a", op("+", col("a"), i(1)))), List.of(), op("=", col("a"), i(20)), List.of(target(col("a"))), 0);
        assertThat(driver.run(update).rows()).containsExactly(new Object[] {21});
        var delete = new Statement.Delete(new org.woolly.nodes.parse.QualifiedName(null, "t", 0), null, List.of(),
                op("=", col("a"), i(21)), List.of(target(col("b"))), 0);
        var deleted = driver.run(delete);
        assertThat(deleted.tag()).isEqualTo("DELETE 1");
        assertThat(deleted.rows()).containsExactly(new Object[] {null});
    }

    @Test
    void rightAndFullJoinsKeepUnmatchedRows() {
        driver.run(createTable("u", column("a", "int4")));
        driver.run(insert("u", List.of("a"), List.of(List.of(i(1)), List.of(i(9)))));
        var right = driver.run(select(col("t", "a"), col("u", "a")).from(join(FromItem.JoinType.RIGHT, table("t"),
                table("u"), op("=", col("t", "a"), col("u", "a")))).orderBy(asc(col("u", "a"))).statement());
        assertThat(right.rows()).containsExactly(new Object[] {1, 1}, new Object[] {null, 9});
        var full = driver.run(select(countStar()).from(join(FromItem.JoinType.FULL, table("t"), table("u"),
                op("=", col("t", "a"), col("u", "a")))).statement());
        assertThat(full.value()).isEqualTo(4L);
    }

    @Test
    void subqueryInFromIsScannedLikeATable() {
        var inner = select(col("b"), target(countStar(), "n")).from(table("t")).groupBy(col("b")).stmt();
        var outer = select(col("s", "b"), col("total")).from(new FromItem.Subquery(inner,
                new FromItem.Alias("s", List.of("b", "total")), false, 0)).where(op(">", col("total"), i(0)))
                .orderBy(asc(col("b"))).statement();
        var result = driver.run(outer);
        assertThat(result.rows()).containsExactly(new Object[] {"x", 1L}, new Object[] {"y", 1L}, new Object[] {null, 1L});
        assertThatThrownBy(() -> driver.run(select(i(1)).from(new FromItem.Subquery(inner, null, false, 0)).statement()))
                .hasMessage("subquery in FROM must have an alias");
    }

    @Test
    void uncorrelatedSubqueriesInExpressions() {
        var maxA = select(func("max", col("a"))).from(table("t")).stmt();
        var scalar = driver.run(select(col("b")).from(table("t")).where(op("=", col("a"),
                new Expr.SubLink(Expr.SubLink.Kind.EXPR, null, null, maxA, 0))).statement());
        assertThat(scalar.rows()).containsExactly(new Object[] {null});
        var in = driver.run(select(col("a")).from(table("t")).where(new Expr.SubLink(Expr.SubLink.Kind.ANY, col("a"), "=",
                select(op("+", col("a"), i(1))).from(table("t")).stmt(), 0)).orderBy(asc(col("a"))).statement());
        assertThat(in.rows()).containsExactly(new Object[] {2}, new Object[] {3});
        var exists = driver.run(select(new Expr.SubLink(Expr.SubLink.Kind.EXISTS, null, null,
                select(i(1)).from(table("t")).where(op(">", col("a"), i(2))).stmt(), 0)).statement());
        assertThat(exists.value()).isEqualTo(true);
        assertThatThrownBy(() -> driver.run(select(new Expr.SubLink(Expr.SubLink.Kind.EXPR, null, null,
                select(col("a")).from(table("t")).stmt(), 0)).statement()))
                .hasMessage("more than one row returned by a subquery used as an expression");
    }

    @Test
    void truncateCreateIfNotExistsAndSettingsCommands() {
        assertThat(driver.run(new Statement.Truncate(List.of(new org.woolly.nodes.parse.QualifiedName(null, "t", 0)), false,
                false, 0)).tag()).isEqualTo("TRUNCATE TABLE");
        assertThat(driver.run(select(countStar()).from(table("t")).statement()).value()).isEqualTo(0L);
        var again = new Statement.CreateTable(new org.woolly.nodes.parse.QualifiedName(null, "t", 0),
                List.of(column("z", "int4")), List.of(), true, false, List.of(), 0);
        assertThat(driver.run(again).tag()).isEqualTo("CREATE TABLE");
        assertThat(notices.getLast().getMessage()).isEqualTo("relation \"t\" already exists, skipping");
        assertThat(notices.getLast().sqlState()).isEqualTo(SqlState.DUPLICATE_TABLE);
        driver.run(new Statement.VariableSet("work_mem", List.of(new org.woolly.nodes.parse.SetValue("1MB", true, false, 0)),
                true, false, 0));
        assertThat(notices.getLast().getMessage()).isEqualTo("SET LOCAL can only be used in transaction blocks");
        var all = driver.run(new Statement.VariableShow("all", 0));
        assertThat(all.query().resultColumns()).extracting(column -> column.name())
                .containsExactly("name", "setting", "description");
        assertThat(all.rows()).isNotEmpty();
        driver.run(transaction(Statement.TransactionKind.BEGIN));
        driver.run(new Statement.VariableSet("work_mem", List.of(new org.woolly.nodes.parse.SetValue("2MB", true, false, 0)),
                false, false, 0));
        driver.run(transaction(Statement.TransactionKind.ROLLBACK));
        assertThat(driver.run(new Statement.VariableShow("work_mem", 0)).value()).isEqualTo("4MB");
        assertThat(driver.run(new Statement.Discard("all", 0)).tag()).isEqualTo("DISCARD ALL");
    }

    private Statement slowCrossJoin() {
        List<List<Expr>> rows = new ArrayList<>();
        for (int n = 0; n < 1000; n++) {
            rows.add(List.of(i(n)));
        }
        driver.run(createTable("big", column("v", "int4")));
        driver.run(insert("big", List.of("v"), rows));
        return select(countStar()).from(table("big", "x"), table("big", "y"), table("big", "z")).statement();
    }

    @Test
    void cancelStopsARunningStatement() throws Exception {
        Statement slow = slowCrossJoin();
        var running = java.util.concurrent.CompletableFuture.runAsync(() -> driver.run(slow));
        Thread.sleep(300);
        driver.session.cancel();
        assertThatThrownBy(() -> running.get(10, java.util.concurrent.TimeUnit.SECONDS))
                .hasCauseInstanceOf(SqlException.class)
                .cause().hasMessage("canceling statement due to user request");
        assertThat(driver.session.transactionStatus()).isEqualTo(TransactionStatus.IDLE);
    }

    @Test
    void statementTimeoutCancels() {
        Statement slow = slowCrossJoin();
        driver.run(new Statement.VariableSet("statement_timeout",
                List.of(new org.woolly.nodes.parse.SetValue("100", false, true, 0)), false, false, 0));
        assertThatThrownBy(() -> driver.run(slow)).isInstanceOfSatisfying(SqlException.class, error -> {
            assertThat(error.sqlState()).isEqualTo(SqlState.QUERY_CANCELED);
            assertThat(error.getMessage()).isEqualTo("canceling statement due to statement timeout");
        });
    }
}
