package org.woolly.storage.smgr;

/**
 * Where a relation's files are: tablespace OID, database OID (0 for shared catalogs under
 * {@code global/}) and relfilenode number; {@code base/<db>/<relNumber>[_fsm|_vm][.N]}.
 * Counterpart of {@code RelFileLocator} in {@code src/include/storage/relfilelocator.h}.
 * Equality and hash are written out: they sit under every buffer lookup ({@code BufferTag}).
 */
public record RelFileLocator(int tablespaceOid, int databaseOid, int relNumber) {
    public static final int DEFAULT_TABLESPACE_OID = 1663;
    public static final int GLOBAL_TABLESPACE_OID = 1664;

    @Override
    public boolean equals(Object other) {
        return other instanceof RelFileLocator locator && relNumber == locator.relNumber
                && databaseOid == locator.databaseOid && tablespaceOid == locator.tablespaceOid;
    }

    @Override
    public int hashCode() {
        return (tablespaceOid * 31 + databaseOid) * 31 + relNumber;
    }
}
