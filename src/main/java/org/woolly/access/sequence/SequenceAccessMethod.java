package org.woolly.access.sequence;

import java.util.List;
import org.woolly.access.transam.AccessMethodRegistry;
import org.woolly.access.transam.BlockReference;
import org.woolly.access.transam.ResourceManager;
import org.woolly.access.transam.ResourceManagerIds;
import org.woolly.access.transam.StorageModule;
import org.woolly.access.transam.Wal;
import org.woolly.access.transam.WalRecord;
import org.woolly.storage.buffer.Buffer;
import org.woolly.storage.buffer.BufferPool;
import org.woolly.storage.buffer.CriticalSection;
import org.woolly.storage.page.Page;
import org.woolly.storage.smgr.ForkNumber;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Sequence storage over the buffer pool ({@code nextval_internal}, {@code do_setval} and
 * {@code fill_seq_with_data} of {@code src/backend/commands/sequence.c}). The page's exclusive
 * content lock is the per-sequence lock: no heavyweight lock is taken per call. Every WAL record
 * carries the whole state to be redone, so redo rewrites the page from scratch and needs no
 * full-page image. See README.md for the log-ahead rule.
 */
public final class SequenceAccessMethod implements SequenceAccess {
    /** Values logged ahead of the ones handed out ({@code SEQ_LOG_VALS}). */
    public static final int LOG_AHEAD = 32;

    /** Registers the sequence storage and its redo under {@code ResourceManagerIds.SEQUENCE}. */
    public static final StorageModule MODULE = context -> {
        SequenceAccessMethod sequences = new SequenceAccessMethod(context.bufferPool(), context.wal());
        context.resourceManagers().register(sequences.resourceManager());
        context.accessMethods().register(NAME, AccessMethodRegistry.Kind.TABLE, sequences);
    };

    private final BufferPool bufferPool;
    private final Wal wal;
    private final SequenceRedo redo;

    public SequenceAccessMethod(BufferPool bufferPool, Wal wal) {
        this.bufferPool = bufferPool;
        this.wal = wal;
        this.redo = new SequenceRedo(bufferPool);
    }

    /** The redo recovery calls for records with {@code ResourceManagerIds.SEQUENCE}. */
    public ResourceManager resourceManager() {
        return redo;
    }

    @Override
    public void initialize(RelFileLocator relation, long lastValue, boolean isCalled) {
        Buffer buffer = bufferPool.blockCount(relation, ForkNumber.MAIN) == 0
                ? bufferPool.extend(relation, ForkNumber.MAIN) : lockedPage(relation);
        writeLogged(relation, buffer, new SequenceAccess.State(lastValue, 0, isCalled), true);
    }

