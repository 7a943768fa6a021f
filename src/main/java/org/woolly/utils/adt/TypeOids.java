package org.woolly.utils.adt;

/** Built-in type OIDs as in PostgreSQL's {@code pg_type.dat}: what clients see on the wire. */
public final class TypeOids {
    public static final int BOOL = 16;
    public static final int BYTEA = 17;
    public static final int CHAR = 18;
    public static final int NAME = 19;
    public static final int INT8 = 20;
    public static final int INT2 = 21;
    public static final int INT2VECTOR = 22;
    public static final int INT4 = 23;
    public static final int REGPROC = 24;
    public static final int TEXT = 25;
    public static final int OID = 26;
    public static final int TID = 27;
    public static final int XID = 28;
    public static final int CID = 29;
    public static final int OIDVECTOR = 30;
    public static final int POINT = 600;
    public static final int LSEG = 601;
    public static final int PATH = 602;
    public static final int BOX = 603;
    public static final int POLYGON = 604;
    public static final int LINE = 628;
    public static final int FLOAT4 = 700;
    public static final int CIRCLE = 718;
    public static final int FLOAT8 = 701;
    public static final int UNKNOWN = 705;
    public static final int BPCHAR = 1042;
    public static final int VARCHAR = 1043;
    public static final int DATE = 1082;
    public static final int TIME = 1083;
    public static final int TIMESTAMP = 1114;
    public static final int TIMESTAMPTZ = 1184;
    public static final int INTERVAL = 1186;
    public static final int NUMERIC = 1700;
    public static final int BIT = 1560;
    public static final int VARBIT = 1562;
    public static final int UUID = 2950;
    public static final int JSON = 114;
    public static final int JSONB = 3802;
    public static final int JSONPATH = 4072;
    public static final int REGCLASS = 2205;
    public static final int REGTYPE = 2206;
    public static final int REGPROCEDURE = 2202;
    public static final int REGNAMESPACE = 4089;
    public static final int REGROLE = 4096;
    public static final int RECORD = 2249;
    public static final int ANY = 2276;
    public static final int VOID = 2278;
    public static final int CSTRING = 2275;
    public static final int INTERNAL = 2281;
    public static final int ANYENUM = 3500;
    /** {@code _text}, the array of text. */
    public static final int TEXT_ARRAY = 1009;
    public static final int ANYARRAY = 2277;
    public static final int ANYELEMENT = 2283;
    public static final int ANYCOMPATIBLE = 5077;
    public static final int ANYCOMPATIBLEARRAY = 5078;
    public static final int ANYNONARRAY = 2776;
    public static final int XID8 = 5069;
    public static final int PG_SNAPSHOT = 5038;
    public static final int TXID_SNAPSHOT = 2970;
    public static final int ANYRANGE = 3831;
    public static final int ANYMULTIRANGE = 4537;
    public static final int ANYCOMPATIBLERANGE = 5080;
    public static final int ANYCOMPATIBLEMULTIRANGE = 4538;
    public static final int INT4RANGE = 3904;
    public static final int NUMRANGE = 3906;
    public static final int TSRANGE = 3908;
    public static final int TSTZRANGE = 3910;
    public static final int DATERANGE = 3912;
    public static final int INT8RANGE = 3926;
    public static final int INT4MULTIRANGE = 4451;
    public static final int NUMMULTIRANGE = 4532;
    public static final int TSMULTIRANGE = 4533;
    public static final int TSTZMULTIRANGE = 4534;
    public static final int DATEMULTIRANGE = 4535;
    public static final int INT8MULTIRANGE = 4536;

    private TypeOids() {}

    /** The OID alias types of {@code regproc.c}, whose values are OIDs written as names. */
    public static boolean isObjectIdentifierAlias(int typeOid) {
        return typeOid == REGPROC || typeOid == REGPROCEDURE || typeOid == REGCLASS || typeOid == REGTYPE
                || typeOid == REGNAMESPACE || typeOid == REGROLE;
    }
}
