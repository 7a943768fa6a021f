package org.woolly.access.heap;

import java.util.Arrays;
import java.util.function.LongPredicate;

import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.TransactionManager;
import org.woolly.access.transam.XidStatus;

/**
 * Tuple visibility rules with 64-bit XIDs: {@code HeapTupleSatisfiesMVCC} for readers and
 * {@code HeapTupleSatisfiesUpdate} for writers. Counterpart of
 * {@code src/backend/access/heap/heapam_visibility.c}. Looking up a transaction's fate sets hint
 * bits in the tuple's infomask, so the caller must hold at least a share lock on the page and
 * mark the buffer dirty (hint) when the infomask changed. A committed hint is set only once the
 * commit record is flushed ({@code SetHintBits}). A transaction that is neither
 * committed nor running after a crash is reported ABORTED by the transaction manager.
 */
final class HeapVisibility {

    /** What a writer may do with a tuple ({@code TM_Result}). */
    enum UpdateCheck {
        /** The tuple is live: go ahead. */
        OK,
        /** Not visible to this command at all ({@code TM_Invisible}). */
        INVISIBLE,
        /** Already changed by this transaction, by this or a later command. */
        SELF_MODIFIED,
        /** A committed transaction updated it; ctid points at the newer version. */
        UPDATED,
        /** A committed transaction deleted it. */
        DELETED,
        /** Another running transaction changed it: wait for its xmax. */
        BEING_MODIFIED,
        /**
         * Row-locked (lock-only xmax) by another transaction, or by several: a writer takes the
         * tuple's lock in the lock table, which waits for every locker, before it goes ahead.
         */
        LOCKED
    }

    /** Whether xmax only locks the tuple ({@code HEAP_XMAX_IS_LOCKED_ONLY}): it is live whoever the locker is. */
    static boolean xmaxIsLockOnly(byte[] data, int position) {
        return (HeapTupleHeader.infomask(data, position) & HeapTupleHeader.XMAX_LOCK_ONLY) != 0;
    }

    /** Whether the tuple has no deleter: xmax unset, aborted, or only a row lock. */
    private static boolean noDeleter(byte[] data, int position) {
        int infomask = HeapTupleHeader.infomask(data, position);
        return (infomask & (HeapTupleHeader.XMAX_INVALID | HeapTupleHeader.XMAX_LOCK_ONLY)) != 0;
    }

    private final TransactionManager transactions;
    private final ComboCommandIds combos;
    private final HeapLockers lockers;

    HeapVisibility(TransactionManager transactions, ComboCommandIds combos) {
        this.transactions = transactions;
        this.combos = combos;
        this.lockers = new HeapLockers(transactions);
    }

    /** Whether {@code xid} counts as still running for {@code snapshot} ({@code XidInMVCCSnapshot}). */
    static boolean inSnapshot(long xid, Snapshot snapshot) {
        if (xid >= snapshot.xmax()) {
            return true;
        }
        if (xid < snapshot.xmin()) {
            return false;
        }
        return Arrays.binarySearch(snapshot.inProgress(), xid) >= 0;
    }

    int cmin(byte[] data, int position) {
        int field = HeapTupleHeader.commandId(data, position);
        if ((HeapTupleHeader.infomask(data, position) & HeapTupleHeader.COMBO_COMMAND_ID) != 0) {
            return combos.cmin(HeapTupleHeader.xmin(data, position), field);
        }
        return field;
    }

    int cmax(byte[] data, int position) {
        int field = HeapTupleHeader.commandId(data, position);
        if ((HeapTupleHeader.infomask(data, position) & HeapTupleHeader.COMBO_COMMAND_ID) != 0) {
            return combos.cmax(HeapTupleHeader.xmax(data, position), field);
        }
        return field;
    }

    private static void setHint(byte[] data, int position, int bit) {
        HeapTupleHeader.setInfomask(data, position, HeapTupleHeader.infomask(data, position) | bit);
    }

    /**
     * Whether xmin's insertion is settled as committed, setting hints; false if it aborted. Only
     * for xmin other than the caller's own transaction.
     */
    private boolean xminCommitted(byte[] data, int position) {
        int infomask = HeapTupleHeader.infomask(data, position);
        if ((infomask & HeapTupleHeader.XMIN_COMMITTED) != 0) {
            return true;
        }
        if ((infomask & HeapTupleHeader.XMIN_INVALID) != 0) {
            return false;
        }
        long xmin = HeapTupleHeader.xmin(data, position);
        XidStatus status = transactions.status(xmin);
        if (status == XidStatus.COMMITTED) {
            if (transactions.committedHintAllowed(xmin)) {
                setHint(data, position, HeapTupleHeader.XMIN_COMMITTED);
            }
            return true;
        }
        if (status == XidStatus.ABORTED) {
            setHint(data, position, HeapTupleHeader.XMIN_INVALID);
        }
        return false;
    }

