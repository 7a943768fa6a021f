package org.woolly.access.transam;

import java.util.ArrayList;
import java.util.List;
import org.woolly.access.heap.HeapAccess;
import org.woolly.access.heap.HeapScan;
import org.woolly.access.heap.HeapTuple;
import org.woolly.storage.smgr.RelFileLocator;

/** The rows of a relation visible to a fresh transaction, as text (for storage-level tests). */
final class StoredRows {
    private StoredRows() {}

    static List<String> scan(DefaultStorageServices services, RelFileLocator relation) {
        TopTransaction reader = services.transactions().begin();
        List<String> rows = new ArrayList<>();
        try (HeapScan scan = HeapAccess.of(services).beginScan(relation, reader.takeSnapshot())) {
            HeapTuple tuple;
            while ((tuple = scan.next()) != null) {
                rows.add(new String(tuple.body()));
            }
        }
        services.transactions().commit(reader);
        return rows;
    }
}
