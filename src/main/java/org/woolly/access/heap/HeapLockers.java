package org.woolly.access.heap;

import java.util.ArrayList;
import java.util.List;
import org.woolly.access.transam.MultiXacts.Member;
import org.woolly.access.transam.MultiXacts.MemberStatus;
import org.woolly.access.transam.Transaction;
import org.woolly.access.transam.TransactionManager;
import org.woolly.access.transam.XidStatus;

/**
 * The lockers a tuple's lock-only xmax records, and the xmax a further locker leaves: a single
 * locker keeps a plain XID (with the KEYSHR / EXCL bits saying its strength), a second one
 * turns xmax into a MultiXactId of every running locker ({@code compute_new_xmax_infomask} and
 * {@code MultiXactIdExpand} in {@code heapam.c} / {@code multixact.c}, lock-only cases). The
 * lock table still decides who waits for whom (every locker holds the tuple's lock there); the
 * multixact is what the row itself says, for pg_get_multixact_members, for writers deciding
 * whether anyone still locks it, and for prepared transactions across a restart.
 */
final class HeapLockers {
    private final TransactionManager transactions;

    HeapLockers(TransactionManager transactions) {
        this.transactions = transactions;
    }

    /**
     * The running lockers of a lock-only xmax other than the caller's XIDs ({@code others}), and
     * the strongest lock the caller holds there already ({@code own}, null if none); null when
     * the row does not say (xmax not lock-only-and-valid, or lockers only in the lock table).
     */
    record Lockers(List<Member> others, MemberStatus own) {}

    Lockers lockers(byte[] data, int position, Transaction tx) {
        int infomask = HeapTupleHeader.infomask(data, position);
        if ((infomask & HeapTupleHeader.XMAX_INVALID) != 0) {
            return new Lockers(List.of(), null);
        }
        if ((infomask & HeapTupleHeader.XMAX_LOCK_ONLY) == 0
                || (infomask & HeapTupleHeader.XMAX_SHARED_LOCKERS) != 0) {
            return null;
        }
        long xmax = HeapTupleHeader.xmax(data, position);
        List<Member> recorded = (infomask & HeapTupleHeader.XMAX_IS_MULTI) != 0
                ? transactions.multiXacts().members(xmax)
                : List.of(new Member(xmax, singleLockerStatus(infomask)));
        List<Member> others = new ArrayList<>();
        MemberStatus own = null;
        for (Member member : recorded) {
            if (tx != null && tx.isCurrentXid(member.xid())) {
                own = stronger(own, member.status());
            } else if (transactions.status(member.xid()) == XidStatus.IN_PROGRESS) {
                others.add(member);
            }
        }
        return new Lockers(others, own);
    }

    /**
     * A single locker's strength from the bits. EXCL cannot tell FOR UPDATE from FOR NO KEY
     * UPDATE; a locker beside another one can only be the latter (FOR UPDATE admits nobody).
     */
    private static MemberStatus singleLockerStatus(int infomask) {
        if ((infomask & HeapTupleHeader.XMAX_EXCL_LOCK) != 0) {
            return MemberStatus.FOR_NO_KEY_UPDATE;
        }
        return (infomask & HeapTupleHeader.XMAX_KEYSHR_LOCK) != 0 ? MemberStatus.FOR_KEY_SHARE : MemberStatus.FOR_SHARE;
    }

    private static MemberStatus stronger(MemberStatus a, MemberStatus b) {
        return a == null || b.ordinal() > a.ordinal() ? b : a;
    }

    /** The xmax and infomask a row lock leaves on a tuple. */
    record NewXmax(long xmax, int infomask) {}

