package org.woolly.storage.lmgr;

/**
 * What a SIREAD lock covers ({@code PREDICATELOCKTARGETTAG} in {@code predicate_internals.h}):
 * a whole relation ({@code block < 0}), one page of it ({@code offset < 0}) or one tuple.
 * Relations are named by database and relfilenode, the name both the executor (reads) and the
 * heap and B-tree (writes) have; {@link PredicateLockManager} keeps the relation OID pg_locks
 * shows beside it.
 */
public record PredicateLockTarget(int databaseOid, int relNumber, int block, int offset) {

    public static PredicateLockTarget relation(int databaseOid, int relNumber) {
        return new PredicateLockTarget(databaseOid, relNumber, -1, -1);
    }

    public static PredicateLockTarget page(int databaseOid, int relNumber, int block) {
        return new PredicateLockTarget(databaseOid, relNumber, block, -1);
    }

    public static PredicateLockTarget tuple(int databaseOid, int relNumber, int block, int offset) {
        return new PredicateLockTarget(databaseOid, relNumber, block, offset);
    }

    public boolean isRelation() {
        return block < 0;
    }

    public boolean isTuple() {
        return offset >= 0;
    }

    /** The next coarser target: a tuple's page, a page's relation; null for a relation. */
    public PredicateLockTarget parent() {
        if (isTuple()) {
            return page(databaseOid, relNumber, block);
        }
        return isRelation() ? null : relation(databaseOid, relNumber);
    }

    /** The relation this target is in. */
    public PredicateLockTarget relationTarget() {
        return relation(databaseOid, relNumber);
    }

    /** Whether this target is {@code other} or lies inside it (a tuple inside its page and relation). */
    public boolean within(PredicateLockTarget other) {
        if (databaseOid != other.databaseOid || relNumber != other.relNumber) {
            return false;
        }
        return other.isRelation() || other.block == block && (!other.isTuple() || other.offset == offset);
    }

    /** pg_locks.locktype. */
    public String lockType() {
        return isRelation() ? "relation" : isTuple() ? "tuple" : "page";
    }
}
