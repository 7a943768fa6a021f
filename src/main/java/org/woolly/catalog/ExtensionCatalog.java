package org.woolly.catalog;

import java.util.Optional;
import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.Transaction;

import static org.woolly.catalog.CatalogDefinitions.PG_EXTENSION;

/**
 * pg_extension rows ({@code extension.c}'s {@code InsertExtensionTuple} and
 * {@code RemoveExtensionById}). Woolly's extensions are built in, so a row only records that
 * CREATE EXTENSION ran (what {@code \dx} lists); it owns no objects.
 */
final class ExtensionCatalog {
    private final SystemCatalog system;
    private final int databaseOid;

    ExtensionCatalog(SystemCatalog system, int databaseOid) {
        this.system = system;
        this.databaseOid = databaseOid;
    }

    Optional<CatalogRow> find(Transaction tx, String name) {
        Snapshot snapshot = tx.takeSnapshot();
        return system.heap().scan(PG_EXTENSION, databaseOid, snapshot).stream()
                .filter(row -> row.getString("extname").equals(name)).findFirst();
    }

    void create(Transaction tx, String name, int ownerOid, int namespaceOid, String version) {
        int oid = system.storage().allocateOid();
        system.noteCatalogChange(tx, oid);
        Object[] values = new Object[PG_EXTENSION.columns().size()];
        values[PG_EXTENSION.column("oid")] = oid;
        values[PG_EXTENSION.column("extname")] = name;
        values[PG_EXTENSION.column("extowner")] = ownerOid;
        values[PG_EXTENSION.column("extnamespace")] = namespaceOid;
        values[PG_EXTENSION.column("extrelocatable")] = true;
        values[PG_EXTENSION.column("extversion")] = version;
        system.heap().insert(PG_EXTENSION, databaseOid, values, tx);
        tx.incrementCommandId();
    }

    boolean drop(Transaction tx, String name) {
        Optional<CatalogRow> row = find(tx, name);
        if (row.isEmpty()) {
            return false;
        }
        system.noteCatalogChange(tx, row.get().getOid("oid"));
        system.heap().delete(row.get(), databaseOid, tx, tx.takeSnapshot());
        tx.incrementCommandId();
        return true;
    }
}
