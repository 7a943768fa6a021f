package org.woolly.utils.adt;

/**
 * What the sequence functions ask of the session: {@code nextval}, {@code currval},
 * {@code setval}, {@code lastval} with the session's sequence state ({@code SeqTable} and
 * {@code last_used_seq} in {@code sequence.c}). Sequences are named by OID (a {@code regclass}).
 */
public interface SequenceOperations {
    long nextval(int sequenceOid);

    long currval(int sequenceOid);

    long setval(int sequenceOid, long value, boolean isCalled);

    long lastval();

    /**
     * {@code pg_sequence_last_value}: the sequence's last value as its page holds it (given by any
     * session), or null before the first nextval or after setval(..., false).
     */
    Long lastValueIfCalled(int sequenceOid);

    /** {@code pg_get_serial_sequence(table, column)}: the qualified name of the owned sequence, or null. */
    String serialSequence(String table, String column);
}
