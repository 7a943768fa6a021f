package org.woolly.access.transam;

import org.woolly.storage.ipc.PanicState;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.storage.smgr.ForkNumber;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import java.util.zip.CRC32C;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WriteAheadLogTest {
    @TempDir
    Path directory;

    private static final RelFileLocator RELATION = new RelFileLocator(1663, 5, 16384);

    private static WalRecord sample(int n) {
        byte[] image = new byte[WalRecordCodec.PAGE_SIZE];
        Arrays.fill(image, (byte) n);
        List<BlockReference> blocks = List.of(
                new BlockReference(RELATION, ForkNumber.MAIN, n, false, null, new byte[] {1, 2, (byte) n}),
                new BlockReference(RELATION, ForkNumber.FSM, 7, true, image, null));
        return new WalRecord(ResourceManagerIds.HEAP, 0x10, 1000 + n, blocks, ("record " + n).getBytes());
    }

    private static void assertSame(WalRecord actual, WalRecord expected) {
        assertThat(actual.resourceManager()).isEqualTo(expected.resourceManager());
        assertThat(actual.info()).isEqualTo(expected.info());
        assertThat(actual.xid()).isEqualTo(expected.xid());
        assertThat(actual.mainData()).isEqualTo(expected.mainData());
        assertThat(actual.blocks()).hasSameSizeAs(expected.blocks());
        for (int i = 0; i < actual.blocks().size(); i++) {
            BlockReference a = actual.blocks().get(i);
            BlockReference e = expected.blocks().get(i);
            assertThat(a.relation()).isEqualTo(e.relation());
            assertThat(a.fork()).isEqualTo(e.fork());
            assertThat(a.blockNumber()).isEqualTo(e.blockNumber());
            assertThat(a.willInit()).isEqualTo(e.willInit());
            assertThat(a.pageImage()).isEqualTo(e.pageImage());
            assertThat(a.data()).isEqualTo(e.data());
        }
    }

    @Test
    void segmentNamesFollowPostgres() {
        assertThat(WalSegments.fileName(1)).isEqualTo("000000010000000000000001");
        assertThat(WalSegments.fileName(256 + 0x2A)).isEqualTo("00000001000000010000002A");
        assertThat(WalSegments.parseFileName("00000001000000010000002A")).isEqualTo(256 + 0x2A);
        assertThat(WalSegments.format(0x1_0000_00A0L)).isEqualTo("1/A0");
    }

    @Test
    void codecRoundTripsAndChecksCrc() {
        WalRecord record = sample(3);
        byte[] bytes = WalRecordCodec.encode(record, 12345);
        assertThat(WalRecordCodec.crcMatches(bytes)).isTrue();
        assertThat(WalRecordCodec.previousLsn(bytes)).isEqualTo(12345);
        assertSame(WalRecordCodec.decode(bytes), record);
        bytes[bytes.length - 3] ^= 0x40;
        assertThat(WalRecordCodec.crcMatches(bytes)).isFalse();
    }

    @Test
    void readerReturnsWrittenRecordsAndStopsAtCorruption() throws Exception {
        List<Long> starts = new ArrayList<>();
        try (WriteAheadLog wal = new WriteAheadLog(directory, WalSegments.FIRST_LSN, 0, true, true, new PanicState())) {
            for (int i = 0; i < 5; i++) {
                starts.add(wal.insertLsn());
                wal.insert(sample(i));
            }
        }
        try (WalReader reader = new WalReader(directory, WalSegments.FIRST_LSN)) {
            for (int i = 0; i < 5; i++) {
                WalReader.ReadRecord read = reader.next();
                assertThat(read.lsn()).isEqualTo(starts.get(i));
                assertSame(read.record(), sample(i));
            }
            assertThat(reader.next()).isNull();
        }
        // Corrupt one byte inside the fourth record: the reader must stop right before it.
        Path segment = WalSegments.path(directory, 1);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            long position = starts.get(3) - WalSegments.FIRST_LSN + 100;
            file.seek(position);
            int value = file.read();
            file.seek(position);
            file.write(value ^ 0xFF);
        }
        try (WalReader reader = new WalReader(directory, WalSegments.FIRST_LSN)) {
            int count = 0;
            while (reader.next() != null) {
                count++;
            }
            assertThat(count).isEqualTo(3);
            assertThat(reader.endOfValidWal()).isEqualTo(starts.get(3));
            assertThat(reader.lastRecordLsn()).isEqualTo(starts.get(2));
        }
        // Reopening at the end of valid WAL cuts the torn tail; new records chain on cleanly.
        try (WriteAheadLog wal = new WriteAheadLog(directory, starts.get(3), starts.get(2), true, true, new PanicState())) {
            wal.insert(sample(9));
        }
        try (WalReader reader = new WalReader(directory, WalSegments.FIRST_LSN)) {
            List<WalRecord> records = new ArrayList<>();
            WalReader.ReadRecord read;
            while ((read = reader.next()) != null) {
                records.add(read.record());
            }
            assertThat(records).hasSize(4);
            assertSame(records.get(3), sample(9));
        }
    }

    @Test
    void recordsSpanSegmentBoundaries() {
        byte[] big = new byte[3 * 1024 * 1024];
        long end;
        try (WriteAheadLog wal = new WriteAheadLog(directory, WalSegments.FIRST_LSN, 0, false, true, new PanicState())) {
            for (int i = 0; i < 7; i++) {
                Arrays.fill(big, (byte) i);
                wal.insert(new WalRecord(ResourceManagerIds.HEAP, 0, i, List.of(), big));
            }
            end = wal.insertLsn();
        }
        assertThat(WalSegments.segmentOf(end)).isEqualTo(2);
        assertThat(Files.exists(WalSegments.path(directory, 2))).isTrue();
        try (WalReader reader = new WalReader(directory, WalSegments.FIRST_LSN)) {
            for (int i = 0; i < 7; i++) {
                WalReader.ReadRecord read = reader.next();
                assertThat(read.record().xid()).isEqualTo(i);
                assertThat(read.record().mainData()).containsOnly((byte) i);
            }
            assertThat(reader.next()).isNull();
            assertThat(reader.endOfValidWal()).isEqualTo(end);
        }
    }

    @Test
    void concurrentFlushesShareFsyncs() throws Exception {
        int threads = 32;
        int perThread = 20;
        try (WriteAheadLog wal = new WriteAheadLog(directory, WalSegments.FIRST_LSN, 0, true, true, new PanicState());
             var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(executor.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        long end = wal.insert(new WalRecord(ResourceManagerIds.TRANSACTION, 0, thread, List.of(),
                                new byte[16]));
                        wal.flush(end);
                        assertThat(wal.flushedLsn()).isGreaterThanOrEqualTo(end);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            assertThat(wal.fsyncCount()).isLessThan(threads * perThread);
            assertThat(wal.fsyncCount()).isPositive();
        }
        try (WalReader reader = new WalReader(directory, WalSegments.FIRST_LSN)) {
            int count = 0;
            while (reader.next() != null) {
                count++;
            }
            assertThat(count).isEqualTo(threads * perThread);
        }
    }

    @Test
    void fullPageImagesNeededOnlyForPagesUnchangedSinceRedoPointer() {
        try (WriteAheadLog wal = new WriteAheadLog(directory, WalSegments.FIRST_LSN, 0, false, true, new PanicState())) {
            wal.setRedoPointer(WalSegments.FIRST_LSN + 500);
            assertThat(wal.needsFullPageImage(WalSegments.FIRST_LSN + 100, wal.redoPointer())).isTrue();
            assertThat(wal.needsFullPageImage(WalSegments.FIRST_LSN + 900, wal.redoPointer())).isFalse();
        }
        try (WriteAheadLog wal = new WriteAheadLog(directory, WalSegments.FIRST_LSN, 0, false, false, new PanicState())) {
            wal.setRedoPointer(WalSegments.FIRST_LSN + 500);
            assertThat(wal.needsFullPageImage(WalSegments.FIRST_LSN + 100, wal.redoPointer())).isFalse();
        }
    }

    @Test
    void recordBuiltAgainstAnOldRedoPointerIsRefusedForRebuilding() {
        try (WriteAheadLog wal = new WriteAheadLog(directory, WalSegments.FIRST_LSN, 0, false, true, new PanicState())) {
            WalRecord record = new WalRecord(ResourceManagerIds.XLOG, TransactionRecords.XLOG_NEXTOID, 0, List.of(),
                    new byte[8]);
            long seen = wal.redoPointer();
            wal.insert(record);
            long redo = wal.beginCheckpoint();
            assertThat(redo).isGreaterThan(seen);
            // a checkpoint moved the redo pointer after the caller chose its full-page images: rebuild
            assertThat(wal.insert(record, seen)).isEqualTo(Wal.RETRY);
            assertThat(wal.insertLsn()).isEqualTo(redo);
            assertThat(wal.insert(record, wal.redoPointer())).isGreaterThan(redo);
        }
    }

    @Test
    void crcCoversPayloadFirstAndHeaderLastSoOnlyTheHeaderIsLeftForTheInsertLock() {
        WalRecord record = sample(4);
        WalRecordCodec.Prepared prepared = WalRecordCodec.prepare(record);
        prepared.link(777);
        byte[] bytes = prepared.bytes;
        assertThat(bytes).isEqualTo(WalRecordCodec.encode(record, 777));
        CRC32C expected = new CRC32C();
        expected.update(bytes, WalRecordCodec.HEADER_SIZE, bytes.length - WalRecordCodec.HEADER_SIZE);
        expected.update(bytes, 0, WalRecordCodec.OFFSET_CRC);
        assertThat(java.nio.ByteBuffer.wrap(bytes).getInt(WalRecordCodec.OFFSET_CRC)).isEqualTo((int) expected.getValue());
        assertThat(WalRecordCodec.crcMatches(bytes)).isTrue();
        assertThat(WalRecordCodec.previousLsn(bytes)).isEqualTo(777);
        assertSame(WalRecordCodec.decode(bytes), record);
        // The previous-record pointer, filled in under the lock, is covered too.
        bytes[WalRecordCodec.OFFSET_PREVIOUS_LSN + 7] ^= 1;
        assertThat(WalRecordCodec.crcMatches(bytes)).isFalse();
    }

    private static WalRecord small(int n) {
        return new WalRecord(ResourceManagerIds.TRANSACTION, 0, n, List.of(), ("commit " + n).getBytes());
    }

    private static List<Long> xidsOnDisk(Path directory) {
        List<Long> xids = new ArrayList<>();
        try (WalReader reader = new WalReader(directory, WalSegments.FIRST_LSN)) {
            WalReader.ReadRecord read;
            while ((read = reader.next()) != null) {
                xids.add(read.record().xid());
            }
        }
        return xids;
    }

    private void assertNothingAcknowledgedAfterPanic(boolean failFsync) {
        PanicState panicState = new PanicState();
        FaultyFiles files = new FaultyFiles();
        WriteAheadLog wal = new WriteAheadLog(directory, WalSegments.FIRST_LSN, 0, true, true, 64 * 1024, panicState,
                files);
        List<Long> acknowledged = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            wal.flush(wal.insert(small(i)));
            acknowledged.add((long) i);
        }
        long flushed = wal.flushedLsn();
        (failFsync ? files.failForces : files.failWrites).set(true);
        long lost = wal.insert(small(10));
        assertThatThrownBy(() -> wal.flush(lost)).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.severity()).isEqualTo(Severity.PANIC));
        assertThat(panicState.panicked()).isTrue();
        assertThat(wal.flushedLsn()).isEqualTo(flushed);
        // The disk works again: still no flush returns and no insert is taken, so no commit is acknowledged.
        files.failWrites.set(false);
        files.failForces.set(false);
        assertThatThrownBy(() -> wal.flush(lost)).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.severity()).isEqualTo(Severity.PANIC));
        assertThatThrownBy(() -> wal.insert(small(11))).isInstanceOf(SqlException.class);
        assertThat(wal.flushedLsn()).isEqualTo(flushed);
        wal.closeWithoutFlush();
        assertThat(xidsOnDisk(directory)).startsWith(acknowledged.toArray(Long[]::new)).doesNotContain(11L);
    }

    @Test
    void failedWalWriteIsPanicAndNoLaterCommitIsAcknowledged() {
        assertNothingAcknowledgedAfterPanic(false);
    }

    @Test
    void failedWalFsyncIsPanicAndNoLaterCommitIsAcknowledged() {
        assertNothingAcknowledgedAfterPanic(true);
    }

    @Test
    void committerWaitingBehindAFailedFlushGetsThePanic() throws Exception {
        PanicState panicState = new PanicState();
        FaultyFiles files = new FaultyFiles();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            WriteAheadLog wal = new WriteAheadLog(directory, WalSegments.FIRST_LSN, 0, true, true, 64 * 1024,
                    panicState, files);
            files.failForces.set(true);
            List<Future<?>> committers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int n = t;
                committers.add(executor.submit(() -> wal.flush(wal.insert(small(n)))));
            }
            for (Future<?> committer : committers) {
                assertThatThrownBy(committer::get).hasCauseInstanceOf(SqlException.class);
            }
            assertThat(wal.flushedLsn()).isEqualTo(WalSegments.FIRST_LSN);
            wal.closeWithoutFlush();
        }
    }

    @Test
    void walBufferSizeFollowsWalBuffers() {
        assertThat(WriteAheadLog.bufferBytes(-1, 16384)).isEqualTo(4 * 1024 * 1024);
        assertThat(WriteAheadLog.bufferBytes(-1, 16)).isEqualTo(64 * 1024);
        assertThat(WriteAheadLog.bufferBytes(-1, 1 << 24)).isEqualTo(WalSegments.SEGMENT_SIZE);
        assertThat(WriteAheadLog.bufferBytes(2, 16384)).isEqualTo(32 * 1024);
        assertThat(WriteAheadLog.bufferBytes(100, 16384)).isEqualTo(100 * 8192);
    }

    @Test
    void walBufferStaysAtItsBoundThroughRecordsLargerThanIt() {
        int capacity = 64 * 1024;
        List<byte[]> payloads = new ArrayList<>();
        java.util.Random random = new java.util.Random(42);
        try (WriteAheadLog wal = new WriteAheadLog(directory, WalSegments.FIRST_LSN, 0, false, true, capacity,
                new PanicState())) {
            for (int i = 0; i < 400; i++) {
                // mostly small records, now and then one of 200 kB or 3 MB (more than the whole buffer)
                int size = i % 97 == 5 ? 3 * 1024 * 1024 : i % 13 == 0 ? 200 * 1024 : random.nextInt(6000);
                byte[] payload = new byte[size];
                random.nextBytes(payload);
                payloads.add(payload);
                long end = wal.insert(new WalRecord(ResourceManagerIds.HEAP, 0, i, List.of(), payload));
                if (i % 7 == 0) {
                    wal.flush(end);
                }
                assertThat(wal.bufferCapacity()).isEqualTo(capacity);
            }
        }
        try (WalReader reader = new WalReader(directory, WalSegments.FIRST_LSN)) {
            for (int i = 0; i < payloads.size(); i++) {
                WalReader.ReadRecord read = reader.next();
                assertThat(read).isNotNull();
                assertThat(read.record().xid()).isEqualTo(i);
                assertThat(read.record().mainData()).isEqualTo(payloads.get(i));
            }
            assertThat(reader.next()).isNull();
        }
    }
}
