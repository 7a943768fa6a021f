package org.woolly.catalog;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.woolly.access.transam.StorageServices;
import org.woolly.access.transam.Transaction;
import org.woolly.catalog.bootstrap.InitDb;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour of SystemCatalog and DatabaseCatalog, run against a storage implementation
 * supplied by a subclass (an in-memory fake, and the real heap and transaction manager).
 */
abstract class SystemCatalogContract {
    protected StorageServices storage;
    protected SystemCatalog catalog;

    /** A fresh, empty storage, ready for bootstrap. */
    protected abstract StorageServices newStorage() throws Exception;

    protected abstract CatalogTupleCodec codec();

    @BeforeEach
    void bootstrap() throws Exception {
        storage = newStorage();
        InitDb.bootstrap(storage, codec(), "alice", null);
        catalog = new SystemCatalog(storage, codec());
    }

    @AfterEach
    void closeStorage() {
        storage.close();
    }

    protected Transaction begin() {
        return storage.transactions().begin();
    }

    protected void commit(Transaction tx) {
        storage.transactions().commit(tx);
    }

    protected static List<ColumnSpec> columns(String... names) {
        List<ColumnSpec> columns = new ArrayList<>();
        for (String name : names) {
            columns.add(new ColumnSpec(name, TypeOids.INT4, -1, false, null));
        }
        return columns;
    }

    @Test
    void rolesAndDatabasesFromTheSharedCatalogs() {
        assertThat(catalog.lookupRole("alice")).hasValueSatisfying(role -> {
            assertThat(role.oid()).isEqualTo(10);
            assertThat(role.superuser()).isTrue();
            assertThat(role.canLogin()).isTrue();
            assertThat(role.password()).isNull();
        });
        assertThat(catalog.lookupRole("bob")).isEmpty();
        assertThat(catalog.databaseOid("postgres")).hasValue(5);
        assertThat(catalog.databaseOid("template1")).hasValue(1);
        assertThat(catalog.databaseOid("template0")).isEmpty();
        assertThat(catalog.databaseOid("nosuch")).isEmpty();
        assertThat(catalog.databaseName(4)).hasValue("template0");
    }

