package org.woolly.access.transam;

/** Resource manager ids written in WAL records (numbered as PostgreSQL's {@code rmgrlist.h} where one exists). */
public final class ResourceManagerIds {
    public static final int XLOG = 0;
    public static final int TRANSACTION = 1;
    public static final int STORAGE = 2;
    public static final int CLOG = 3;
    /** CREATE / DROP DATABASE ({@code RM_DBASE_ID}). */
    public static final int DATABASE = 4;
    /** MultiXactId creation, zeroed pages and truncation ({@code RM_MULTIXACT_ID}). */
    public static final int MULTIXACT = 6;
    public static final int HEAP = 10;
    public static final int BTREE = 11;
    public static final int SEQUENCE = 15;

    private ResourceManagerIds() {}
}