    /** Status of xmax (not the caller's own), using and setting hints. */
    private XidStatus xmaxStatus(byte[] data, int position) {
        int infomask = HeapTupleHeader.infomask(data, position);
        if ((infomask & HeapTupleHeader.XMAX_INVALID) != 0) {
            return XidStatus.ABORTED;
        }
        if ((infomask & HeapTupleHeader.XMAX_COMMITTED) != 0) {
            return XidStatus.COMMITTED;
        }
        long xmax = HeapTupleHeader.xmax(data, position);
        XidStatus status = transactions.status(xmax);
        if (status == XidStatus.COMMITTED) {
            if (transactions.committedHintAllowed(xmax)) {
                setHint(data, position, HeapTupleHeader.XMAX_COMMITTED);
            }
        } else if (status == XidStatus.ABORTED) {
            setHint(data, position, HeapTupleHeader.XMAX_INVALID);
        }
        return status;
    }

    /** {@code HeapTupleSatisfiesMVCC}: is the tuple at {@code position} visible to {@code snapshot}? */
    boolean satisfiesMvcc(byte[] data, int position, Snapshot snapshot) {
        long xmin = HeapTupleHeader.xmin(data, position);
        if (snapshot.isCurrent(xmin)) {
            if (cmin(data, position) >= snapshot.commandId()) {
                return false;
            }
        } else {
            if (inSnapshot(xmin, snapshot)) {
                return false;
            }
            if (!xminCommitted(data, position)) {
                return false;
            }
        }
        if (noDeleter(data, position)) {
            return true;
        }
        long xmax = HeapTupleHeader.xmax(data, position);
        if (snapshot.isCurrent(xmax)) {
            // deleted by this transaction: still visible to commands that started before the delete
            return cmax(data, position) >= snapshot.commandId();
        }
        if (inSnapshot(xmax, snapshot)) {
            return true;
        }
        return xmaxStatus(data, position) != XidStatus.COMMITTED;
    }

    /**
     * {@code HeapTupleSatisfiesUpdate}: may the transaction whose XIDs (top-level and live
     * subtransactions) {@code own} accepts change it at command {@code commandId}?
     */
    UpdateCheck satisfiesUpdate(byte[] data, int position, LongPredicate own, int commandId) {
        long xmin = HeapTupleHeader.xmin(data, position);
        if (own.test(xmin)) {
            if (cmin(data, position) >= commandId) {
                return UpdateCheck.INVISIBLE;
            }
        } else if (!xminCommitted(data, position)) {
            return UpdateCheck.INVISIBLE;
        }
        int infomask = HeapTupleHeader.infomask(data, position);
        // an aborted updater may leave KEY SHARE lockers behind (see HeapAccessMethod.update): the
        // lock table has them, so a writer must ask it first
        UpdateCheck free = (infomask & HeapTupleHeader.XMAX_SHARED_LOCKERS) != 0 ? UpdateCheck.LOCKED : UpdateCheck.OK;
        if ((infomask & HeapTupleHeader.XMAX_INVALID) != 0) {
            return free;
        }
        long xmax = HeapTupleHeader.xmax(data, position);
        if ((infomask & HeapTupleHeader.XMAX_LOCK_ONLY) != 0) {
            return lockerCheck(data, position, own, xmax, infomask);
        }
        if (own.test(xmax)) {
            return cmax(data, position) >= commandId ? UpdateCheck.SELF_MODIFIED : UpdateCheck.INVISIBLE;
        }
        return switch (xmaxStatus(data, position)) {
            case IN_PROGRESS -> UpdateCheck.BEING_MODIFIED;
            case ABORTED -> free;
            case COMMITTED -> (HeapTupleHeader.infomask(data, position) & HeapTupleHeader.UPDATED) != 0
                    ? UpdateCheck.UPDATED : UpdateCheck.DELETED;
        };
    }

    /**
     * A lock-only xmax: OK when the only lockers are the caller or have ended (the stale lock is
     * then cleared with the XMAX_INVALID hint, as PostgreSQL does), LOCKED while another may
     * still hold it. A MultiXactId is asked for its members ({@code MultiXactIdIsRunning}).
     */
    private UpdateCheck lockerCheck(byte[] data, int position, LongPredicate own, long xmax, int infomask) {
        if ((infomask & HeapTupleHeader.XMAX_SHARED_LOCKERS) != 0) {
            return UpdateCheck.LOCKED;
        }
        if ((infomask & HeapTupleHeader.XMAX_IS_MULTI) != 0) {
            if (lockers.othersRunning(xmax, own)) {
                return UpdateCheck.LOCKED;
            }
            if (!lockers.hasOwnMember(xmax, own)) {
                setHint(data, position, HeapTupleHeader.XMAX_INVALID);
            }
            return UpdateCheck.OK;
        }
        if (own.test(xmax)) {
            return UpdateCheck.OK;
        }
        if (transactions.status(xmax) == XidStatus.IN_PROGRESS) {
            return UpdateCheck.LOCKED;
        }
        setHint(data, position, HeapTupleHeader.XMAX_INVALID);
        return UpdateCheck.OK;
    }

