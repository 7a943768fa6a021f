package org.woolly.access.heap;

import org.woolly.access.common.Tid;
import org.woolly.storage.ipc.PanicState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.woolly.access.transam.CommitLog;
import org.woolly.access.transam.DefaultTransactionManager;
import org.woolly.access.transam.RelationFileOperations;
import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.WalSegments;
import org.woolly.access.transam.WriteAheadLog;
import org.woolly.storage.buffer.BufferPool;
import org.woolly.storage.lmgr.LockManager;
import org.woolly.storage.smgr.ForkNumber;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.storage.smgr.StorageManager;

/**
 * A heap over a temporary data directory with the real transaction manager (commit log, proc
 * array, transaction locks); the heap's own WAL records go to {@link FakeWal}, which keeps them
 * for the redo tests and can be told to fail.
 */
final class HeapTestSupport {
    static final RelFileLocator TABLE = new RelFileLocator(RelFileLocator.DEFAULT_TABLESPACE_OID, 5, 16384);

    final PanicState panicState = new PanicState();
    final StorageManager storage;
    final FakeWal wal = new FakeWal();
    final DefaultTransactionManager transactions;
    final BufferPool pool;
    final HeapAccessMethod heap;

    HeapTestSupport(Path data, int buffers) {
        storage = new StorageManager(data, panicState);
        storage.create(TABLE, ForkNumber.MAIN);
        pool = new BufferPool(storage, buffers, wal::flush);
        transactions = transactionManager(data);
        heap = new HeapAccessMethod(pool, wal, transactions);
    }

    /**
     * The real transaction manager over {@code data}'s pg_wal and pg_xact (without fsync: these
     * tests check visibility, not durability). Relation files are the tests' business.
     */
    static DefaultTransactionManager transactionManager(Path data) {
        try {
            Path walDirectory = Files.createDirectories(data.resolve("pg_wal"));
            Path commitLogDirectory = Files.createDirectories(data.resolve("pg_xact"));
            PanicState panicState = new PanicState();
            WriteAheadLog wal = new WriteAheadLog(walDirectory, WalSegments.FIRST_LSN, 0, false, true, panicState);
            CommitLog commitLog = new CommitLog(commitLogDirectory, 8, wal::flush, false, panicState);
            RelationFileOperations noFiles = new RelationFileOperations() {
                @Override
                public void create(RelFileLocator relation) {
                    throw new IllegalStateException("heap tests create their files themselves");
                }

                @Override
                public void drop(RelFileLocator relation) {
                    throw new IllegalStateException("heap tests create their files themselves");
                }
            };
            DefaultTransactionManager transactions = new DefaultTransactionManager(wal, commitLog, new LockManager(),
                    noFiles, 0, true);
            transactions.multiXacts(new org.woolly.access.transam.MultiXacts(data, wal, false, panicState,
                    org.woolly.access.transam.MultiXacts.Counters.INITIAL));
            return transactions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Inserts {@code row} in a transaction of its own and commits it. */
    Tid committedInsert(String row) {
        org.woolly.access.transam.Transaction tx = transactions.begin();
        Tid tid = heap.insert(TABLE, bytes(row), tx);
        transactions.commit(tx);
        return tid;
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

    /** A heap over an empty directory that only replays another's WAL records, as recovery does. */
    record Replica(BufferPool pool, HeapAccessMethod heap) {
        Replica(Path directory) {
            this(new BufferPool(new StorageManager(directory, new PanicState()), 16, lsn -> { }), directory);
        }

        private Replica(BufferPool pool, Path directory) {
            this(pool, new HeapAccessMethod(pool, new FakeWal(), transactionManager(directory)));
        }

        /** Redoes every record {@code source} logged, in order. */
        void replay(FakeWal source) {
            org.woolly.access.transam.ResourceManager redo = heap.resourceManager();
            for (FakeWal.Logged logged : source.records) {
                redo.redo(logged.record(), logged.endLsn());
            }
        }
    }
}
