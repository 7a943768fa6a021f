package org.woolly.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.woolly.testfakes.Raw.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.Transaction;
import org.woolly.analyzer.Analyzer;
import org.woolly.catalog.ColumnSpec;
import org.woolly.nodes.parse.Statement;
import org.woolly.optimizer.Planner;
import org.woolly.testfakes.FakeCatalog;
import org.woolly.testfakes.FakeStorage;
import org.woolly.testfakes.FakeTypeSystem;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** UPDATE/DELETE against rows a concurrent transaction changed (READ COMMITTED re-check, REPEATABLE READ failure). */
class ModifyTableTest {
    private final FakeStorage storage = new FakeStorage();
    private final FakeCatalog catalog = new FakeCatalog();
    private final FakeTypeSystem types = new FakeTypeSystem();
    private final Analyzer analyzer = new Analyzer(types, catalog, text -> i(Long.parseLong(text)));
    private final Planner planner = new Planner(types);

    @BeforeEach
    void setUp() {
        catalog.createTable(null, null, "t", List.of(new ColumnSpec("id", TypeOids.INT4, -1, true, null),
                new ColumnSpec("n", TypeOids.INT4, -1, false, null)), 'p');
        Transaction setup = storage.begin();
        run(insert("t", List.of("id", "n"), List.of(List.of(i(1), i(0)), List.of(i(2), i(0)))), setup,
                setup.takeSnapshot(), false);
        storage.commit(setup);
    }

    private long run(Statement statement, Transaction tx, Snapshot snapshot, boolean repeatable) {
        var plan = planner.plan(analyzer.analyze(statement, tx, FormatSettings.DEFAULT, new int[0]).query());
        var context = new ExecutorContext(types, storage, tx, snapshot, new Object[0],
                new ExecutorContext.SessionInfo("u", "u", "d", () -> "public", 1, FormatSettings.DEFAULT, 0), new AtomicBoolean(), 0)
                .withTransactionSnapshot(repeatable).withCatalog(catalog);
        try (QueryExecution execution = new QueryExecution(plan, context)) {
            execution.runToEnd();
            tx.incrementCommandId();
            return execution.rowsProcessed();
        }
    }

    private List<Object[]> rows() {
        Transaction reader = storage.begin();
        var plan = planner.plan(analyzer.analyze(select(col("id"), col("n")).from(table("t")).orderBy(asc(col("id")))
                .statement(), reader, FormatSettings.DEFAULT, new int[0]).query());
        var context = new ExecutorContext(types, storage, reader, reader.takeSnapshot(), null,
                new ExecutorContext.SessionInfo("u", "u", "d", () -> "public", 1, FormatSettings.DEFAULT, 0), new AtomicBoolean(), 0).withCatalog(catalog);
        List<Object[]> rows = new ArrayList<>();
        try (QueryExecution execution = new QueryExecution(plan, context)) {
            Object[] row;
            while ((row = execution.next()) != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void updateRechecksTheNewerVersionUnderReadCommitted() {
        Transaction first = storage.begin();
        Snapshot before = first.takeSnapshot();
        Transaction concurrent = storage.begin();
        run(update("t", op("=", col("id"), i(1)), set("n", op("+", col("n"), i(10)))), concurrent,
                concurrent.takeSnapshot(), false);
        storage.commit(concurrent);
        long updated = run(update("t", op("<", col("n"), i(5)), set("n", op("+", col("n"), i(1)))), first, before, false);
        storage.commit(first);
        assertThat(updated).isEqualTo(1);
        assertThat(rows()).containsExactly(new Object[] {1, 10}, new Object[] {2, 1});
    }

    @Test
    void updateAppliesToTheNewerVersionWhenItStillQualifies() {
        Transaction first = storage.begin();
        Snapshot before = first.takeSnapshot();
        Transaction concurrent = storage.begin();
        run(update("t", op("=", col("id"), i(1)), set("n", op("+", col("n"), i(1)))), concurrent,
                concurrent.takeSnapshot(), false);
        storage.commit(concurrent);
        run(update("t", op("=", col("id"), i(1)), set("n", op("+", col("n"), i(1)))), first, before, false);
        storage.commit(first);
        assertThat(rows().getFirst()).containsExactly(1, 2);
    }

    @Test
    void deletedRowIsSkippedAndRepeatableReadFails() {
        Transaction first = storage.begin();
        Snapshot before = first.takeSnapshot();
        Transaction concurrent = storage.begin();
        run(delete("t", op("=", col("id"), i(1))), concurrent, concurrent.takeSnapshot(), false);
        storage.commit(concurrent);
        assertThat(run(delete("t", null), first, before, false)).isEqualTo(1);
        storage.abort(first);
        Transaction repeatable = storage.begin();
        Snapshot old = repeatable.takeSnapshot();
        Transaction writer = storage.begin();
        run(update("t", null, set("n", i(9))), writer, writer.takeSnapshot(), false);
        storage.commit(writer);
        assertThatThrownBy(() -> run(update("t", null, set("n", i(3))), repeatable, old, true))
                .isInstanceOfSatisfying(SqlException.class,
                        error -> assertThat(error.sqlState()).isEqualTo(SqlState.SERIALIZATION_FAILURE));
    }
}
