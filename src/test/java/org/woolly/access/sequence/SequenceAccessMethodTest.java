package org.woolly.access.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.access.transam.Wal;
import org.woolly.access.transam.WalRecord;
import org.woolly.storage.buffer.BufferPool;
import org.woolly.storage.ipc.PanicState;
import org.woolly.storage.smgr.ForkNumber;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.storage.smgr.StorageManager;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

class SequenceAccessMethodTest {
    private static final RelFileLocator SEQUENCE = new RelFileLocator(RelFileLocator.DEFAULT_TABLESPACE_OID, 5, 16400);
    private static final SequenceAccess.Parameters ASCENDING =
            new SequenceAccess.Parameters(1, 1, Long.MAX_VALUE, 1, false);

    @TempDir
    Path primary;
    @TempDir
    Path replica;

    /** The WAL boundary: records kept in memory with their end LSNs, and how far a flush reached. */
    private static final class RecordingWal implements Wal {
        record Logged(WalRecord record, long endLsn) {}

        final List<Logged> records = new ArrayList<>();
        final AtomicLong nextLsn = new AtomicLong(1000);
        volatile long redo;
        volatile long flushed;

        @Override
        public synchronized long insert(WalRecord record) {
            long end = nextLsn.addAndGet(100);
            records.add(new Logged(record, end));
            return end;
        }

        @Override
        public long insert(WalRecord record, long redoPointer) {
            return insert(record);
        }

        @Override
        public long redoPointer() {
            return redo;
        }

        @Override
        public synchronized void flush(long lsn) {
            flushed = Math.max(flushed, lsn);
        }

        @Override
        public boolean needsFullPageImage(long pageLsn, long redoPointer) {
            return false;
        }
    }

    private final RecordingWal wal = new RecordingWal();

    private SequenceAccessMethod open(Path data, Wal log) {
        StorageManager storage = new StorageManager(data, new PanicState());
        storage.create(SEQUENCE, ForkNumber.MAIN);
        return new SequenceAccessMethod(new BufferPool(storage, 16, log::flush), log);
    }

    @Test
    void nextvalLogsThirtyTwoAheadAsPostgresDoes() {
        SequenceAccessMethod sequences = open(primary, wal);
        sequences.initialize(SEQUENCE, 1, false);
        assertThat(sequences.nextValues(SEQUENCE, "s", ASCENDING)).isEqualTo(new SequenceAccess.Fetched(1, 1));
        assertThat(sequences.read(SEQUENCE)).isEqualTo(new SequenceAccess.State(1, 32, true));
        assertThat(sequences.nextValues(SEQUENCE, "s", ASCENDING).first()).isEqualTo(2);
        assertThat(sequences.read(SEQUENCE)).isEqualTo(new SequenceAccess.State(2, 31, true));
        // one record for CREATE, one for the first nextval; the next 31 values need none
        assertThat(wal.records).hasSize(2);
        for (int i = 3; i <= 33; i++) {
            assertThat(sequences.nextValues(SEQUENCE, "s", ASCENDING).first()).isEqualTo(i);
        }
        assertThat(wal.records).hasSize(2);
        sequences.nextValues(SEQUENCE, "s", ASCENDING);
        assertThat(wal.records).hasSize(3);
        assertThat(wal.flushed).isEqualTo(wal.records.getLast().endLsn());
    }

    @Test
    void aCheckpointMakesTheNextCallLogAgain() {
        SequenceAccessMethod sequences = open(primary, wal);
        sequences.initialize(SEQUENCE, 1, false);
        sequences.nextValues(SEQUENCE, "s", ASCENDING);
        wal.redo = wal.nextLsn.get();
        sequences.nextValues(SEQUENCE, "s", ASCENDING);
        assertThat(wal.records).hasSize(3);
    }

    @Test
    void cacheTakesSeveralValuesAndBoundsStopOrCycle() {
        SequenceAccessMethod sequences = open(primary, wal);
        sequences.initialize(SEQUENCE, 1, false);
        var cached = new SequenceAccess.Parameters(1, 1, 3, 10, false);
        assertThat(sequences.nextValues(SEQUENCE, "s", cached)).isEqualTo(new SequenceAccess.Fetched(1, 3));
        assertThatThrownBy(() -> sequences.nextValues(SEQUENCE, "s", cached))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo(SqlState.SEQUENCE_GENERATOR_LIMIT_EXCEEDED);
                    assertThat(e.getMessage()).isEqualTo("nextval: reached maximum value of sequence \"s\" (3)");
                });
        var cycling = new SequenceAccess.Parameters(1, 1, 3, 1, true);
        assertThat(sequences.nextValues(SEQUENCE, "s", cycling).first()).isEqualTo(1);
        var descending = new SequenceAccess.Parameters(-2, Long.MIN_VALUE, -1, 1, false);
        sequences.setValue(SEQUENCE, Long.MIN_VALUE + 3, true);
        assertThat(sequences.nextValues(SEQUENCE, "d", descending).first()).isEqualTo(Long.MIN_VALUE + 1);
        assertThatThrownBy(() -> sequences.nextValues(SEQUENCE, "d", descending))
                .hasMessage("nextval: reached minimum value of sequence \"d\" (" + Long.MIN_VALUE + ")");
    }

    @Test
    void redoAfterACrashNeverRepeatsAValueHandedOut() {
        SequenceAccessMethod sequences = open(primary, wal);
        sequences.initialize(SEQUENCE, 1, false);
        long last = 0;
        for (int i = 0; i < 50; i++) {
            last = sequences.nextValues(SEQUENCE, "s", ASCENDING).first();
        }
        // the crash: the primary's pages are lost, only the flushed WAL survives
        RecordingWal replayed = new RecordingWal();
        SequenceAccessMethod recovered = open(replica, replayed);
        for (RecordingWal.Logged logged : wal.records) {
            assertThat(logged.endLsn()).isLessThanOrEqualTo(wal.flushed);
            recovered.resourceManager().redo(logged.record(), logged.endLsn());
        }
        assertThat(recovered.nextValues(SEQUENCE, "s", ASCENDING).first()).isGreaterThan(last);
    }

    @Test
    void concurrentCallersGetDistinctValues() throws InterruptedException {
        SequenceAccessMethod sequences = open(primary, wal);
        sequences.initialize(SEQUENCE, 1, false);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 500; i++) {
                    seen.add(sequences.nextValues(SEQUENCE, "s", ASCENDING).first());
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(seen).hasSize(4000).contains(1L, 4000L);
    }
}