    @Test
    void catalogsAreRelationsInPgCatalog() {
        Transaction tx = begin();
        RelationInfo pgClass = catalog.catalogFor(5).lookupRelation(tx, null, "pg_class").orElseThrow();
        assertThat(pgClass.oid()).isEqualTo(1259);
        assertThat(pgClass.namespaceName()).isEqualTo("pg_catalog");
        assertThat(pgClass.kind()).isEqualTo('r');
        assertThat(pgClass.attributes()).hasSize(33);
        assertThat(pgClass.attribute("relname").typeOid()).isEqualTo(TypeOids.NAME);
        assertThat(pgClass.descriptor().size()).isEqualTo(33);
        assertThat(pgClass.locator().databaseOid()).isEqualTo(5);
        RelationInfo pgDatabase = catalog.catalogFor(5).relationByOid(tx, 1262);
        assertThat(pgDatabase.locator().databaseOid()).isZero();
        assertThat(catalog.catalogFor(5).searchPath(tx)).containsExactly("pg_catalog", "public");
        assertThat(catalog.catalogFor(5).namespaceOid(tx, "public")).hasValue(2200);
        assertThat(catalog.catalogFor(5).namespaceOid(tx, "nosuch")).isEmpty();
        assertThat(catalog.catalogFor(5).typeByOid(tx, 83)).hasValueSatisfying(
                type -> assertThat(type.relationOid()).isEqualTo(1259));
        assertThat(catalog.catalogFor(5).lookupTypeOid(tx, null, "int4")).isEqualTo(23);
        assertThat(catalog.catalogFor(5).lookupTypeOid(tx, "pg_catalog", "_text")).isEqualTo(1009);
        assertThatThrownBy(() -> catalog.catalogFor(5).lookupTypeOid(tx, null, "nosuch"))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo(SqlState.UNDEFINED_OBJECT);
                    assertThat(e.getMessage()).isEqualTo("type \"nosuch\" does not exist");
                });
        commit(tx);
    }

    @Test
    void createdTableIsVisibleToItsTransactionAndToOthersOnlyAfterCommit() {
        DatabaseCatalog session1 = catalog.catalogFor(5);
        DatabaseCatalog session2 = catalog.catalogFor(5).withSearchPath("public", "bob");
        Transaction reader = begin();
        assertThat(session2.lookupRelation(reader, null, "t")).isEmpty();

        Transaction tx = begin();
        List<ColumnSpec> columns = List.of(new ColumnSpec("a", TypeOids.INT4, -1, true, null),
                new ColumnSpec("b", TypeOids.VARCHAR, 14, false, "'x'::text"));
        RelationInfo created = session1.createTable(tx, null, "t", columns, 'p');
        assertThat(created.namespaceName()).isEqualTo("public");
        assertThat(created.attributes()).extracting(AttributeInfo::name).containsExactly("a", "b");
        assertThat(created.attribute("a").notNull()).isTrue();
        assertThat(created.attribute("b").typeModifier()).isEqualTo(14);
        assertThat(created.attribute("b").defaultExpression()).isEqualTo("'x'::text");
        assertThat(created.descriptor().get(1).length()).isEqualTo((short) -1);
        assertThat(created.locator().relNumber()).isEqualTo(created.oid());
        assertThat(session1.lookupRelation(tx, "public", "t")).contains(created);
        assertThat(session1.lookupTypeOid(tx, null, "t")).isNotEqualTo(0);

        Transaction other = begin();
        assertThat(session2.lookupRelation(other, null, "t")).isEmpty();
        commit(tx);
        assertThat(session2.lookupRelation(other, null, "t")).hasValueSatisfying(
                relation -> assertThat(relation.oid()).isEqualTo(created.oid()));
        commit(other);
        commit(reader);
    }

    @Test
    void rollbackLeavesNothing() {
        long versionBefore = catalog.version();
        Transaction tx = begin();
        catalog.catalogFor(5).createTable(tx, null, "gone", columns("a"), 'p');
        assertThat(catalog.catalogFor(5).lookupRelation(tx, null, "gone")).isPresent();
        storage.transactions().abort(tx);
        assertThat(catalog.version()).isEqualTo(versionBefore);

        Transaction next = begin();
        assertThat(catalog.catalogFor(5).lookupRelation(next, null, "gone")).isEmpty();
        RelationInfo again = catalog.catalogFor(5).createTable(next, null, "gone", columns("a"), 'p');
        assertThat(again.attributes()).hasSize(1);
        commit(next);
        assertThat(catalog.version()).isEqualTo(versionBefore + 1);
    }

    @Test
    void dropAndTruncateTakeEffectAtCommit() {
        Transaction create = begin();
        RelationInfo table = catalog.catalogFor(5).createTable(create, null, "t", columns("a"), 'p');
        commit(create);

        Transaction truncate = begin();
        RelationInfo truncated = catalog.catalogFor(5).truncate(truncate, table);
        assertThat(truncated.locator().relNumber()).isNotEqualTo(table.locator().relNumber());
        Transaction concurrent = begin();
        assertThat(catalog.catalogFor(5).lookupRelation(concurrent, null, "t").orElseThrow().locator())
                .isEqualTo(table.locator());
        commit(truncate);
        assertThat(catalog.catalogFor(5).lookupRelation(concurrent, null, "t").orElseThrow().locator())
                .isEqualTo(truncated.locator());
        commit(concurrent);

        Transaction drop = begin();
        catalog.catalogFor(5).dropRelation(drop, truncated);
        assertThat(catalog.catalogFor(5).lookupRelation(drop, null, "t")).isEmpty();
        Transaction other = begin();
        assertThat(catalog.catalogFor(5).lookupRelation(other, null, "t")).isPresent();
        commit(drop);
        assertThat(catalog.catalogFor(5).lookupRelation(other, null, "t")).isEmpty();
        commit(other);
    }

    @Test
    void tablesOfOneDatabaseAreNotSeenInAnother() {
        Transaction tx = begin();
        catalog.catalogFor(5).createTable(tx, null, "only_here", columns("a"), 'p');
        commit(tx);
        Transaction reader = begin();
        assertThat(catalog.catalogFor(1).lookupRelation(reader, null, "only_here")).isEmpty();
        assertThat(catalog.catalogFor(5).lookupRelation(reader, null, "only_here")).isPresent();
        commit(reader);
    }

    @Test
    void definitionErrorsCarryPostgresSqlStates() {
        Transaction tx = begin();
        DatabaseCatalog db = catalog.catalogFor(5);
        db.createTable(tx, null, "t", columns("a"), 'p');
        assertError(() -> db.createTable(tx, null, "t", columns("a"), 'p'), SqlState.DUPLICATE_TABLE,
                "relation \"t\" already exists");
        assertError(() -> db.createTable(tx, null, "u", columns("a", "b", "a"), 'p'), SqlState.DUPLICATE_COLUMN,
                "column \"a\" specified more than once");
        assertError(() -> db.createTable(tx, null, "u", columns("xmin"), 'p'), SqlState.DUPLICATE_COLUMN,
                "column name \"xmin\" conflicts with a system column name");
        String[] many = new String[1601];
        for (int i = 0; i < many.length; i++) {
            many[i] = "c" + i;
        }
        assertError(() -> db.createTable(tx, null, "u", columns(many), 'p'), SqlState.TOO_MANY_COLUMNS,
                "tables can have at most 1600 columns");
        assertError(() -> db.createTable(tx, null, "u", List.of(new ColumnSpec("v", TypeOids.VOID, -1, false, null)),
                'p'), SqlState.INVALID_TABLE_DEFINITION, "column \"v\" has pseudo-type void");
        assertError(() -> db.createTable(tx, "nosuch", "u", columns("a"), 'p'), SqlState.INVALID_SCHEMA_NAME,
                "schema \"nosuch\" does not exist");
        assertError(() -> db.createTable(tx, "pg_catalog", "u", columns("a"), 'p'), SqlState.INSUFFICIENT_PRIVILEGE,
                "permission denied to create \"pg_catalog.u\"");
        assertError(() -> db.dropRelation(tx, db.relationByOid(tx, 1259)), SqlState.INSUFFICIENT_PRIVILEGE,
                "permission denied: \"pg_class\" is a system catalog");
        assertError(() -> db.withSearchPath("nosuch", "alice").createTable(tx, null, "u", columns("a"), 'p'),
                SqlState.INVALID_SCHEMA_NAME, "no schema has been selected to create in");
        storage.transactions().abort(tx);
    }

    @Test
    void searchPathFollowsTheSessionSetting() {
        Transaction tx = begin();
        DatabaseCatalog db = catalog.catalogFor(5);
        assertThat(db.withSearchPath("\"$user\", public", "alice").searchPath(tx)).containsExactly("pg_catalog",
                "public");
        assertThat(db.withSearchPath("public, pg_catalog", "alice").searchPath(tx)).containsExactly("public",
                "pg_catalog");
        // pg_catalog is searched first: a user table cannot hide a catalog unless the path says so
        db.createTable(tx, null, "pg_class", columns("a"), 'p');
        assertThat(db.lookupRelation(tx, null, "pg_class").orElseThrow().oid()).isEqualTo(1259);
        assertThat(db.withSearchPath("public, pg_catalog", null).lookupRelation(tx, null, "pg_class").orElseThrow()
                .namespaceName()).isEqualTo("public");
        assertThat(db.lookupRelation(tx, "nosuch", "pg_class")).isEmpty();
        storage.transactions().abort(tx);
    }

    @Test
    void concurrentSessionsCreatingTablesSeeEachOthersCommits() throws Exception {
        int sessions = 8;
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < sessions; i++) {
            String name = "t" + i;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    Transaction tx = begin();
                    catalog.catalogFor(5).createTable(tx, null, name, columns("a"), 'p');
                    commit(tx);
                    Transaction reader = begin();
                    assertThat(catalog.catalogFor(5).lookupRelation(reader, null, name)).isPresent();
                    commit(reader);
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
        Transaction reader = begin();
        for (int i = 0; i < sessions; i++) {
            assertThat(catalog.catalogFor(5).lookupRelation(reader, null, "t" + i)).as("t%d", i).isPresent();
        }
        commit(reader);
    }

    private static void assertError(Runnable action, SqlState state, String message) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(SqlException.class, e -> {
            assertThat(e.sqlState()).isEqualTo(state);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
