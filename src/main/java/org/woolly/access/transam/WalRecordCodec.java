package org.woolly.access.transam;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.woolly.storage.smgr.ForkNumber;
import org.woolly.storage.smgr.RelFileLocator;

/**
 * The on-disk encoding of one WAL record (see README.md): a fixed header (total length, XID,
 * previous record's LSN, info, resource manager id, CRC32C), block references, main data.
 * The CRC covers the payload first and the header last, so the payload's part is computed by
 * {@link #prepare} before the insert lock and only the header (with the previous-record pointer,
 * known only under the lock) is added by {@link Prepared#link} under it, as PostgreSQL computes
 * {@code xl_crc} in {@code XLogRecordAssemble} and finishes it in {@code XLogInsertRecord}.
 * Counterpart of {@code XLogRecordAssemble} ({@code xloginsert.c}) and
 * {@code DecodeXLogRecord} ({@code xlogreader.c}). Big-endian throughout.
 */
public final class WalRecordCodec {
    public static final int PAGE_SIZE = 8192;
    public static final int HEADER_SIZE = 28;
    /** Sanity limit: a length above this is garbage, i.e. the end of valid WAL. */
    public static final int MAX_RECORD_SIZE = 64 * 1024 * 1024;

    static final int OFFSET_TOTAL_LENGTH = 0;
    static final int OFFSET_XID = 4;
    static final int OFFSET_PREVIOUS_LSN = 12;
    static final int OFFSET_INFO = 20;
    static final int OFFSET_RESOURCE_MANAGER = 21;
    static final int OFFSET_CRC = 24;

    static final int BLOCK_HAS_IMAGE = 0x01;
    static final int BLOCK_WILL_INIT = 0x02;
    static final int BLOCK_HAS_DATA = 0x04;

    private WalRecordCodec() {}

    /**
     * A record encoded but not yet linked: its bytes with the previous-record pointer and CRC
     * still to fill in, and the CRC so far (over the payload).
     */
    static final class Prepared {
        final byte[] bytes;
        private final CRC32C crc;

        private Prepared(byte[] bytes, CRC32C crc) {
            this.bytes = bytes;
            this.crc = crc;
        }

        int length() {
            return bytes.length;
        }

        /** Chains the record after the one starting at {@code previousLsn} and finishes the CRC (the insert lock's part). */
        void link(long previousLsn) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            buffer.putLong(OFFSET_PREVIOUS_LSN, previousLsn);
            crc.update(bytes, 0, OFFSET_CRC);
            buffer.putInt(OFFSET_CRC, (int) crc.getValue());
        }
    }

    /** Encodes {@code record} as it will be written after a record starting at {@code previousLsn}. */
    public static byte[] encode(WalRecord record, long previousLsn) {
        Prepared prepared = prepare(record);
        prepared.link(previousLsn);
        return prepared.bytes;
    }

    /** Encodes {@code record} and computes the CRC over its payload: the work done before the insert lock. */
    static Prepared prepare(WalRecord record) {
        int length = HEADER_SIZE + 2;
        for (BlockReference block : record.blocks()) {
            length += 18;
            if (block.pageImage() != null) {
                length += PAGE_SIZE;
            }
            if (block.data() != null) {
                length += 4 + block.data().length;
            }
        }
        byte[] mainData = record.mainData() == null ? new byte[0] : record.mainData();
        length += 4 + mainData.length;
        ByteBuffer buffer = ByteBuffer.allocate(length);
        buffer.putInt(length).putLong(record.xid()).putLong(0)
                .put((byte) record.info()).put((byte) record.resourceManager()).putShort((short) 0).putInt(0);
        buffer.putShort((short) record.blocks().size());
        for (BlockReference block : record.blocks()) {
            RelFileLocator relation = block.relation();
            buffer.putInt(relation.tablespaceOid()).putInt(relation.databaseOid()).putInt(relation.relNumber());
            buffer.put((byte) block.fork().ordinal()).putInt(block.blockNumber());
            int flags = (block.pageImage() != null ? BLOCK_HAS_IMAGE : 0) | (block.willInit() ? BLOCK_WILL_INIT : 0)
                    | (block.data() != null ? BLOCK_HAS_DATA : 0);
            buffer.put((byte) flags);
            if (block.pageImage() != null) {
                if (block.pageImage().length != PAGE_SIZE) {
                    throw new IllegalArgumentException("full-page image must be " + PAGE_SIZE + " bytes");
                }
                buffer.put(block.pageImage());
            }
            if (block.data() != null) {
                buffer.putInt(block.data().length).put(block.data());
            }
        }
        buffer.putInt(mainData.length).put(mainData);
        byte[] bytes = buffer.array();
        CRC32C crc = new CRC32C();
        crc.update(bytes, HEADER_SIZE, bytes.length - HEADER_SIZE);
        return new Prepared(bytes, crc);
    }

    /** CRC32C over the payload (after the header), then the header up to the CRC field. */
    static int crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, HEADER_SIZE, bytes.length - HEADER_SIZE);
        crc.update(bytes, 0, OFFSET_CRC);
        return (int) crc.getValue();
    }

    static int totalLength(byte[] header) {
        return ByteBuffer.wrap(header).getInt(OFFSET_TOTAL_LENGTH);
    }

    static long previousLsn(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong(OFFSET_PREVIOUS_LSN);
    }

    static boolean crcMatches(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getInt(OFFSET_CRC) == crc(bytes);
    }

    /** Decodes a complete record whose CRC has been checked. */
    public static WalRecord decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long xid = buffer.getLong(OFFSET_XID);
        int info = buffer.get(OFFSET_INFO) & 0xFF;
        int resourceManager = buffer.get(OFFSET_RESOURCE_MANAGER) & 0xFF;
        buffer.position(HEADER_SIZE);
        int blockCount = buffer.getShort() & 0xFFFF;
        List<BlockReference> blocks = new ArrayList<>(blockCount);
        ForkNumber[] forks = ForkNumber.values();
        for (int i = 0; i < blockCount; i++) {
            RelFileLocator relation = new RelFileLocator(buffer.getInt(), buffer.getInt(), buffer.getInt());
            ForkNumber fork = forks[buffer.get()];
            int blockNumber = buffer.getInt();
            int flags = buffer.get();
            byte[] image = null;
            if ((flags & BLOCK_HAS_IMAGE) != 0) {
                image = new byte[PAGE_SIZE];
                buffer.get(image);
            }
            byte[] data = null;
            if ((flags & BLOCK_HAS_DATA) != 0) {
                data = new byte[buffer.getInt()];
                buffer.get(data);
            }
            blocks.add(new BlockReference(relation, fork, blockNumber, (flags & BLOCK_WILL_INIT) != 0, image, data));
        }
        byte[] mainData = new byte[buffer.getInt()];
        buffer.get(mainData);
        return new WalRecord(resourceManager, info, xid, blocks, mainData);
    }
}
