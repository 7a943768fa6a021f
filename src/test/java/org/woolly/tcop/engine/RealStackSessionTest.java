package org.woolly.tcop.engine;

import org.woolly.server.StorageWiring;
import org.woolly.testfakes.HandBuiltTrees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.woolly.testfakes.Raw.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.access.transam.StorageOptions;
import org.woolly.access.transam.StorageServices;
import org.woolly.access.transam.StorageStartup;
import org.woolly.catalog.CatalogAccess;
import org.woolly.catalog.CatalogTupleCodec;
import org.woolly.catalog.CheckingTupleCodec;
import org.woolly.catalog.SystemCatalog;
import org.woolly.catalog.bootstrap.InitDb;
import org.woolly.nodes.parse.Statement;
import org.woolly.catalog.RoleInfo;
import org.woolly.testfakes.FakeSettings;
import org.woolly.testfakes.FakeTypeSystem;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** Sessions over the real storage, heap, transactions and catalog in a temporary data directory. */
class RealStackSessionTest {
    @TempDir
    Path dataDirectory;
    private StorageServices storage;
    private CatalogAccess catalog;
    private final List<SqlException> notices = new ArrayList<>();

    @BeforeEach
    void start() {
        StorageStartup.initialize(dataDirectory);
        storage = StorageWiring.open(dataDirectory, StorageOptions.defaults());
        CatalogTupleCodec codec = new CheckingTupleCodec();
        InitDb.bootstrap(storage, codec, "alice", null);
        SystemCatalog system = new SystemCatalog(storage, codec);
        catalog = system.catalogFor(system.databaseOid("postgres").getAsInt());
    }

    @AfterEach
    void stop() {
        storage.close();
    }

    private SessionDriver session() {
        return new SessionDriver(new QuerySession(storage, catalog, new RoleInfo(10, "alice", true, true, null), "postgres",
                new FakeSettings(), notices::add, 7, new FakeTypeSystem(), HandBuiltTrees.PARSER), notices);
    }

    /** CHECKPOINT is for superusers (PostgreSQL 15: 42501); a superuser's runs one now. */
    @Test
    void checkpointIsForSuperusersOnly() {
        SessionDriver bob = new SessionDriver(new QuerySession(storage, catalog, new RoleInfo(11, "bob", false, true, null),
                "postgres", new FakeSettings(), notices::add, 8, new FakeTypeSystem(), HandBuiltTrees.PARSER), notices);
        assertThatThrownBy(() -> bob.run(new Statement.Checkpoint(0)))
                .isInstanceOfSatisfying(SqlException.class, error -> {
                    assertThat(error.sqlState()).isEqualTo(SqlState.INSUFFICIENT_PRIVILEGE);
                    assertThat(error.getMessage()).isEqualTo("must be superuser to do CHECKPOINT");
                });
        assertThat(session().run(new Statement.Checkpoint(0)).tag()).isEqualTo("CHECKPOINT");
    }

    private static Statement count() {
        return select(countStar()).from(table("t")).statement();
    }

    @Test
    void ddlDmlAndRollbackOnRealStorage() {
        SessionDriver driver = session();
        driver.run(createTable("t", column("id", "int4", notNull()), column("n", "int4", defaultValue(i(0)))));
        assertThat(driver.run(insert("t", List.of("id"), List.of(List.of(i(1)), List.of(i(2))))).tag()).isEqualTo("INSERT 0 2");
        assertThat(driver.run(update("t", op("=", col("id"), i(2)), set("n", i(5)))).tag()).isEqualTo("UPDATE 1");
        var rows = driver.run(select(col("id"), col("n")).from(table("t")).orderBy(asc(col("id"))).statement()).rows();
        assertThat(rows).containsExactly(new Object[] {1, 0}, new Object[] {2, 5});
        driver.run(transaction(Statement.TransactionKind.BEGIN));
        driver.run(delete("t", null));
        driver.run(createTable("gone", column("x", "int4")));
        assertThat(driver.run(count()).value()).isEqualTo(0L);
        driver.run(transaction(Statement.TransactionKind.ROLLBACK));
        assertThat(driver.run(count()).value()).isEqualTo(2L);
        assertThat(catalog.lookupRelation(storage.transactions().begin(), null, "gone")).isEmpty();
    }

    @Test
    void uncommittedRowsAreInvisibleToAnotherSession() {
        SessionDriver writer = session();
        SessionDriver reader = session();
        writer.run(createTable("t", column("id", "int4")));
        writer.run(transaction(Statement.TransactionKind.BEGIN));
        writer.run(insert("t", List.of("id"), List.of(List.of(i(1)))));
        assertThat(reader.run(count()).value()).isEqualTo(0L);
        writer.run(transaction(Statement.TransactionKind.COMMIT));
        assertThat(reader.run(count()).value()).isEqualTo(1L);
    }

    @Test
    void concurrentUpdateWaitsThenUpdatesTheNewVersion() throws Exception {
        SessionDriver first = session();
        SessionDriver second = session();
        first.run(createTable("t", column("id", "int4"), column("n", "int4")));
        first.run(insert("t", List.of("id", "n"), List.of(List.of(i(1), i(0)))));
        first.run(transaction(Statement.TransactionKind.BEGIN));
        first.run(update("t", op("=", col("id"), i(1)), set("n", op("+", col("n"), i(1)))));
        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(
                () -> second.run(update("t", op("=", col("id"), i(1)), set("n", op("+", col("n"), i(1))))).tag());
        Thread.sleep(300);
        assertThat(waiting).isNotDone();
        first.run(transaction(Statement.TransactionKind.COMMIT));
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo("UPDATE 1");
        assertThat(first.run(select(col("n")).from(table("t")).statement()).value()).isEqualTo(2);
    }
}
