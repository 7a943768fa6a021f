package org.woolly.server;

import java.nio.file.Path;
import java.util.List;
import org.woolly.access.heap.HeapAccessMethod;
import org.woolly.access.nbtree.BTreeAccessMethod;
import org.woolly.access.sequence.SequenceAccessMethod;
import org.woolly.access.transam.DefaultStorageServices;
import org.woolly.access.transam.StorageModule;
import org.woolly.access.transam.StorageOptions;
import org.woolly.access.transam.StorageStartup;

/**
 * Which access methods and WAL resource managers a server has: PostgreSQL's {@code rmgrlist.h}
 * and the built-in rows of {@code pg_am}. A new access method (the B-tree, sequences, the
 * visibility map) is one more entry in {@link #MODULES}.
 */
public final class StorageWiring {
    /** Every storage module, in registration order. */
    public static final List<StorageModule> MODULES = List.of(HeapAccessMethod.MODULE, BTreeAccessMethod.MODULE,
            SequenceAccessMethod.MODULE);

    private StorageWiring() {}

    /** Opens a data directory's storage with every module, after crash recovery if needed. */
    public static DefaultStorageServices open(Path dataDirectory, StorageOptions options) {
        return StorageStartup.open(dataDirectory, options, MODULES);
    }
}