    /**
     * What recording locker {@code xid} of {@code tx} in {@code mode} leaves ({@code heap_lock_tuple}'s
     * new xmax): alone, a plain lock-only XID (an earlier own lock is kept and strengthened); beside
     * other running lockers, a new MultiXactId (created here, WAL-logged) of them and this one.
     * Null if the row does not name its lockers (the caller falls back to the shared-lockers bit).
     */
    NewXmax newXmax(byte[] data, int position, long xid, RowLockMode mode, Transaction tx) {
        Lockers lockers = lockers(data, position, tx);
        if (lockers == null) {
            return null;
        }
        int infomask = HeapTupleHeader.infomask(data, position) & ~HeapTupleHeader.XMAX_BITS;
        MemberStatus status = stronger(lockers.own(), mode.lockStatus());
        if (lockers.others().isEmpty()) {
            long current = HeapTupleHeader.xmax(data, position);
            boolean plainOwn = lockers.own() != null
                    && (HeapTupleHeader.infomask(data, position) & HeapTupleHeader.XMAX_IS_MULTI) == 0;
            return new NewXmax(plainOwn ? current : xid, infomask | singleLockerBits(RowLockMode.ofLockStatus(status)));
        }
        List<Member> members = new ArrayList<>(lockers.others());
        members.add(new Member(xid, status));
        return new NewXmax(transactions.multiXacts().create(members, xid),
                infomask | HeapTupleHeader.XMAX_LOCK_ONLY | HeapTupleHeader.XMAX_IS_MULTI);
    }

    /**
     * The xmax the new version of a non-key update carries: the FOR KEY SHARE lockers of the old
     * one, still running ({@code compute_new_xmax_infomask} for the new tuple). Returns false when
     * the old version does not name its lockers (the caller falls back to the shared-lockers bit).
     */
    boolean passOn(byte[] oldData, int oldPosition, byte[] tuple, long xid, Transaction tx) {
        Lockers lockers = lockers(oldData, oldPosition, tx);
        if (lockers == null) {
            return false;
        }
        List<Member> keyShare = lockers.others().stream()
                .filter(member -> member.status() == MemberStatus.FOR_KEY_SHARE).toList();
        int infomask = HeapTupleHeader.infomask(tuple, 0) & ~HeapTupleHeader.XMAX_BITS;
        if (keyShare.isEmpty()) {
            HeapTupleHeader.setInfomask(tuple, 0, infomask | HeapTupleHeader.XMAX_INVALID);
        } else if (keyShare.size() == 1) {
            HeapTupleHeader.setXmax(tuple, 0, keyShare.getFirst().xid());
            HeapTupleHeader.setInfomask(tuple, 0, infomask | singleLockerBits(RowLockMode.KEY_SHARE));
        } else {
            HeapTupleHeader.setXmax(tuple, 0, transactions.multiXacts().create(keyShare, xid));
            HeapTupleHeader.setInfomask(tuple, 0,
                    infomask | HeapTupleHeader.XMAX_LOCK_ONLY | HeapTupleHeader.XMAX_IS_MULTI);
        }
        return true;
    }

    private static int singleLockerBits(RowLockMode mode) {
        return HeapTupleHeader.XMAX_LOCK_ONLY
                | (mode.exclusive() ? HeapTupleHeader.XMAX_EXCL_LOCK : 0)
                | (mode == RowLockMode.KEY_SHARE ? HeapTupleHeader.XMAX_KEYSHR_LOCK : 0);
    }

    /**
     * Whether a lock-only multixact xmax still has a running member other than the caller's
     * ({@code MultiXactIdIsRunning}); false also when only the caller's own lockers remain.
     */
    boolean othersRunning(long multi, java.util.function.LongPredicate own) {
        for (Member member : transactions.multiXacts().members(multi)) {
            if (!own.test(member.xid()) && transactions.status(member.xid()) == XidStatus.IN_PROGRESS) {
                return true;
            }
        }
        return false;
    }

    /** Whether any member of {@code multi} is one of the caller's XIDs. */
    boolean hasOwnMember(long multi, java.util.function.LongPredicate own) {
        return transactions.multiXacts().members(multi).stream().anyMatch(member -> own.test(member.xid()));
    }

    /** Whether every member of {@code multi} has ended (a freezing VACUUM may then drop it, {@code FreezeMultiXactId}). */
    boolean allEnded(long multi) {
        return !othersRunning(multi, xid -> false);
    }
}
