package org.woolly.access.transam;

import java.util.List;

/**
 * A WAL record as its producer builds it and redo reads it back: which resource manager owns
 * it, an info byte that the resource manager interprets, the XID that wrote it (0 if none),
 * the blocks it touches, and resource-manager-specific main data. The on-disk encoding (with
 * length, previous-record LSN and CRC32C) is {@code WalRecordCodec}'s, described in this
 * package's README.md. Counterpart of {@code XLogRecord} and {@code DecodedXLogRecord}.
 */
public record WalRecord(int resourceManager, int info, long xid, List<BlockReference> blocks, byte[] mainData) {
    public WalRecord {
        blocks = List.copyOf(blocks);
    }
}
