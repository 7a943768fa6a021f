package org.woolly.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.access.transam.TopTransaction;
import org.woolly.server.StorageWiring;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.access.transam.StorageOptions;
import org.woolly.access.transam.StorageServices;
import org.woolly.access.transam.StorageStartup;
import org.woolly.access.transam.Transaction;
import org.woolly.utils.adt.TypeOids;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** SystemCatalog on a real data directory: heap, WAL, commit log, TupleCodec. */
class SystemCatalogStorageTest extends SystemCatalogContract {
    @TempDir
    Path dataDirectory;

    @Override
    protected StorageServices newStorage() {
        StorageStartup.initialize(dataDirectory);
        return open();
    }

    private StorageServices open() {
        // no fsync: these tests check catalog contents, not durability, on a shared machine
        return StorageWiring.open(dataDirectory, StorageOptions.defaults().withFsync(false));
    }

    @Override
    protected CatalogTupleCodec codec() {
        return new CheckingTupleCodec();
    }

    @Test
    void dropHoldsAnAccessExclusiveLockUntilCommit() {
        Transaction create = begin();
        RelationInfo table = catalog.catalogFor(5).createTable(create, null, "locked", columns("a"), 'p');
        commit(create);
        Transaction drop = begin();
        catalog.catalogFor(5).dropRelation(drop, table);
        TopTransaction other = (TopTransaction) begin();
        assertThat(other.tryLockRelation(5, table.oid(), LockMode.ACCESS_SHARE)).isFalse();
        commit(drop);
        assertThat(other.tryLockRelation(5, table.oid(), LockMode.ACCESS_SHARE)).isTrue();
        commit(other);
    }

    @Test
    void relationChangesInvalidateByOidForTheChangerAtOnceAndForOthersAtCommit() {
        Transaction create = begin();
        RelationInfo table = catalog.catalogFor(5).createTable(create, null, "inval", columns("a"), 'p');
        RelationInfo other = catalog.catalogFor(5).createTable(create, null, "untouched", columns("a"), 'p');
        commit(create);
        long stamp = catalog.invalidationStamp();
        Transaction reader = begin();
        assertThat(catalog.relationChangedSince(reader, table.oid(), stamp)).isFalse();

        Transaction truncate = begin();
        catalog.catalogFor(5).truncate(truncate, table);
        assertThat(catalog.relationChangedSince(truncate, table.oid(), stamp)).isTrue();
        assertThat(catalog.relationChangedSince(truncate, other.oid(), stamp)).isFalse();
        assertThat(catalog.changedCatalogs(truncate)).isTrue();
        assertThat(catalog.changedCatalogs(reader)).isFalse();
        assertThat(catalog.relationChangedSince(reader, table.oid(), stamp)).isFalse();
        commit(truncate);
        assertThat(catalog.relationChangedSince(reader, table.oid(), stamp)).isTrue();
        assertThat(catalog.relationChangedSince(reader, other.oid(), stamp)).isFalse();
        commit(reader);

        long afterCommit = catalog.invalidationStamp();
        Transaction rolledBack = begin();
        catalog.catalogFor(5).dropRelation(rolledBack, table);
        storage.transactions().abort(rolledBack);
        Transaction next = begin();
        assertThat(catalog.relationChangedSince(next, table.oid(), afterCommit)).isFalse();
        commit(next);
    }

    @Test
    void catalogFilesAreWhereTheLayoutSays() {
        assertThat(dataDirectory.resolve("global/1262")).exists();
        assertThat(dataDirectory.resolve("base/1/1259")).exists();
        assertThat(dataDirectory.resolve("base/4/1249")).exists();
        assertThat(dataDirectory.resolve("base/5/2615")).exists();
    }

    @Test
    void committedTablesSurviveAReopenAndRolledBackOnesDoNot() throws Exception {
        Transaction tx = begin();
        RelationInfo kept = catalog.catalogFor(5).createTable(tx, null, "kept",
                List.of(new ColumnSpec("a", TypeOids.INT4, -1, true, "42")), 'p');
        commit(tx);
        Transaction aborted = begin();
        RelationInfo lost = catalog.catalogFor(5).createTable(aborted, null, "lost", columns("a"), 'p');
        storage.transactions().abort(aborted);
        assertThat(Files.exists(dataDirectory.resolve("base/5/" + lost.locator().relNumber()))).isFalse();
        storage.close();

        storage = open();
        catalog = new SystemCatalog(storage);
        Transaction reader = begin();
        RelationInfo reopened = catalog.catalogFor(5).lookupRelation(reader, "public", "kept").orElseThrow();
        assertThat(reopened.oid()).isEqualTo(kept.oid());
        assertThat(reopened.attribute("a").defaultExpression()).isEqualTo("42");
        assertThat(catalog.catalogFor(5).lookupRelation(reader, null, "lost")).isEmpty();
        assertThat(catalog.lookupRole("alice")).isPresent();
        commit(reader);
    }
}
