package org.woolly.access.transam;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The resource managers recovery replays through, keyed by the id written in each WAL record:
 * PostgreSQL's {@code RmgrTable} (built from {@code rmgrlist.h}, extended by
 * {@code RegisterCustomRmgr}). This package registers its own (XLOG, Transaction, Storage); every
 * access method registers its own from the composition root, so a new one is an entry here,
 * not an edit of recovery.
 */
public final class ResourceManagerRegistry {
    /** Ids are written in one byte of the record header. */
    private static final int MAX_ID = 255;

    private final Map<Integer, ResourceManager> managers = new TreeMap<>();

    /** Adds {@code manager}; an id already taken or outside 0..255 is refused (as RegisterCustomRmgr does). */
    public synchronized void register(ResourceManager manager) {
        int id = manager.id();
        if (id < 0 || id > MAX_ID) {
            throw new SqlException(SqlState.INTERNAL_ERROR, "custom resource manager ID " + id + " is out of range");
        }
        ResourceManager existing = managers.putIfAbsent(id, manager);
        if (existing != null) {
            throw new SqlException(Severity.ERROR, SqlState.INTERNAL_ERROR, "failed to register custom resource manager \""
                    + manager.name() + "\" with ID " + id, "Resource manager \"" + existing.name()
                    + "\" already registered with the same ID.", null, 0, null);
        }
    }

    /** The manager for records carrying {@code id}; a PANIC when none is registered (the WAL cannot be replayed). */
    public synchronized ResourceManager get(int id) {
        ResourceManager manager = managers.get(id);
        if (manager == null) {
            throw new SqlException(Severity.PANIC, SqlState.DATA_CORRUPTED, "resource manager with ID " + id
                    + " not registered", null, null, 0, null);
        }
        return manager;
    }

    /** Every registered manager in id order. */
    public synchronized Collection<ResourceManager> all() {
        return Collections.unmodifiableCollection(new TreeMap<>(managers).values());
    }
}
