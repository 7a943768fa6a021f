package org.woolly.access.sequence;

import org.woolly.access.transam.StorageServices;
import org.woolly.storage.smgr.RelFileLocator;

/**
 * Sequence relations: one page per sequence holding {@code last_value}, {@code log_cnt} and
 * {@code is_called}, changed outside transactions (a rollback never gives values back) and
 * WAL-logged {@link SequenceAccessMethod#LOG_AHEAD} values ahead. Counterpart of
 * {@code src/backend/commands/sequence.c}'s storage half ({@code nextval_internal},
 * {@code do_setval}, {@code fill_seq_with_data}, {@code seq_redo}). Thread-safe.
 */
public interface SequenceAccess {
    /** The sequence storage's name in the access method registry. */
    String NAME = "sequence";

    /** The sequence storage registered in {@code storage} (by {@link SequenceAccessMethod#MODULE}). */
    static SequenceAccess of(StorageServices storage) {
        return storage.accessMethods().get(NAME, SequenceAccess.class);
    }

    /** The bounds and step of a sequence as {@code pg_sequence} holds them. */
    record Parameters(long increment, long minValue, long maxValue, long cache, boolean cycle) {}

    /** What the page holds: {@code SELECT last_value, log_cnt, is_called FROM seq}. */
    record State(long lastValue, long logCount, boolean isCalled) {}

    /** The values one {@link #nextValues} call took: {@code first} is returned, up to {@code last} cached by the session. */
    record Fetched(long first, long last) {}

    /**
     * Writes the first page of a new sequence (or of one restarted in place); the relation's file
     * already exists. WAL-logged and flushed before returning.
     */
    void initialize(RelFileLocator relation, long lastValue, boolean isCalled);

    /**
     * Takes up to {@code parameters.cache()} values ({@code nextval}): at least one, or 2200H
     * naming {@code sequenceName} when the bound is reached without CYCLE. The values handed out
     * are durable in the WAL before this returns, so none is handed out twice after a crash.
     */
    Fetched nextValues(RelFileLocator relation, String sequenceName, Parameters parameters);

    /** Sets the page ({@code setval}); the caller checked the value against the bounds. */
    void setValue(RelFileLocator relation, long value, boolean isCalled);

    /** Reads the page. */
    State read(RelFileLocator relation);
}
