package org.woolly.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.Transaction;

import static org.woolly.catalog.CatalogDefinitions.PG_DATABASE;
import static org.woolly.catalog.CatalogDefinitions.PG_DB_ROLE_SETTING;

/**
 * The pg_database rows of CREATE, ALTER and DROP DATABASE ({@code dbcommands.c}'s catalog side)
 * and the list of databases other parts of the server walk (autovacuum visits each one:
 * {@link #all()} then {@link SystemCatalog#catalogFor}). pg_database is shared (database 0); a
 * change is noted like any catalog change, so the shared image is reloaded when the transaction
 * commits and the transaction itself sees its own rows meanwhile. The files are the storage
 * layer's ({@code StorageServices.createDatabaseFiles}); who is connected where is
 * {@link DatabaseUsage}'s.
 */
public final class DatabaseDdl {
    /** The OID keyed for invalidation when pg_database changes. */
    private static final int INVALIDATION_KEY = PG_DATABASE.oid();

    private final SystemCatalog system;

    DatabaseDdl(SystemCatalog system) {
        this.system = system;
    }

    /** Every database, committed state, in OID order. */
    public List<DatabaseInfo> all() {
        return sorted(system.databaseRows());
    }

    /** Every database as {@code tx} sees pg_database, in OID order. */
    public List<DatabaseInfo> all(Transaction tx) {
        return sorted(system.databaseRows(tx));
    }

    /** The database of that name as {@code tx} sees pg_database. */
    public Optional<DatabaseInfo> lookup(Transaction tx, String name) {
        return all(tx).stream().filter(database -> database.name().equals(name)).findFirst();
    }

    /** The database of that name, committed state (connection start). */
    public Optional<DatabaseInfo> lookup(String name) {
        return all().stream().filter(database -> database.name().equals(name)).findFirst();
    }

    /** The database's datacl text as {@code tx} sees pg_database (null: the owner's default). */
    public String acl(Transaction tx, int databaseOid) {
        CatalogRow row = system.databaseRow(tx, databaseOid);
        return row == null ? null : row.getString("datacl");
    }

    /** Who is connected to which database. */
    public DatabaseUsage usage() {
        return system.databaseUsage();
    }

    /** The bytes of the database's files ({@code pg_database_size}). */
    public long size(int databaseOid) {
        return system.storage().databaseSize(databaseOid);
    }

    /** A new OID for a database (never one handed out before). */
    public int allocateOid() {
        return system.storage().allocateOid();
    }

    /** Inserts the pg_database row of a new database (its files exist already). */
    public void insert(Transaction tx, DatabaseInfo database) {
        system.noteCatalogChange(tx, INVALIDATION_KEY);
        Object[] row = new RowBuilder(PG_DATABASE)
                .set("oid", database.oid()).set("datname", database.name()).set("datdba", database.ownerOid())
                .set("encoding", database.encoding()).setChar("datlocprovider", 'c')
                .set("datistemplate", database.isTemplate()).set("datallowconn", database.allowConnections())
                .set("datconnlimit", database.connectionLimit()).set("dattablespace", CatalogOids.DEFAULT_TABLESPACE)
                .set("datcollate", database.collate()).set("datctype", database.ctype())
                .set("datfrozenxid", CatalogRows.FIRST_NORMAL_XID).set("datminmxid", CatalogRows.FIRST_MULTI_XID)
                .build();
        system.heap().insert(PG_DATABASE, 0, row, tx);
        tx.incrementCommandId();
    }

    /** pg_database.datfrozenxid of each database, by OID, committed state (the autovacuum launcher's look). */
    public Map<Integer, Long> frozenXids() {
        Map<Integer, Long> xids = new java.util.TreeMap<>();
        for (CatalogRow row : system.databaseRows()) {
            xids.put(row.getOid("oid"), row.getXid("datfrozenxid"));
        }
        return xids;
    }

    /** pg_database.datfrozenxid of each database, by OID ({@code vac_truncate_clog}'s scan). */
    public Map<Integer, Long> frozenXids(Transaction tx) {
        Map<Integer, Long> xids = new java.util.TreeMap<>();
        for (CatalogRow row : system.heap().scan(PG_DATABASE, 0, tx.takeSnapshot(), candidate -> true)) {
            long xid = row.getXid("datfrozenxid");
            xids.put(row.getOid("oid"), xid == 0 ? CatalogRows.FIRST_NORMAL_XID : xid);
        }
        return xids;
    }

    /**
     * {@code vac_update_datfrozenxid}'s write: pg_database.datfrozenxid of a database
     * overwritten in place when {@code frozenXid} is newer (not rolled back, no new row version;
     * every session's image of pg_database reloads). Returns whether it changed.
     */
    public boolean advanceFrozenXidInPlace(Transaction tx, int databaseOid, long frozenXid) {
        for (CatalogRow row : system.heap().scan(PG_DATABASE, 0, tx.takeSnapshot(),
                candidate -> candidate.getOid("oid") == databaseOid)) {
            if (frozenXid <= row.getXid("datfrozenxid")) {
                return false;
            }
            Object[] values = row.values().clone();
            values[PG_DATABASE.column("datfrozenxid")] = frozenXid;
            system.heap().updateInPlace(row, 0, values);
            system.noteInplaceUpdate(INVALIDATION_KEY);
            return true;
        }
        return false;
    }

    /** Sets pg_database columns of a database (ALTER DATABASE). */
    public void update(Transaction tx, int databaseOid, Map<String, Object> attributes) {
        system.noteCatalogChange(tx, INVALIDATION_KEY);
        Snapshot snapshot = tx.takeSnapshot();
        for (CatalogRow row : system.heap().scan(PG_DATABASE, 0, snapshot,
                candidate -> candidate.getOid("oid") == databaseOid)) {
            Object[] values = row.values().clone();
            attributes.forEach((column, value) -> values[PG_DATABASE.column(column)] = value);
            system.heap().update(row, 0, values, tx, snapshot);
        }
        tx.incrementCommandId();
    }

    /** Deletes the database's pg_database row and its pg_db_role_setting rows. */
    public void delete(Transaction tx, int databaseOid) {
        system.noteCatalogChange(tx, INVALIDATION_KEY);
        Snapshot snapshot = tx.takeSnapshot();
        for (CatalogRow row : system.heap().scan(PG_DATABASE, 0, snapshot,
                candidate -> candidate.getOid("oid") == databaseOid)) {
            system.heap().delete(row, 0, tx, snapshot);
        }
        for (CatalogRow row : system.heap().scan(PG_DB_ROLE_SETTING, 0, snapshot,
                candidate -> candidate.getOid("setdatabase") == databaseOid)) {
            system.heap().delete(row, 0, tx, snapshot);
        }
        tx.incrementCommandId();
    }

    /** After a DROP DATABASE committed: the cached images of its catalogs go. */
    public void forget(int databaseOid) {
        system.forgetDatabase(databaseOid);
    }

    private static List<DatabaseInfo> sorted(java.util.Collection<CatalogRow> rows) {
        List<DatabaseInfo> databases = new ArrayList<>();
        for (CatalogRow row : rows) {
            databases.add(DatabaseInfo.of(row));
        }
        databases.sort(Comparator.comparingInt(DatabaseInfo::oid));
        return databases;
    }
}
