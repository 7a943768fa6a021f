package org.woolly.tcop.engine;

import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.Transaction;
import org.woolly.access.transam.TransactionManager;
import org.woolly.executor.ExecutorContext;
import org.woolly.protocol.TransactionStatus;
import org.woolly.utils.guc.SessionSettings;

/**
 * The transaction state of one session ({@code TBlockState} in {@code xact.c}, reduced to the
 * states the protocol shows): no transaction, an implicit transaction (one simple Query message
 * or one extended batch until Sync), an explicit block (BEGIN ... COMMIT), or a failed block
 * waiting for ROLLBACK.
 */
final class TransactionBlock {
    enum State { IDLE, IMPLICIT, IN_BLOCK, FAILED }

    private final TransactionManager manager;
    private final SessionSettings settings;
    /** Deadlock reports name the session's waits by this pid, as pg_backend_pid() shows it. */
    private final int backendPid;
    private State state = State.IDLE;
    private Transaction transaction;
    private long startTimestamp;
    private boolean repeatableRead;
    private Snapshot transactionSnapshot;

    TransactionBlock(TransactionManager manager, SessionSettings settings, int backendPid) {
        this.manager = manager;
        this.settings = settings;
        this.backendPid = backendPid;
    }

    State state() {
        return state;
    }

    TransactionStatus status() {
        return switch (state) {
            case IDLE, IMPLICIT -> TransactionStatus.IDLE;
            case IN_BLOCK -> TransactionStatus.IN_BLOCK;
            case FAILED -> TransactionStatus.FAILED;
        };
    }

    /** The current transaction, starting an implicit one when there is none. */
    Transaction ensure() {
        if (transaction == null) {
            transaction = manager.begin(backendPid);
            startTimestamp = ExecutorContext.nowMicros();
            repeatableRead = false;
            transactionSnapshot = null;
            settings.atTransactionStart();
            if (state == State.IDLE) {
                state = State.IMPLICIT;
            }
        }
        return transaction;
    }

    long startTimestamp() {
        return startTimestamp;
    }

    /** BEGIN: the current implicit transaction becomes an explicit block. */
    void begin(boolean repeatable) {
        ensure();
        state = State.IN_BLOCK;
        repeatableRead = repeatable;
    }

    /** The snapshot for the next statement: a new one per statement, or the transaction's first (REPEATABLE READ). */
    Snapshot statementSnapshot() {
        Transaction tx = ensure();
        if (!repeatableRead) {
            return tx.takeSnapshot();
        }
        if (transactionSnapshot == null) {
            transactionSnapshot = tx.takeSnapshot();
        }
        Snapshot base = transactionSnapshot;
        return new Snapshot(base.xmin(), base.xmax(), base.inProgress(), tx.xid(), tx.commandId());
    }

    boolean repeatableRead() {
        return repeatableRead;
    }

    void commit() {
        Transaction tx = transaction;
        transaction = null;
        state = State.IDLE;
        if (tx != null) {
            // synchronous_commit is per transaction: the value in force now, SET LOCAL included.
            boolean synchronous = !"off".equalsIgnoreCase(settings.getString("synchronous_commit"));
            try {
                manager.commit(tx, synchronous);
            } catch (RuntimeException error) {
                settings.atTransactionEnd(false);
                throw error;
            }
            settings.atTransactionEnd(true);
        }
    }

    void rollback() {
        Transaction tx = transaction;
        transaction = null;
        state = State.IDLE;
        if (tx != null) {
            try {
                manager.abort(tx);
            } finally {
                settings.atTransactionEnd(false);
            }
        }
    }

    /** After an error: an implicit transaction rolls back; an explicit block becomes FAILED. */
    void fail() {
        boolean inBlock = state == State.IN_BLOCK || state == State.FAILED;
        rollback();
        if (inBlock) {
            state = State.FAILED;
        }
    }

    boolean inExplicitBlock() {
        return state == State.IN_BLOCK;
    }
}
