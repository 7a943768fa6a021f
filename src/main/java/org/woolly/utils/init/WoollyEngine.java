package org.woolly.utils.init;

import org.woolly.access.transam.StorageOptions;
import org.woolly.access.transam.StorageServices;
import org.woolly.access.transam.StorageStartup;
import org.woolly.catalog.SystemCatalog;
import org.woolly.tcop.Engine;
import org.woolly.tcop.NoticeSink;
import org.woolly.tcop.RoleInfo;
import org.woolly.tcop.SessionEngine;
import org.woolly.tcop.engine.QuerySession;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.guc.SessionSettings;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine of one data directory: storage opened (crash recovery done), the system catalog
 * over it, and sessions started on top. Counterpart of the shared-memory set-up in
 * {@code PostmasterMain} and of {@code InitPostgres} ({@code src/backend/utils/init/postinit.c})
 * for each backend.
 */
public final class WoollyEngine implements Engine {
    private final StorageServices storage;
    private final SystemCatalog catalog;
    private final AtomicInteger nextSessionNumber = new AtomicInteger(1);

    private WoollyEngine(StorageServices storage) {
        this.storage = storage;
        this.catalog = new SystemCatalog(storage);
    }

    /** Opens the data directory's storage, replaying the WAL first if the last stop was a crash. */
    public static WoollyEngine open(Path dataDirectory, StorageOptions options) {
        return new WoollyEngine(StorageStartup.open(dataDirectory, options));
    }

    @Override
    public Optional<RoleInfo> lookupRole(String name) {
        return catalog.lookupRole(name);
    }

    @Override
    public boolean databaseExists(String name) {
        return catalog.databaseOid(name).isPresent();
    }

    @Override
    public SessionEngine openSession(RoleInfo role, String database, SessionSettings settings, NoticeSink notices) {
        int databaseOid = catalog.databaseOid(database).orElseThrow(() -> new SqlException(
                SqlState.INVALID_CATALOG_NAME, "database \"" + database + "\" does not exist"));
        return new QuerySession(storage, catalog.catalogFor(databaseOid), role, database, settings, notices,
                nextSessionNumber.getAndIncrement());
    }

    @Override
    public void checkpoint() {
        storage.checkpoint();
    }

    @Override
    public void close() {
        storage.close();
    }
}
