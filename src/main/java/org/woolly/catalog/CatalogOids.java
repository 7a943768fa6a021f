package org.woolly.catalog;

/** Fixed OIDs initdb assigns, as in PostgreSQL 15's catalog .dat files. */
public final class CatalogOids {
    public static final int BOOTSTRAP_SUPERUSER = 10;
    /** PostgreSQL 15's predefined monitoring roles (pg_authid.dat). */
    public static final int PG_MONITOR = 3373;
    public static final int PG_READ_ALL_SETTINGS = 3374;
    public static final int PG_READ_ALL_STATS = 3375;
    public static final int PG_STAT_SCAN_TABLES = 3377;
    public static final int PG_SIGNAL_BACKEND = 4200;
    public static final int PG_CATALOG_NAMESPACE = 11;
    public static final int PG_TOAST_NAMESPACE = 99;
    public static final int PUBLIC_NAMESPACE = 2200;
    public static final int TEMPLATE1_DATABASE = 1;
    public static final int TEMPLATE0_DATABASE = 4;
    public static final int POSTGRES_DATABASE = 5;
    public static final int HEAP_ACCESS_METHOD = 2;
    public static final int BTREE_ACCESS_METHOD = 403;
    public static final int DEFAULT_TABLESPACE = 1663;
    public static final int GLOBAL_TABLESPACE = 1664;
    public static final int DEFAULT_COLLATION = 100;
    public static final int C_COLLATION = 950;
    public static final int POSIX_COLLATION = 951;
    public static final int UCS_BASIC_COLLATION = 12340;
    /** OIDs from here up are handed out at run time ({@code FirstNormalObjectId}). */
    public static final int FIRST_NORMAL_OBJECT_ID = 16384;
    /** PostgreSQL's limit on the columns of a table ({@code MaxHeapAttributeNumber}). */
    public static final int MAX_HEAP_ATTRIBUTES = 1600;
    /** {@code PG_UTF8} in {@code pg_wchar.h}. */
    public static final int UTF8_ENCODING = 6;

    private CatalogOids() {}
}
