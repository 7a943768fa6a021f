/**
 * Sequence storage: one page per sequence relation with {@code last_value}, {@code log_cnt} and
 * {@code is_called}, changed outside transactions and WAL-logged ahead of use, with its redo
 * (resource manager {@code SEQUENCE}). Counterpart of the storage half of
 * {@code src/backend/commands/sequence.c}. Entry point: {@link org.woolly.access.sequence.SequenceAccess}
 * ({@code SequenceAccess.of(storage)}); {@code SequenceAccessMethod.MODULE} registers it. Rules in README.md.
 */
package org.woolly.access.sequence;
