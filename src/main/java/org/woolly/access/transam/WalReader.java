package org.woolly.access.transam;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads WAL records in order from a start LSN, across segment boundaries, and stops at the end
 * of valid WAL: a length that cannot be right, a record cut short (missing or short segment),
 * a CRC mismatch, or a previous-record pointer that does not point at the record before (stale
 * bytes from an older write). After a crash that is where the WAL ends.
 * Counterpart of {@code XLogReadRecord} in {@code src/backend/access/transam/xlogreader.c}.
 */
public final class WalReader implements AutoCloseable {

    /** A record read back: where it starts, where it ends (next record's LSN), and its content. */
    public record ReadRecord(long lsn, long endLsn, WalRecord record) {}

    private final Path walDirectory;
    private long nextLsn;
    private long previousLsn;
    private boolean checkPrevious;
    private long openSegment = -1;
    private FileChannel channel;

    /** Starts at {@code startLsn}, which must be the start of a record. */
    public WalReader(Path walDirectory, long startLsn) {
        this.walDirectory = walDirectory;
        this.nextLsn = startLsn;
    }

    /** The next valid record, or null at the end of valid WAL. */
    public ReadRecord next() {
        byte[] header = read(nextLsn, WalRecordCodec.HEADER_SIZE);
        if (header == null) {
            return null;
        }
        int length = WalRecordCodec.totalLength(header);
        if (length < WalRecordCodec.HEADER_SIZE + 6 || length > WalRecordCodec.MAX_RECORD_SIZE) {
            return null;
        }
        byte[] bytes = read(nextLsn, length);
        if (bytes == null || !WalRecordCodec.crcMatches(bytes)) {
            return null;
        }
        if (checkPrevious && WalRecordCodec.previousLsn(bytes) != previousLsn) {
            return null;
        }
        ReadRecord result = new ReadRecord(nextLsn, nextLsn + length, WalRecordCodec.decode(bytes));
        previousLsn = nextLsn;
        checkPrevious = true;
        nextLsn += length;
        return result;
    }

    /** Where the next record would start: after {@link #next} returned null, the end of valid WAL. */
    public long endOfValidWal() {
        return nextLsn;
    }

    /** The start of the last record returned (0 if none). */
    public long lastRecordLsn() {
        return checkPrevious ? previousLsn : WalSegments.INVALID_LSN;
    }

    private byte[] read(long lsn, int length) {
        byte[] result = new byte[length];
        int done = 0;
        try {
            while (done < length) {
                long position = lsn + done;
                long segment = WalSegments.segmentOf(position);
                if (!openSegment(segment)) {
                    return null;
                }
                long offset = position - WalSegments.segmentStart(segment);
                int chunk = (int) Math.min(length - done, WalSegments.SEGMENT_SIZE - offset);
                ByteBuffer buffer = ByteBuffer.wrap(result, done, chunk);
                while (buffer.hasRemaining()) {
                    int read = channel.read(buffer, offset + (chunk - buffer.remaining()));
                    if (read < 0) {
                        return null;
                    }
                }
                done += chunk;
            }
        } catch (IOException e) {
            throw WriteAheadLog.ioError("could not read WAL at " + WalSegments.format(lsn), e);
        }
        return result;
    }

    private boolean openSegment(long segment) throws IOException {
        if (segment == openSegment) {
            return true;
        }
        close();
        Path path = WalSegments.path(walDirectory, segment);
        if (!Files.exists(path)) {
            return false;
        }
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return false;
        }
        openSegment = segment;
        return true;
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                throw WriteAheadLog.ioError("could not close WAL segment", e);
            }
            channel = null;
            openSegment = -1;
        }
    }
}