    @Override
    public Fetched nextValues(RelFileLocator relation, String sequenceName, Parameters parameters) {
        Buffer buffer = lockedPage(relation);
        long durableAt;
        Fetched fetched;
        try {
            Page page = buffer.page();
            SequenceAccess.State state = SequencePage.read(page);
            long increment = parameters.increment();
            long next = state.lastValue();
            long last = next;
            long first = next;
            long cache = parameters.cache();
            long fetch = cache;
            long log = state.logCount();
            long taken = 0;
            if (!state.isCalled()) {
                taken++;
                fetch--;
            }
            boolean logIt = false;
            if (log < fetch || !state.isCalled() || page.lsn() <= wal.redoPointer()) {
                // nothing logged covers these values, or a checkpoint came since: a crash now would
                // replay from after the checkpoint, so log ahead again
                fetch = log = fetch + LOG_AHEAD;
                logIt = true;
            }
            while (fetch > 0) {
                if (increment > 0) {
                    if (passesMaximum(next, increment, parameters.maxValue())) {
                        if (taken > 0) {
                            break;
                        }
                        if (!parameters.cycle()) {
                            throw SqlException.of(SqlState.SEQUENCE_GENERATOR_LIMIT_EXCEEDED,
                                    "nextval: reached maximum value of sequence \"%s\" (%d)", sequenceName,
                                    parameters.maxValue());
                        }
                        next = parameters.minValue();
                    } else {
                        next += increment;
                    }
                } else if (passesMinimum(next, increment, parameters.minValue())) {
                    if (taken > 0) {
                        break;
                    }
                    if (!parameters.cycle()) {
                        throw SqlException.of(SqlState.SEQUENCE_GENERATOR_LIMIT_EXCEEDED,
                                "nextval: reached minimum value of sequence \"%s\" (%d)", sequenceName,
                                parameters.minValue());
                    }
                    next = parameters.maxValue();
                } else {
                    next += increment;
                }
                fetch--;
                if (taken < cache) {
                    log--;
                    taken++;
                    last = next;
                    if (taken == 1) {
                        first = next;
                    }
                }
            }
            log -= fetch;
            SequenceAccess.State logged = new SequenceAccess.State(next, 0, true);
            SequenceAccess.State result = new SequenceAccess.State(last, log, true);
            boolean writeRecord = logIt;
            durableAt = CriticalSection.run(bufferPool.panicState(), "nextval", () -> {
                if (writeRecord) {
                    page.setLsn(wal.insert(record(relation, logged)));
                }
                SequencePage.write(page, result);
                bufferPool.markDirty(buffer);
                return page.lsn();
            });
            fetched = new Fetched(first, last);
        } finally {
            bufferPool.unlockAndRelease(buffer);
        }
        // the value may be covered by a record another backend logged and has not flushed yet
        wal.flush(durableAt);
        return fetched;
    }

    @Override
    public void setValue(RelFileLocator relation, long value, boolean isCalled) {
        Buffer buffer = lockedPage(relation);
        writeLogged(relation, buffer, new SequenceAccess.State(value, 0, isCalled), false);
    }

    /** Sets the page to {@code state} with a record of it, releases the page, flushes the record. */
    private void writeLogged(RelFileLocator relation, Buffer buffer, SequenceAccess.State state, boolean format) {
        long lsn;
        try {
            Page page = buffer.page();
            if (!format) {
                SequencePage.read(page);
            }
            lsn = CriticalSection.run(bufferPool.panicState(), "sequence write", () -> {
                long end = wal.insert(record(relation, state));
                if (format) {
                    SequencePage.format(page, state);
                } else {
                    SequencePage.write(page, state);
                }
                page.setLsn(end);
                bufferPool.markDirty(buffer);
                return end;
            });
        } finally {
            bufferPool.unlockAndRelease(buffer);
        }
        wal.flush(lsn);
    }

    @Override
    public SequenceAccess.State read(RelFileLocator relation) {
        Buffer buffer = bufferPool.read(relation, 0);
        buffer.lockShared();
        try {
            return SequencePage.read(buffer.page());
        } finally {
            bufferPool.unlockAndRelease(buffer);
        }
    }

    /** Whether one more step passes the maximum, written as PostgreSQL does so nothing overflows. */
    private static boolean passesMaximum(long next, long increment, long maximum) {
        return maximum >= 0 ? next > maximum - increment : next + increment > maximum;
    }

    private static boolean passesMinimum(long next, long increment, long minimum) {
        return minimum < 0 ? next < minimum - increment : next + increment < minimum;
    }

    private Buffer lockedPage(RelFileLocator relation) {
        Buffer buffer = bufferPool.read(relation, 0);
        buffer.lockExclusive();
        return buffer;
    }

    /** {@code XLOG_SEQ_LOG}: the whole state of the page, redone by formatting it afresh. */
    static WalRecord record(RelFileLocator relation, SequenceAccess.State state) {
        return new WalRecord(ResourceManagerIds.SEQUENCE, SequenceRedo.LOG, 0,
                List.of(new BlockReference(relation, ForkNumber.MAIN, 0, true, null, SequencePage.encode(state))),
                new byte[0]);
    }
}