    /**
     * {@code HeapTupleSatisfiesDirty} as a uniqueness check reads it: a row inserted by a running
     * transaction, or deleted by one, is in progress (wait for that XID); one never committed or
     * deleted by a committed transaction (or by the caller, whose XIDs {@code own} accepts) is
     * dead; anything else is live. A speculative tuple's state names its token. A super-deleted
     * tuple (xmin 0, see {@code HeapAccess#abortSpeculative}) counts as inserted by an aborted
     * transaction, here and in every other rule.
     */
    DirtyState satisfiesDirty(byte[] data, int position, LongPredicate own) {
        long xmin = HeapTupleHeader.xmin(data, position);
        if (!own.test(xmin)) {
            if (!xminCommitted(data, position)) {
                XidStatus inserter = transactions.status(xmin);
                if (inserter == XidStatus.IN_PROGRESS) {
                    return HeapTupleHeader.isSpeculative(data, position)
                            ? DirtyState.speculative(xmin, HeapTupleHeader.speculativeToken(data, position))
                            : DirtyState.inProgress(xmin);
                }
                if (inserter == XidStatus.ABORTED) {
                    return DirtyState.DEAD;
                }
                // committed since the hint check: go on as committed
            }
        }
        if (noDeleter(data, position)) {
            return DirtyState.LIVE;
        }
        long xmax = HeapTupleHeader.xmax(data, position);
        if (own.test(xmax)) {
            return DirtyState.DEAD;
        }
        return switch (xmaxStatus(data, position)) {
            case IN_PROGRESS -> DirtyState.inProgress(xmax);
            case ABORTED -> DirtyState.LIVE;
            case COMMITTED -> DirtyState.DEAD;
        };
    }

    /** What pruning and VACUUM may do with a tuple ({@code HTSV_Result}). */
    enum VacuumState {
        /** Dead to every snapshot: its inserter aborted, or its deleter committed below the horizon. */
        DEAD,
        /** Deleted by a committed transaction some running snapshot may still see as running. */
        RECENTLY_DEAD,
        /** Inserted and not deleted (or the deleter aborted). */
        LIVE,
        /** The inserter is still running. */
        INSERT_IN_PROGRESS,
        /** The deleter is still running. */
        DELETE_IN_PROGRESS
    }

    /**
     * {@code HeapTupleSatisfiesVacuum} with 64-bit XIDs (so no freezing): whether the tuple at
     * {@code position} can be removed, given {@code horizon}, the oldest XID any snapshot may
     * still see as running ({@link TransactionManager#oldestXmin}). Sets hint bits.
     */
    VacuumState satisfiesVacuum(byte[] data, int position, long horizon) {
        if (!xminCommitted(data, position)) {
            XidStatus inserter = transactions.status(HeapTupleHeader.xmin(data, position));
            if (inserter == XidStatus.IN_PROGRESS) {
                return VacuumState.INSERT_IN_PROGRESS;
            }
            if (inserter == XidStatus.ABORTED) {
                return VacuumState.DEAD;
            }
            // committed since the hint check: go on as committed
        }
        int infomask = HeapTupleHeader.infomask(data, position);
        if ((infomask & (HeapTupleHeader.XMAX_INVALID | HeapTupleHeader.XMAX_LOCK_ONLY)) != 0) {
            // a row only locked (FOR UPDATE/SHARE) is live whatever became of its lockers
            return VacuumState.LIVE;
        }
        return switch (xmaxStatus(data, position)) {
            case IN_PROGRESS -> VacuumState.DELETE_IN_PROGRESS;
            case ABORTED -> VacuumState.LIVE;
            case COMMITTED -> HeapTupleHeader.xmax(data, position) < horizon ? VacuumState.DEAD
                    : VacuumState.RECENTLY_DEAD;
        };
    }

    /** Whether the tuple's inserter is committed or is one of the caller's XIDs (for following update chains). */
    boolean insertedByCommittedOrOwn(byte[] data, int position, LongPredicate own) {
        long xmin = HeapTupleHeader.xmin(data, position);
        return own.test(xmin) || xminCommitted(data, position);
    }

    /** Status of xmax for chain following: ABORTED when unset. Own xmax reports IN_PROGRESS. */
    XidStatus deleterStatus(byte[] data, int position) {
        return xmaxStatus(data, position);
    }
}
