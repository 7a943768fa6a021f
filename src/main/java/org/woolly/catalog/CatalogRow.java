package org.woolly.catalog;

import org.woolly.access.common.Tid;

/**
 * One catalog row read from the heap: where it is (for delete and update) and its column values,
 * read by column name through its catalog's definition.
 */
public record CatalogRow(CatalogDefinition catalog, Tid tid, Object[] values) {

    public Object get(String column) {
        return values[catalog.column(column)];
    }

    public int getOid(String column) {
        return (Integer) get(column);
    }

    public String getString(String column) {
        return (String) get(column);
    }

    public boolean getBool(String column) {
        return (Boolean) get(column);
    }

    public short getShort(String column) {
        return (Short) get(column);
    }

    /** An {@code xid} column (relfrozenxid, datfrozenxid): Woolly's 64-bit XID. */
    public long getXid(String column) {
        return (Long) get(column);
    }

    public int getInt(String column) {
        return (Integer) get(column);
    }

    /** A {@code "char"} column's value as a Java char ('\0' for the empty value). */
    public char getChar(String column) {
        String value = getString(column);
        return value == null || value.isEmpty() ? '\0' : value.charAt(0);
    }
}
