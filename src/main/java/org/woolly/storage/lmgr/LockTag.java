package org.woolly.storage.lmgr;

/** What a lock is on ({@code LOCKTAG} in {@code lock.h}): a relation, a row, or a transaction (to wait for its end). */
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
}
