package org.woolly.storage.lmgr;

/**
 * What a lock is on ({@code LOCKTAG} in {@code lock.h}): a relation, a row, a transaction (to wait for
 * its end), a speculative insertion, or a key value of a table referenced by a foreign key.
 */
public sealed interface LockTag {

    /** A relation of a database, by OID. */
    record Relation(int databaseOid, int relationOid) implements LockTag {
        @Override
        public String toString() {
            return "relation " + relationOid + " of database " + databaseOid;
        }
    }

    /**
     * A heap tuple, named by its relation's file (relfilenode) and TID: row lockers hold it
     * until they end (Woolly keeps every row locker here, where PostgreSQL keeps all but the
     * first in a multixact).
     */
    record Tuple(int databaseOid, int relNumber, int block, int offset) implements LockTag {
        @Override
        public String toString() {
            return "tuple (" + block + "," + offset + ") of relation " + relNumber + " of database " + databaseOid;
        }
    }

    /** A transaction's XID: its owner holds it exclusively until it ends; waiters take it shared. */
    record Transaction(long xid) implements LockTag {
        @Override
        public String toString() {
            return "transaction " + xid;
        }
    }

    /**
     * A speculative insertion of transaction {@code xid} ({@code LOCKTAG_SPECULATIVE_TOKEN}): an
     * INSERT ... ON CONFLICT holds it exclusively while its tuple is neither confirmed nor killed;
     * a backend that meets that tuple waits on it (shared) instead of on the whole transaction.
     */
    record SpeculativeToken(long xid, int token) implements LockTag {
        @Override
        public String toString() {
            return "speculative token " + Integer.toUnsignedString(token) + " of transaction " + xid;
        }
    }

    /**
     * A key value (by hash) of a relation that a foreign key references. It stands in for the
     * row locks PostgreSQL's referential integrity takes: a referencing insert or update takes it
     * shared (as {@code SELECT ... FOR KEY SHARE} of the referenced row), a delete or key update of
     * the referenced row takes it exclusively (the {@code FOR UPDATE} lock heap_delete takes), so
     * the two wait for each other as in PostgreSQL. Two keys with equal hashes only wait more.
     */
    record Key(int databaseOid, int relationOid, long keyHash) implements LockTag {
        @Override
        public String toString() {
            return "key " + Long.toHexString(keyHash) + " of relation " + relationOid + " of database " + databaseOid;
        }
    }

    /**
     * A user-defined lock of {@code pg_advisory_lock} and its kin ({@code LOCKTAG_ADVISORY}):
     * a bigint key is split into its high and low halves with {@code kind} 1, two int keys are
     * kept as given with {@code kind} 2, so the two key spaces never meet.
     */
    record Advisory(int databaseOid, int key1, int key2, int kind) implements LockTag {
        public static Advisory ofBigint(int databaseOid, long key) {
            return new Advisory(databaseOid, (int) (key >>> 32), (int) key, 1);
        }

        public static Advisory ofInts(int databaseOid, int key1, int key2) {
            return new Advisory(databaseOid, key1, key2, 2);
        }

        @Override
        public String toString() {
            return "advisory lock [" + Integer.toUnsignedString(databaseOid) + "," + Integer.toUnsignedString(key1) + ","
                    + Integer.toUnsignedString(key2) + "," + kind + "]";
        }
    }
}
