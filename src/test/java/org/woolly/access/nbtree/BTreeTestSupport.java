package org.woolly.access.nbtree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.woolly.access.common.Tid;
import org.woolly.access.transam.CommitLog;
import org.woolly.access.transam.DefaultTransactionManager;
import org.woolly.access.transam.RelationFileOperations;
import org.woolly.access.transam.Wal;
import org.woolly.access.transam.WalRecord;
import org.woolly.access.transam.WalSegments;
import org.woolly.access.transam.WriteAheadLog;
import org.woolly.storage.buffer.BufferPool;
import org.woolly.storage.ipc.PanicState;
import org.woolly.storage.lmgr.LockManager;
import org.woolly.storage.smgr.ForkNumber;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.storage.smgr.StorageManager;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * A B-tree over a temporary data directory: the real buffer pool, WAL and transaction manager;
 * the WAL records the B-tree writes are kept (with their end LSNs) for the redo tests.
 */
final class BTreeTestSupport {
    static final RelFileLocator INDEX = new RelFileLocator(RelFileLocator.DEFAULT_TABLESPACE_OID, 5, 20000);

    /** The real WAL, remembering what was inserted through it. */
    static final class RecordingWal implements Wal {
        record Logged(WalRecord record, long endLsn) {}

        final List<Logged> records = java.util.Collections.synchronizedList(new ArrayList<>());
        /** Fault injection: an insert of a record this accepts fails as a full disk would. */
        volatile java.util.function.Predicate<WalRecord> failWhen = record -> false;
        private final Wal wal;

        RecordingWal(Wal wal) {
            this.wal = wal;
        }

        @Override
        public long insert(WalRecord record) {
            failIfAsked(record);
            long end = wal.insert(record);
            records.add(new Logged(record, end));
            return end;
        }

        @Override
        public long insert(WalRecord record, long redoPointer) {
            failIfAsked(record);
            long end = wal.insert(record, redoPointer);
            if (end != RETRY) {
                records.add(new Logged(record, end));
            }
            return end;
        }

        private void failIfAsked(WalRecord record) {
            if (failWhen.test(record)) {
                throw new SqlException(SqlState.DISK_FULL, "could not write to WAL: injected failure");
            }
        }

        @Override
        public long redoPointer() {
            return wal.redoPointer();
        }

        @Override
        public void flush(long lsn) {
            wal.flush(lsn);
        }

        @Override
        public boolean needsFullPageImage(long pageLsn, long redoPointer) {
            return wal.needsFullPageImage(pageLsn, redoPointer);
        }
    }

    /** Row states a test sets per heap TID; unknown rows are live. */
    static final class Probe implements HeapProbe {
        final Map<Tid, RowState> states = new ConcurrentHashMap<>();

        @Override
        public RowState state(Tid tid) {
            return states.getOrDefault(tid, new RowState.Live());
        }

        @Override
        public SqlException duplicate(Object[] values) {
            return new SqlException(SqlState.UNIQUE_VIOLATION, "duplicate key value violates unique constraint")
                    .withDetail("Key " + java.util.Arrays.toString(values) + " already exists.");
        }
    }

    final PanicState panicState = new PanicState();
    final StorageManager storage;
    final RecordingWal wal;
    final DefaultTransactionManager transactions;
    final BufferPool pool;
    final BTreeAccessMethod btree;
    final Probe probe = new Probe();

    BTreeTestSupport(Path data, int buffers) {
        try {
            storage = new StorageManager(data, panicState);
            storage.create(INDEX, ForkNumber.MAIN);
            Path walDirectory = Files.createDirectories(data.resolve("pg_wal"));
            Path commitLogDirectory = Files.createDirectories(data.resolve("pg_xact"));
            WriteAheadLog realWal = new WriteAheadLog(walDirectory, WalSegments.FIRST_LSN, 0, false, true, panicState);
            wal = new RecordingWal(realWal);
            CommitLog commitLog = new CommitLog(commitLogDirectory, 8, realWal::flush, false, panicState);
            RelationFileOperations noFiles = new RelationFileOperations() {
                @Override
                public void create(RelFileLocator relation) {
                    throw new IllegalStateException("B-tree tests create their files themselves");
                }

                @Override
                public void drop(RelFileLocator relation) {
                    throw new IllegalStateException("B-tree tests create their files themselves");
                }
            };
            transactions = new DefaultTransactionManager(realWal, commitLog, new LockManager(), noFiles, 0, true);
            pool = new BufferPool(storage, buffers, wal::flush);
            btree = new BTreeAccessMethod(pool, wal, transactions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static IndexShape shape(String name, List<Integer> types, int keyColumns, List<Boolean> descending,
                            List<Boolean> nullsFirst, boolean unique, boolean nullsNotDistinct) {
        return new IndexShape(INDEX, name, types, keyColumns, descending, nullsFirst, unique, nullsNotDistinct);
    }

    /** A one-column ascending int4 index. */
    static IndexShape intIndex(boolean unique) {
        return shape("i", List.of(TypeOids.INT4), 1, List.of(false), List.of(false), unique, false);
    }

    static List<Tid> tids(IndexScan scan) {
        List<Tid> result = new ArrayList<>();
        for (Tid tid = scan.next(); tid != null; tid = scan.next()) {
            result.add(tid);
        }
        scan.close();
        return result;
    }

    /** The first column of every entry the scan returns, in order. */
    static List<Object> firstColumn(IndexScan scan) {
        List<Object> result = new ArrayList<>();
        for (Tid tid = scan.next(); tid != null; tid = scan.next()) {
            result.add(scan.values()[0]);
        }
        scan.close();
        return result;
    }

    /** A distinct heap TID for the n-th row. */
    static Tid tid(int n) {
        return new Tid(n / 100, n % 100 + 1);
    }
}
