package org.woolly.access.transam;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.storage.ipc.PanicState;

/**
 * Segment recycling ({@code RemoveOldXlogFiles}): old segments renamed to future names up to
 * the limit, the rest deleted, and the WAL written over a recycled file read back exactly,
 * with the reader stopping where the stale bytes begin even when a stale record, CRC intact,
 * starts exactly where the next record would.
 */
class WalRecyclingTest {
    @TempDir
    Path directory;

    /** A record of exactly 4 kB, so records start at the same offsets in every segment. */
    private static WalRecord record(int n) {
        int overhead = WalRecordCodec.encode(new WalRecord(ResourceManagerIds.XLOG, 0x70, 0, List.of(), new byte[0]),
                0).length;
        byte[] data = new byte[4096 - overhead];
        java.util.Arrays.fill(data, (byte) n);
        return new WalRecord(ResourceManagerIds.XLOG, 0x70, 0, List.of(), data);
    }

    private List<Long> segmentFiles() throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> WalSegments.parseFileName(file.getFileName().toString())).sorted().toList();
        }
    }

    @Test
    void oldSegmentsAreRecycledUpToTheLimitAndTheReaderStopsAtTheirStaleBytes() throws Exception {
        int perSegment = WalSegments.SEGMENT_SIZE / 4096;
        assertThat(WalRecordCodec.encode(record(0), 0)).hasSize(4096);
        long redo;
        long end;
        try (WriteAheadLog wal = new WriteAheadLog(directory, WalSegments.FIRST_LSN, 0, false, true,
                new PanicState())) {
            // segments 1..4 full, a little of 5
            for (int i = 0; i < 4 * perSegment + 10; i++) {
                wal.insert(record(i));
            }
            wal.flushAll();
            assertThat(segmentFiles()).containsExactly(1L, 2L, 3L, 4L, 5L);

            // a checkpoint whose redo pointer is in segment 4 (record at its segment 5): 1..3 go,
            // two recycled to 6 and 7, the third deleted
            redo = WalSegments.segmentStart(4) + 4096;
            WriteAheadLog.SegmentCleanup cleanup = wal.removeOldSegments(4, wal.insertLsn(), 7, true);
            assertThat(cleanup).isEqualTo(new WriteAheadLog.SegmentCleanup(1, 2));
            assertThat(segmentFiles()).containsExactly(4L, 5L, 6L, 7L);
            assertThat(Files.size(WalSegments.path(directory, 6))).isEqualTo(WalSegments.SEGMENT_SIZE);

            // new WAL runs into the recycled segment 6 and stops a few records in
            for (int i = 0; i < perSegment + 5; i++) {
                wal.insert(record(1000 + i));
            }
            wal.flushAll();
            end = wal.insertLsn();
            assertThat(WalSegments.segmentOf(end)).isEqualTo(6);
        }

        // recovery's read from the redo pointer returns the new records only
        int read = 0;
        try (WalReader reader = new WalReader(directory, redo)) {
            while (reader.next() != null) {
                read++;
            }
            assertThat(reader.endOfValidWal()).isEqualTo(end);
        }
        assertThat(read).isEqualTo((int) ((end - redo) / 4096));

        // recycling off (wal_recycle = off): everything old is deleted
        try (WriteAheadLog wal = new WriteAheadLog(directory, end, end - 4096, false, true, new PanicState())) {
            assertThat(wal.removeOldSegments(6, end, 9, false)).isEqualTo(new WriteAheadLog.SegmentCleanup(2, 0));
            assertThat(segmentFiles()).containsExactly(6L);
        }
    }
}
