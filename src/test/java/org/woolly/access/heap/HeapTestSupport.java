package org.woolly.access.heap;

import org.woolly.storage.ipc.PanicState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.woolly.access.transam.Snapshot;
import org.woolly.storage.buffer.BufferPool;
import org.woolly.storage.smgr.ForkNumber;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.storage.smgr.StorageManager;

/** A heap over a temporary data directory with the in-memory fakes. */
final class HeapTestSupport {
    static final RelFileLocator TABLE = new RelFileLocator(RelFileLocator.DEFAULT_TABLESPACE_OID, 5, 16384);

    final PanicState panicState = new PanicState();
    final StorageManager storage;
    final FakeWal wal = new FakeWal();
    final FakeTransactionManager transactions = new FakeTransactionManager();
    final BufferPool pool;
    final HeapAccessMethod heap;

    HeapTestSupport(Path data, int buffers) {
        storage = new StorageManager(data, panicState);
        storage.create(TABLE, ForkNumber.MAIN);
        pool = new BufferPool(storage, buffers, wal::flush);
        heap = new HeapAccessMethod(pool, wal, transactions);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(HeapTuple tuple) {
        return tuple == null ? null : new String(tuple.body(), StandardCharsets.UTF_8);
    }

    List<String> scan(Snapshot snapshot) {
        List<String> rows = new ArrayList<>();
        try (HeapScan scan = heap.beginScan(TABLE, snapshot)) {
            for (HeapTuple tuple = scan.next(); tuple != null; tuple = scan.next()) {
                rows.add(text(tuple));
            }
        }
        return rows;
    }

    /** Inserts and commits one row per text in its own transaction. */
    List<Tid> committedRows(String... texts) {
        var tx = transactions.begin();
        List<Tid> tids = new ArrayList<>();
        for (String text : texts) {
            tids.add(heap.insert(TABLE, bytes(text), tx));
        }
        transactions.commit(tx);
        return tids;
    }
}
