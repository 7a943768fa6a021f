package org.woolly.access.heap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.woolly.access.transam.TransactionManager;
import org.woolly.access.transam.XidStatus;

/**
 * Combo command ids ({@code src/backend/utils/time/combocid.c}): when a transaction deletes or
 * updates a tuple it inserted itself, the tuple needs both cmin and cmax in its one command-id
 * field, so the field holds an index into this transaction's list of (cmin, cmax) pairs. Only
 * the owning transaction ever reads its tuples' command ids, so the pairs are in memory, keyed
 * by XID; they are dropped when the transaction commits, and lists of ended transactions are
 * swept when new ones are made. Thread-safe.
 */
final class ComboCommandIds {
    private record Pair(int cmin, int cmax) {}

    private static final int SWEEP_THRESHOLD = 64;

    private final TransactionManager transactions;
    private final Map<Long, List<Pair>> byXid = new ConcurrentHashMap<>();

    ComboCommandIds(TransactionManager transactions) {
        this.transactions = transactions;
    }

    /** The combo id standing for ({@code cmin}, {@code cmax}) of transaction {@code xid}. */
    int combine(long xid, int cmin, int cmax) {
        if (byXid.size() > SWEEP_THRESHOLD && !byXid.containsKey(xid)) {
            byXid.keySet().removeIf(owner -> owner != xid && transactions.status(owner) != XidStatus.IN_PROGRESS);
        }
        List<Pair> pairs = byXid.computeIfAbsent(xid, key -> new ArrayList<>());
        synchronized (pairs) {
            Pair wanted = new Pair(cmin, cmax);
            int existing = pairs.indexOf(wanted);
            if (existing >= 0) {
                return existing;
            }
            pairs.add(wanted);
            return pairs.size() - 1;
        }
    }

    int cmin(long xid, int comboId) {
        return pair(xid, comboId).cmin();
    }

    int cmax(long xid, int comboId) {
        return pair(xid, comboId).cmax();
    }

    /** Whether the transaction has made combo ids already (its cleanup is then registered). */
    boolean knows(long xid) {
        return byXid.containsKey(xid);
    }

    /** Called when the transaction ends: its combo ids mean nothing to anyone else. */
    void forget(long xid) {
        byXid.remove(xid);
    }

    private Pair pair(long xid, int comboId) {
        List<Pair> pairs = byXid.get(xid);
        if (pairs == null) {
            throw new IllegalStateException("no combo command ids for transaction " + xid);
        }
        synchronized (pairs) {
            return pairs.get(comboId);
        }
    }
}
