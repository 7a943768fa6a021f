package org.woolly.access.sequence;

import org.woolly.access.transam.BlockReference;
import org.woolly.access.transam.ResourceManager;
import org.woolly.access.transam.ResourceManagerIds;
import org.woolly.access.transam.WalRecord;
import org.woolly.storage.buffer.Buffer;
import org.woolly.storage.buffer.BufferPool;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Redo of sequence records ({@code seq_redo} in {@code sequence.c}): the record holds the whole
 * state, so the page is formatted afresh with it; replaying a record twice is harmless.
 */
final class SequenceRedo implements ResourceManager {
    /** {@code XLOG_SEQ_LOG}. */
    static final int LOG = 0x00;

    private final BufferPool bufferPool;

    SequenceRedo(BufferPool bufferPool) {
        this.bufferPool = bufferPool;
    }

    @Override
    public int id() {
        return ResourceManagerIds.SEQUENCE;
    }

    @Override
    public String name() {
        return "Sequence";
    }

    @Override
    public void redo(WalRecord record, long endLsn) {
        if (record.info() != LOG) {
            throw new SqlException(SqlState.INTERNAL_ERROR, "seq_redo: unknown op code " + record.info());
        }
        BlockReference block = record.blocks().getFirst();
        Buffer buffer = bufferPool.readForRedo(block.relation(), block.fork(), block.blockNumber(), true);
        try {
            SequencePage.format(buffer.page(), SequencePage.decode(block.data(), 0));
            buffer.page().setLsn(endLsn);
            bufferPool.markDirty(buffer);
        } finally {
            bufferPool.unlockAndRelease(buffer);
        }
    }

    @Override
    public String describe(WalRecord record) {
        BlockReference block = record.blocks().getFirst();
        SequenceAccess.State state = SequencePage.decode(block.data(), 0);
        return "LOG rel " + block.relation().tablespaceOid() + "/" + block.relation().databaseOid() + "/"
                + block.relation().relNumber() + " last_value " + state.lastValue() + " is_called " + state.isCalled();
    }
}
