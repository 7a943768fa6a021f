package org.woolly.nodes.query;

import org.woolly.utils.adt.FormatSettings;

/**
 * What a function needs from the running statement while it evaluates: the session's format
 * settings, who is running it, timestamps and a cancel check. The executor implements it.
 * Counterpart of the fields of {@code ExprContext}/{@code EState} functions read.
 */
public interface EvaluationContext {
    FormatSettings formatSettings();

    String currentUser();

    String sessionUser();

    String currentDatabase();

    String currentSchema();

    /** Start of the current transaction, microseconds since 2000-01-01 UTC. */
    long transactionTimestamp();

    /** Start of the current statement, microseconds since 2000-01-01 UTC. */
    long statementTimestamp();

    int backendPid();

    /** Throws 57014 when the statement was cancelled or ran past statement_timeout. */
    void checkForInterrupts();
}
