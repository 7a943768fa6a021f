package org.woolly.utils.adt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.woolly.utils.adt.TypeOids.*;

/**
 * The B-tree (403) and hash (405) operator families and classes of the built-in types Woolly
 * has, with PostgreSQL 15's OIDs: the rows of {@code pg_opfamily}, {@code pg_opclass},
 * {@code pg_amop} and {@code pg_amproc} (the role of {@code pg_opfamily.dat}, {@code pg_opclass.dat},
 * {@code pg_amop.dat}, {@code pg_amproc.dat}), and the default operator class lookup CREATE
 * INDEX uses ({@code GetDefaultOpClass} in {@code indexcmds.c}).
 *
 * <p>Left out, so that no row names an operator {@code pg_operator} does not have: the
 * {@code *_pattern_ops} families (their {@code ~<~} operators are not implemented) and the
 * name/text cross-type members of {@code text_ops}. {@code amproc} names the support function
 * as {@code regproc} prints it; the access methods call Woolly's own comparison and hashing
 * ({@link ValueOrdering}), which those functions stand for.
 */
public final class PgOpclassData {
    /** {@code pg_am} OID of btree. */
    public static final int BTREE = 403;
    /** {@code pg_am} OID of hash. */
    public static final int HASH = 405;
    /** {@code cstring}, the storage type of {@code name_ops} (name keys are stored as cstrings). */
    private static final int CSTRING = 2275;
    /** {@code anyenum}, the input type of {@code enum_ops}. */
    private static final int ANYENUM = 3500;

    /** Operator classes the catalog layer names. */
    public static final class OperatorClassOids {
        /** {@code enum_ops}: the btree class of every enum type (PostgreSQL 15's OID). */
        public static final int ENUM_OPS = 10069;

        private OperatorClassOids() {}
    }

    /** A {@code pg_opfamily} row. */
    public record Family(int oid, int method, String name) {}

    /** A {@code pg_opclass} row; {@code keyType} 0: the key is stored as {@code inputType}. */
    public record OperatorClass(int oid, int method, String name, int family, int inputType, boolean isDefault,
                                int keyType) {}

    /** A {@code pg_amop} row (purpose 's', search; no sort family). */
    public record Member(int oid, int family, int leftType, int rightType, int strategy, int operator) {}

    /** A {@code pg_amproc} row: support function {@code number} of the family for these types. */
    public record Support(int oid, int family, int leftType, int rightType, int number, String function) {}

    private static final List<Family> FAMILIES = List.of(
            family(424, BTREE, "bool_ops"),
            family(426, BTREE, "bpchar_ops"),
            family(427, HASH, "bpchar_ops"),
            family(428, BTREE, "bytea_ops"),
            family(429, BTREE, "char_ops"),
            family(431, HASH, "char_ops"),
            family(434, BTREE, "datetime_ops"),
            family(435, HASH, "date_ops"),
            family(1970, BTREE, "float_ops"),
            family(1971, HASH, "float_ops"),
            family(1976, BTREE, "integer_ops"),
            family(1977, HASH, "integer_ops"),
            family(1982, BTREE, "interval_ops"),
            family(1983, HASH, "interval_ops"),
            family(1988, BTREE, "numeric_ops"),
            family(1989, BTREE, "oid_ops"),
            family(1990, HASH, "oid_ops"),
            family(1994, BTREE, "text_ops"),
            family(1995, HASH, "text_ops"),
            family(1996, BTREE, "time_ops"),
            family(1997, HASH, "time_ops"),
            family(1998, HASH, "numeric_ops"),
            family(1999, HASH, "timestamptz_ops"),
            family(2040, HASH, "timestamp_ops"),
            family(2222, HASH, "bool_ops"),
            family(2223, HASH, "bytea_ops"),
            family(397, BTREE, "array_ops"),
            family(423, BTREE, "bit_ops"),
            family(2002, BTREE, "varbit_ops"),
            family(3522, BTREE, "enum_ops"),
            family(2968, BTREE, "uuid_ops"),
            family(2969, HASH, "uuid_ops"),
            family(5067, BTREE, "xid8_ops"),
            family(5032, HASH, "xid8_ops"),
            family(4033, BTREE, "jsonb_ops"),
            family(4034, HASH, "jsonb_ops"),
            family(3901, BTREE, "range_ops"),
            family(3903, HASH, "range_ops"),
            family(4199, BTREE, "multirange_ops"),
            family(4225, HASH, "multirange_ops"));

    private static final List<OperatorClass> CLASSES = List.of(
            opclass(10000, BTREE, "array_ops", 397, ANYARRAY, true, 0),
            opclass(OperatorClassOids.ENUM_OPS, BTREE, "enum_ops", 3522, ANYENUM, true, 0),
            opclass(1978, BTREE, "int4_ops", 1976, INT4, true, 0),
            opclass(1979, BTREE, "int2_ops", 1976, INT2, true, 0),
            opclass(1981, BTREE, "oid_ops", 1989, OID, true, 0),
            opclass(3122, BTREE, "date_ops", 434, DATE, true, 0),
            opclass(3123, BTREE, "float8_ops", 1970, FLOAT8, true, 0),
            opclass(3124, BTREE, "int8_ops", 1976, INT8, true, 0),
            opclass(3125, BTREE, "numeric_ops", 1988, NUMERIC, true, 0),
            opclass(3126, BTREE, "text_ops", 1994, TEXT, true, 0),
            opclass(3127, BTREE, "timestamptz_ops", 434, TIMESTAMPTZ, true, 0),
            opclass(3128, BTREE, "timestamp_ops", 434, TIMESTAMP, true, 0),
            opclass(10003, BTREE, "bool_ops", 424, BOOL, true, 0),
            opclass(10004, BTREE, "bpchar_ops", 426, BPCHAR, true, 0),
            opclass(10005, HASH, "bpchar_ops", 427, BPCHAR, true, 0),
            opclass(10006, BTREE, "bytea_ops", 428, BYTEA, true, 0),
            opclass(10007, BTREE, "char_ops", 429, CHAR, true, 0),
            opclass(10008, HASH, "char_ops", 431, CHAR, true, 0),
            opclass(10011, HASH, "date_ops", 435, DATE, true, 0),
            opclass(10012, BTREE, "float4_ops", 1970, FLOAT4, true, 0),
            opclass(10013, HASH, "float4_ops", 1971, FLOAT4, true, 0),
            opclass(10014, HASH, "float8_ops", 1971, FLOAT8, true, 0),
            opclass(10019, HASH, "int2_ops", 1977, INT2, true, 0),
            opclass(10020, HASH, "int4_ops", 1977, INT4, true, 0),
            opclass(10021, HASH, "int8_ops", 1977, INT8, true, 0),
            opclass(10022, BTREE, "interval_ops", 1982, INTERVAL, true, 0),
            opclass(10023, HASH, "interval_ops", 1983, INTERVAL, true, 0),
            opclass(10028, BTREE, "name_ops", 1994, NAME, true, CSTRING),
            opclass(10029, HASH, "name_ops", 1995, NAME, true, 0),
            opclass(10030, HASH, "numeric_ops", 1998, NUMERIC, true, 0),
            opclass(10031, HASH, "oid_ops", 1990, OID, true, 0),
            opclass(10037, HASH, "text_ops", 1995, TEXT, true, 0),
            opclass(10038, BTREE, "time_ops", 1996, TIME, true, 0),
            opclass(10039, HASH, "time_ops", 1997, TIME, true, 0),
            opclass(10040, HASH, "timestamptz_ops", 1999, TIMESTAMPTZ, true, 0),
            opclass(10044, BTREE, "varchar_ops", 1994, TEXT, false, 0),
            opclass(10045, HASH, "varchar_ops", 1995, TEXT, false, 0),
            opclass(10046, HASH, "timestamp_ops", 2040, TIMESTAMP, true, 0),
            opclass(10048, HASH, "bool_ops", 2222, BOOL, true, 0),
            opclass(10002, BTREE, "bit_ops", 423, BIT, true, 0),
            opclass(10043, BTREE, "varbit_ops", 2002, VARBIT, true, 0),
            opclass(10049, HASH, "bytea_ops", 2223, BYTEA, true, 0),
            opclass(10065, BTREE, "uuid_ops", 2968, UUID, true, 0),
            opclass(10066, HASH, "uuid_ops", 2969, UUID, true, 0),
            opclass(10053, BTREE, "xid8_ops", 5067, XID8, true, 0),
            opclass(10052, HASH, "xid8_ops", 5032, XID8, true, 0),
            opclass(10088, BTREE, "jsonb_ops", 4033, JSONB, true, 0),
            opclass(10089, HASH, "jsonb_ops", 4034, JSONB, true, 0),
            opclass(10076, BTREE, "range_ops", 3901, ANYRANGE, true, 0),
            opclass(10077, HASH, "range_ops", 3903, ANYRANGE, true, 0),
            opclass(10080, BTREE, "multirange_ops", 4199, ANYMULTIRANGE, true, 0),
            opclass(10081, HASH, "multirange_ops", 4225, ANYMULTIRANGE, true, 0));

    private static final List<Member> OPERATORS = List.of(
            amop(10000, 1976, INT2, INT2, 1, 95),
            amop(10001, 1976, INT2, INT2, 2, 522),
            amop(10002, 1976, INT2, INT2, 3, 94),
            amop(10003, 1976, INT2, INT2, 4, 524),
            amop(10004, 1976, INT2, INT2, 5, 520),
            amop(10005, 1976, INT2, INT4, 1, 534),
            amop(10006, 1976, INT2, INT4, 2, 540),
            amop(10007, 1976, INT2, INT4, 3, 532),
            amop(10008, 1976, INT2, INT4, 4, 542),
            amop(10009, 1976, INT2, INT4, 5, 536),
            amop(10010, 1976, INT2, INT8, 1, 1864),
            amop(10011, 1976, INT2, INT8, 2, 1866),
            amop(10012, 1976, INT2, INT8, 3, 1862),
            amop(10013, 1976, INT2, INT8, 4, 1867),
            amop(10014, 1976, INT2, INT8, 5, 1865),
            amop(10015, 1976, INT4, INT4, 1, 97),
            amop(10016, 1976, INT4, INT4, 2, 523),
            amop(10017, 1976, INT4, INT4, 3, 96),
            amop(10018, 1976, INT4, INT4, 4, 525),
            amop(10019, 1976, INT4, INT4, 5, 521),
            amop(10020, 1976, INT4, INT2, 1, 535),
            amop(10021, 1976, INT4, INT2, 2, 541),
            amop(10022, 1976, INT4, INT2, 3, 533),
            amop(10023, 1976, INT4, INT2, 4, 543),
            amop(10024, 1976, INT4, INT2, 5, 537),
            amop(10025, 1976, INT4, INT8, 1, 37),
            amop(10026, 1976, INT4, INT8, 2, 80),
            amop(10027, 1976, INT4, INT8, 3, 15),
            amop(10028, 1976, INT4, INT8, 4, 82),
            amop(10029, 1976, INT4, INT8, 5, 76),
            amop(10030, 1976, INT8, INT8, 1, 412),
            amop(10031, 1976, INT8, INT8, 2, 414),
            amop(10032, 1976, INT8, INT8, 3, 410),
            amop(10033, 1976, INT8, INT8, 4, 415),
            amop(10034, 1976, INT8, INT8, 5, 413),
            amop(10035, 1976, INT8, INT2, 1, 1870),
            amop(10036, 1976, INT8, INT2, 2, 1872),
            amop(10037, 1976, INT8, INT2, 3, 1868),
            amop(10038, 1976, INT8, INT2, 4, 1873),
            amop(10039, 1976, INT8, INT2, 5, 1871),
            amop(10040, 1976, INT8, INT4, 1, 418),
            amop(10041, 1976, INT8, INT4, 2, 420),
            amop(10042, 1976, INT8, INT4, 3, 416),
            amop(10043, 1976, INT8, INT4, 4, 430),
            amop(10044, 1976, INT8, INT4, 5, 419),
            amop(10045, 1989, OID, OID, 1, 609),
            amop(10046, 1989, OID, OID, 2, 611),
            amop(10047, 1989, OID, OID, 3, 607),
            amop(10048, 1989, OID, OID, 4, 612),
            amop(10049, 1989, OID, OID, 5, 610),
            amop(10065, 1970, FLOAT4, FLOAT4, 1, 622),
            amop(10066, 1970, FLOAT4, FLOAT4, 2, 624),
            amop(10067, 1970, FLOAT4, FLOAT4, 3, 620),
            amop(10068, 1970, FLOAT4, FLOAT4, 4, 625),
            amop(10069, 1970, FLOAT4, FLOAT4, 5, 623),
            amop(10070, 1970, FLOAT4, FLOAT8, 1, 1122),
            amop(10071, 1970, FLOAT4, FLOAT8, 2, 1124),
            amop(10072, 1970, FLOAT4, FLOAT8, 3, 1120),
            amop(10073, 1970, FLOAT4, FLOAT8, 4, 1125),
            amop(10074, 1970, FLOAT4, FLOAT8, 5, 1123),
            amop(10075, 1970, FLOAT8, FLOAT8, 1, 672),
            amop(10076, 1970, FLOAT8, FLOAT8, 2, 673),
            amop(10077, 1970, FLOAT8, FLOAT8, 3, 670),
            amop(10078, 1970, FLOAT8, FLOAT8, 4, 675),
            amop(10079, 1970, FLOAT8, FLOAT8, 5, 674),
            amop(10080, 1970, FLOAT8, FLOAT4, 1, 1132),
            amop(10081, 1970, FLOAT8, FLOAT4, 2, 1134),
            amop(10082, 1970, FLOAT8, FLOAT4, 3, 1130),
            amop(10083, 1970, FLOAT8, FLOAT4, 4, 1135),
            amop(10084, 1970, FLOAT8, FLOAT4, 5, 1133),
            amop(10085, 429, CHAR, CHAR, 1, 631),
            amop(10086, 429, CHAR, CHAR, 2, 632),
            amop(10087, 429, CHAR, CHAR, 3, 92),
            amop(10088, 429, CHAR, CHAR, 4, 634),
            amop(10089, 429, CHAR, CHAR, 5, 633),
            amop(10230, 397, ANYARRAY, ANYARRAY, 1, 1072),
            amop(10231, 397, ANYARRAY, ANYARRAY, 2, 1074),
            amop(10232, 397, ANYARRAY, ANYARRAY, 3, 1070),
            amop(10233, 397, ANYARRAY, ANYARRAY, 4, 1075),
            amop(10234, 397, ANYARRAY, ANYARRAY, 5, 1073),
            amop(10090, 1994, TEXT, TEXT, 1, 664),
            amop(10091, 1994, TEXT, TEXT, 2, 665),
            amop(10092, 1994, TEXT, TEXT, 3, 98),
            amop(10093, 1994, TEXT, TEXT, 4, 667),
            amop(10094, 1994, TEXT, TEXT, 5, 666),
            amop(10095, 1994, NAME, NAME, 1, 660),
            amop(10096, 1994, NAME, NAME, 2, 661),
            amop(10097, 1994, NAME, NAME, 3, 93),
            amop(10098, 1994, NAME, NAME, 4, 663),
            amop(10099, 1994, NAME, NAME, 5, 662),
            amop(10110, 426, BPCHAR, BPCHAR, 1, 1058),
            amop(10111, 426, BPCHAR, BPCHAR, 2, 1059),
            amop(10112, 426, BPCHAR, BPCHAR, 3, 1054),
            amop(10113, 426, BPCHAR, BPCHAR, 4, 1061),
            amop(10114, 426, BPCHAR, BPCHAR, 5, 1060),
            amop(10115, 428, BYTEA, BYTEA, 1, 1957),
            amop(10116, 428, BYTEA, BYTEA, 2, 1958),
            amop(10117, 428, BYTEA, BYTEA, 3, 1955),
            amop(10118, 428, BYTEA, BYTEA, 4, 1960),
            amop(10119, 428, BYTEA, BYTEA, 5, 1959),
            amop(10120, 434, DATE, DATE, 1, 1095),
            amop(10121, 434, DATE, DATE, 2, 1096),
            amop(10122, 434, DATE, DATE, 3, 1093),
            amop(10123, 434, DATE, DATE, 4, 1098),
            amop(10124, 434, DATE, DATE, 5, 1097),
            amop(10125, 434, DATE, TIMESTAMP, 1, 2345),
            amop(10126, 434, DATE, TIMESTAMP, 2, 2346),
            amop(10127, 434, DATE, TIMESTAMP, 3, 2347),
            amop(10128, 434, DATE, TIMESTAMP, 4, 2348),
            amop(10129, 434, DATE, TIMESTAMP, 5, 2349),
            amop(10130, 434, DATE, TIMESTAMPTZ, 1, 2358),
            amop(10131, 434, DATE, TIMESTAMPTZ, 2, 2359),
            amop(10132, 434, DATE, TIMESTAMPTZ, 3, 2360),
            amop(10133, 434, DATE, TIMESTAMPTZ, 4, 2361),
            amop(10134, 434, DATE, TIMESTAMPTZ, 5, 2362),
            amop(10135, 434, TIMESTAMP, TIMESTAMP, 1, 2062),
            amop(10136, 434, TIMESTAMP, TIMESTAMP, 2, 2063),
            amop(10137, 434, TIMESTAMP, TIMESTAMP, 3, 2060),
            amop(10138, 434, TIMESTAMP, TIMESTAMP, 4, 2065),
            amop(10139, 434, TIMESTAMP, TIMESTAMP, 5, 2064),
            amop(10140, 434, TIMESTAMP, DATE, 1, 2371),
            amop(10141, 434, TIMESTAMP, DATE, 2, 2372),
            amop(10142, 434, TIMESTAMP, DATE, 3, 2373),
            amop(10143, 434, TIMESTAMP, DATE, 4, 2374),
            amop(10144, 434, TIMESTAMP, DATE, 5, 2375),
            amop(10145, 434, TIMESTAMP, TIMESTAMPTZ, 1, 2534),
            amop(10146, 434, TIMESTAMP, TIMESTAMPTZ, 2, 2535),
            amop(10147, 434, TIMESTAMP, TIMESTAMPTZ, 3, 2536),
            amop(10148, 434, TIMESTAMP, TIMESTAMPTZ, 4, 2537),
            amop(10149, 434, TIMESTAMP, TIMESTAMPTZ, 5, 2538),
            amop(10150, 434, TIMESTAMPTZ, TIMESTAMPTZ, 1, 1322),
            amop(10151, 434, TIMESTAMPTZ, TIMESTAMPTZ, 2, 1323),
            amop(10152, 434, TIMESTAMPTZ, TIMESTAMPTZ, 3, 1320),
            amop(10153, 434, TIMESTAMPTZ, TIMESTAMPTZ, 4, 1325),
            amop(10154, 434, TIMESTAMPTZ, TIMESTAMPTZ, 5, 1324),
            amop(10155, 434, TIMESTAMPTZ, DATE, 1, 2384),
            amop(10156, 434, TIMESTAMPTZ, DATE, 2, 2385),
            amop(10157, 434, TIMESTAMPTZ, DATE, 3, 2386),
            amop(10158, 434, TIMESTAMPTZ, DATE, 4, 2387),
            amop(10159, 434, TIMESTAMPTZ, DATE, 5, 2388),
            amop(10160, 434, TIMESTAMPTZ, TIMESTAMP, 1, 2540),
            amop(10161, 434, TIMESTAMPTZ, TIMESTAMP, 2, 2541),
            amop(10162, 434, TIMESTAMPTZ, TIMESTAMP, 3, 2542),
            amop(10163, 434, TIMESTAMPTZ, TIMESTAMP, 4, 2543),
            amop(10164, 434, TIMESTAMPTZ, TIMESTAMP, 5, 2544),
            amop(10165, 1996, TIME, TIME, 1, 1110),
            amop(10166, 1996, TIME, TIME, 2, 1111),
            amop(10167, 1996, TIME, TIME, 3, 1108),
            amop(10168, 1996, TIME, TIME, 4, 1113),
            amop(10169, 1996, TIME, TIME, 5, 1112),
            amop(10175, 1982, INTERVAL, INTERVAL, 1, 1332),
            amop(10176, 1982, INTERVAL, INTERVAL, 2, 1333),
            amop(10177, 1982, INTERVAL, INTERVAL, 3, 1330),
            amop(10178, 1982, INTERVAL, INTERVAL, 4, 1335),
            amop(10179, 1982, INTERVAL, INTERVAL, 5, 1334),
            amop(10195, 1988, NUMERIC, NUMERIC, 1, 1754),
            amop(10196, 1988, NUMERIC, NUMERIC, 2, 1755),
            amop(10197, 1988, NUMERIC, NUMERIC, 3, 1752),
            amop(10198, 1988, NUMERIC, NUMERIC, 4, 1757),
            amop(10199, 1988, NUMERIC, NUMERIC, 5, 1756),
            amop(10200, 424, BOOL, BOOL, 1, 58),
            amop(10201, 424, BOOL, BOOL, 2, 1694),
            amop(10202, 424, BOOL, BOOL, 3, 91),
            amop(10203, 424, BOOL, BOOL, 4, 1695),
            amop(10204, 424, BOOL, BOOL, 5, 59),
            amop(10255, 427, BPCHAR, BPCHAR, 1, 1054),
            amop(10256, 431, CHAR, CHAR, 1, 92),
            amop(10257, 435, DATE, DATE, 1, 1093),
            amop(10258, 1971, FLOAT4, FLOAT4, 1, 620),
            amop(10259, 1971, FLOAT8, FLOAT8, 1, 670),
            amop(10260, 1971, FLOAT4, FLOAT8, 1, 1120),
            amop(10261, 1971, FLOAT8, FLOAT4, 1, 1130),
            amop(10263, 1977, INT2, INT2, 1, 94),
            amop(10264, 1977, INT4, INT4, 1, 96),
            amop(10265, 1977, INT8, INT8, 1, 410),
            amop(10266, 1977, INT2, INT4, 1, 532),
            amop(10267, 1977, INT2, INT8, 1, 1862),
            amop(10268, 1977, INT4, INT2, 1, 533),
            amop(10269, 1977, INT4, INT8, 1, 15),
            amop(10270, 1977, INT8, INT2, 1, 1868),
            amop(10271, 1977, INT8, INT4, 1, 416),
            amop(10272, 1983, INTERVAL, INTERVAL, 1, 1330),
            amop(10275, 1990, OID, OID, 1, 607),
            amop(10278, 1995, TEXT, TEXT, 1, 98),
            amop(10279, 1995, NAME, NAME, 1, 93),
            amop(10282, 1997, TIME, TIME, 1, 1108),
            amop(10283, 1999, TIMESTAMPTZ, TIMESTAMPTZ, 1, 1320),
            amop(10285, 2040, TIMESTAMP, TIMESTAMP, 1, 2060),
            amop(10286, 2222, BOOL, BOOL, 1, 91),
            amop(10287, 2223, BYTEA, BYTEA, 1, 1955),
            amop(10205, 423, BIT, BIT, 1, 1786),
            amop(10206, 423, BIT, BIT, 2, 1788),
            amop(10207, 423, BIT, BIT, 3, 1784),
            amop(10208, 423, BIT, BIT, 4, 1789),
            amop(10209, 423, BIT, BIT, 5, 1787),
            amop(10210, 2002, VARBIT, VARBIT, 1, 1806),
            amop(10211, 2002, VARBIT, VARBIT, 2, 1808),
            amop(10212, 2002, VARBIT, VARBIT, 3, 1804),
            amop(10213, 2002, VARBIT, VARBIT, 4, 1809),
            amop(10214, 2002, VARBIT, VARBIT, 5, 1807),
            amop(10245, 2968, UUID, UUID, 1, 2974),
            amop(10246, 2968, UUID, UUID, 2, 2976),
            amop(10247, 2968, UUID, UUID, 3, 2972),
            amop(10248, 2968, UUID, UUID, 4, 2977),
            amop(10249, 2968, UUID, UUID, 5, 2975),
            amop(10295, 2969, UUID, UUID, 1, 2972),
            amop(10050, 5067, XID8, XID8, 1, 5073),
            amop(10051, 5067, XID8, XID8, 2, 5075),
            amop(10052, 5067, XID8, XID8, 3, 5068),
            amop(10053, 5067, XID8, XID8, 4, 5076),
            amop(10054, 5067, XID8, XID8, 5, 5074),
            amop(10289, 5032, XID8, XID8, 1, 5068),
            amop(10297, 1998, NUMERIC, NUMERIC, 1, 1752),
            amop(10450, 4033, JSONB, JSONB, 1, 3242),
            amop(10451, 4033, JSONB, JSONB, 2, 3244),
            amop(10452, 4033, JSONB, JSONB, 3, 3240),
            amop(10453, 4033, JSONB, JSONB, 4, 3245),
            amop(10454, 4033, JSONB, JSONB, 5, 3243),
            amop(10455, 4034, JSONB, JSONB, 1, 3240),
            amop(10374, 3901, ANYRANGE, ANYRANGE, 1, 3884),
            amop(10375, 3901, ANYRANGE, ANYRANGE, 2, 3885),
            amop(10376, 3901, ANYRANGE, ANYRANGE, 3, 3882),
            amop(10377, 3901, ANYRANGE, ANYRANGE, 4, 3886),
            amop(10378, 3901, ANYRANGE, ANYRANGE, 5, 3887),
            amop(10379, 3903, ANYRANGE, ANYRANGE, 1, 3882),
            amop(10416, 4199, ANYMULTIRANGE, ANYMULTIRANGE, 1, 2862),
            amop(10417, 4199, ANYMULTIRANGE, ANYMULTIRANGE, 2, 2863),
            amop(10418, 4199, ANYMULTIRANGE, ANYMULTIRANGE, 3, 2860),
            amop(10419, 4199, ANYMULTIRANGE, ANYMULTIRANGE, 4, 2864),
            amop(10420, 4199, ANYMULTIRANGE, ANYMULTIRANGE, 5, 2865),
            amop(10421, 4225, ANYMULTIRANGE, ANYMULTIRANGE, 1, 2860));

    private static final List<Support> SUPPORT = List.of(
            amproc(10000, 397, ANYARRAY, ANYARRAY, 1, "btarraycmp"),
            amproc(10003, 424, BOOL, BOOL, 1, "btboolcmp"),
            amproc(10004, 424, BOOL, BOOL, 4, "btequalimage"),
            amproc(10005, 426, BPCHAR, BPCHAR, 1, "bpcharcmp"),
            amproc(10006, 426, BPCHAR, BPCHAR, 2, "bpchar_sortsupport"),
            amproc(10007, 426, BPCHAR, BPCHAR, 4, "btvarstrequalimage"),
            amproc(10008, 428, BYTEA, BYTEA, 1, "byteacmp"),
            amproc(10009, 428, BYTEA, BYTEA, 2, "bytea_sortsupport"),
            amproc(10010, 428, BYTEA, BYTEA, 4, "btequalimage"),
            amproc(10011, 429, CHAR, CHAR, 1, "btcharcmp"),
            amproc(10012, 429, CHAR, CHAR, 4, "btequalimage"),
            amproc(10013, 434, DATE, DATE, 1, "date_cmp"),
            amproc(10014, 434, DATE, DATE, 2, "date_sortsupport"),
            amproc(10015, 434, DATE, DATE, 4, "btequalimage"),
            amproc(10016, 434, DATE, TIMESTAMP, 1, "date_cmp_timestamp"),
            amproc(10017, 434, DATE, TIMESTAMPTZ, 1, "date_cmp_timestamptz"),
            amproc(10018, 434, TIMESTAMP, TIMESTAMP, 1, "timestamp_cmp"),
            amproc(10019, 434, TIMESTAMP, TIMESTAMP, 2, "timestamp_sortsupport"),
            amproc(10020, 434, TIMESTAMP, TIMESTAMP, 4, "btequalimage"),
            amproc(10021, 434, TIMESTAMP, DATE, 1, "timestamp_cmp_date"),
            amproc(10022, 434, TIMESTAMP, TIMESTAMPTZ, 1, "timestamp_cmp_timestamptz"),
            amproc(10023, 434, TIMESTAMPTZ, TIMESTAMPTZ, 1, "timestamptz_cmp"),
            amproc(10024, 434, TIMESTAMPTZ, TIMESTAMPTZ, 2, "timestamp_sortsupport"),
            amproc(10025, 434, TIMESTAMPTZ, TIMESTAMPTZ, 4, "btequalimage"),
            amproc(10026, 434, TIMESTAMPTZ, DATE, 1, "timestamptz_cmp_date"),
            amproc(10027, 434, TIMESTAMPTZ, TIMESTAMP, 1, "timestamptz_cmp_timestamp"),
            amproc(10031, 1970, FLOAT4, FLOAT4, 1, "btfloat4cmp"),
            amproc(10032, 1970, FLOAT4, FLOAT4, 2, "btfloat4sortsupport"),
            amproc(10033, 1970, FLOAT4, FLOAT8, 1, "btfloat48cmp"),
            amproc(10034, 1970, FLOAT8, FLOAT8, 1, "btfloat8cmp"),
            amproc(10035, 1970, FLOAT8, FLOAT8, 2, "btfloat8sortsupport"),
            amproc(10036, 1970, FLOAT8, FLOAT4, 1, "btfloat84cmp"),
            amproc(10037, 1970, FLOAT8, FLOAT8, 3, "pg_catalog.in_range"),
            amproc(10038, 1970, FLOAT4, FLOAT8, 3, "pg_catalog.in_range"),
            amproc(10042, 1976, INT2, INT2, 1, "btint2cmp"),
            amproc(10043, 1976, INT2, INT2, 2, "btint2sortsupport"),
            amproc(10044, 1976, INT2, INT2, 4, "btequalimage"),
            amproc(10045, 1976, INT2, INT4, 1, "btint24cmp"),
            amproc(10046, 1976, INT2, INT8, 1, "btint28cmp"),
            amproc(10047, 1976, INT2, INT8, 3, "pg_catalog.in_range"),
            amproc(10048, 1976, INT2, INT4, 3, "pg_catalog.in_range"),
            amproc(10049, 1976, INT2, INT2, 3, "pg_catalog.in_range"),
            amproc(10050, 1976, INT4, INT4, 1, "btint4cmp"),
            amproc(10051, 1976, INT4, INT4, 2, "btint4sortsupport"),
            amproc(10052, 1976, INT4, INT4, 4, "btequalimage"),
            amproc(10053, 1976, INT4, INT8, 1, "btint48cmp"),
            amproc(10054, 1976, INT4, INT2, 1, "btint42cmp"),
            amproc(10055, 1976, INT4, INT8, 3, "pg_catalog.in_range"),
            amproc(10056, 1976, INT4, INT4, 3, "pg_catalog.in_range"),
            amproc(10057, 1976, INT4, INT2, 3, "pg_catalog.in_range"),
            amproc(10058, 1976, INT8, INT8, 1, "btint8cmp"),
            amproc(10059, 1976, INT8, INT8, 2, "btint8sortsupport"),
            amproc(10060, 1976, INT8, INT8, 4, "btequalimage"),
            amproc(10061, 1976, INT8, INT4, 1, "btint84cmp"),
            amproc(10062, 1976, INT8, INT2, 1, "btint82cmp"),
            amproc(10063, 1976, INT8, INT8, 3, "pg_catalog.in_range"),
            amproc(10064, 1982, INTERVAL, INTERVAL, 1, "interval_cmp"),
            amproc(10065, 1982, INTERVAL, INTERVAL, 3, "pg_catalog.in_range"),
            amproc(10069, 1988, NUMERIC, NUMERIC, 1, "numeric_cmp"),
            amproc(10070, 1988, NUMERIC, NUMERIC, 2, "numeric_sortsupport"),
            amproc(10071, 1988, NUMERIC, NUMERIC, 3, "pg_catalog.in_range"),
            amproc(10072, 1989, OID, OID, 1, "btoidcmp"),
            amproc(10073, 1989, OID, OID, 2, "btoidsortsupport"),
            amproc(10074, 1989, OID, OID, 4, "btequalimage"),
            amproc(10077, 1994, TEXT, TEXT, 1, "bttextcmp"),
            amproc(10078, 1994, TEXT, TEXT, 2, "bttextsortsupport"),
            amproc(10079, 1994, TEXT, TEXT, 4, "btvarstrequalimage"),
            amproc(10080, 1994, NAME, NAME, 1, "btnamecmp"),
            amproc(10081, 1994, NAME, NAME, 2, "btnamesortsupport"),
            amproc(10082, 1994, NAME, NAME, 4, "btvarstrequalimage"),
            amproc(10085, 1996, TIME, TIME, 1, "time_cmp"),
            amproc(10086, 1996, TIME, TIME, 4, "btequalimage"),
            amproc(10121, 427, BPCHAR, BPCHAR, 1, "hashbpchar"),
            amproc(10122, 427, BPCHAR, BPCHAR, 2, "hashbpcharextended"),
            amproc(10123, 431, CHAR, CHAR, 1, "hashchar"),
            amproc(10124, 431, CHAR, CHAR, 2, "hashcharextended"),
            amproc(10125, 435, DATE, DATE, 1, "hashint4"),
            amproc(10126, 435, DATE, DATE, 2, "hashint4extended"),
            amproc(10129, 1971, FLOAT4, FLOAT4, 1, "hashfloat4"),
            amproc(10130, 1971, FLOAT4, FLOAT4, 2, "hashfloat4extended"),
            amproc(10131, 1971, FLOAT8, FLOAT8, 1, "hashfloat8"),
            amproc(10132, 1971, FLOAT8, FLOAT8, 2, "hashfloat8extended"),
            amproc(10135, 1977, INT2, INT2, 1, "hashint2"),
            amproc(10136, 1977, INT2, INT2, 2, "hashint2extended"),
            amproc(10137, 1977, INT4, INT4, 1, "hashint4"),
            amproc(10138, 1977, INT4, INT4, 2, "hashint4extended"),
            amproc(10139, 1977, INT8, INT8, 1, "hashint8"),
            amproc(10140, 1977, INT8, INT8, 2, "hashint8extended"),
            amproc(10141, 1983, INTERVAL, INTERVAL, 1, "interval_hash"),
            amproc(10142, 1983, INTERVAL, INTERVAL, 2, "interval_hash_extended"),
            amproc(10145, 1990, OID, OID, 1, "hashoid"),
            amproc(10146, 1990, OID, OID, 2, "hashoidextended"),
            amproc(10149, 1995, TEXT, TEXT, 1, "hashtext"),
            amproc(10150, 1995, TEXT, TEXT, 2, "hashtextextended"),
            amproc(10151, 1995, NAME, NAME, 1, "hashname"),
            amproc(10152, 1995, NAME, NAME, 2, "hashnameextended"),
            amproc(10153, 1997, TIME, TIME, 1, "time_hash"),
            amproc(10154, 1997, TIME, TIME, 2, "time_hash_extended"),
            amproc(10155, 1998, NUMERIC, NUMERIC, 1, "hash_numeric"),
            amproc(10156, 1998, NUMERIC, NUMERIC, 2, "hash_numeric_extended"),
            amproc(10157, 1999, TIMESTAMPTZ, TIMESTAMPTZ, 1, "timestamp_hash"),
            amproc(10158, 1999, TIMESTAMPTZ, TIMESTAMPTZ, 2, "timestamp_hash_extended"),
            amproc(10161, 2040, TIMESTAMP, TIMESTAMP, 1, "timestamp_hash"),
            amproc(10162, 2040, TIMESTAMP, TIMESTAMP, 2, "timestamp_hash_extended"),
            amproc(10163, 2222, BOOL, BOOL, 1, "hashchar"),
            amproc(10164, 2222, BOOL, BOOL, 2, "hashcharextended"),
            amproc(10165, 2223, BYTEA, BYTEA, 1, "hashvarlena"),
            amproc(10001, 423, BIT, BIT, 1, "bitcmp"),
            amproc(10002, 423, BIT, BIT, 4, "btequalimage"),
            amproc(10091, 2002, VARBIT, VARBIT, 1, "varbitcmp"),
            amproc(10092, 2002, VARBIT, VARBIT, 4, "btequalimage"),
            amproc(10166, 2223, BYTEA, BYTEA, 2, "hashvarlenaextended"),
            amproc(10103, 2968, UUID, UUID, 1, "uuid_cmp"),
            amproc(10104, 2968, UUID, UUID, 2, "uuid_sortsupport"),
            amproc(10105, 2968, UUID, UUID, 4, "btequalimage"),
            amproc(10181, 2969, UUID, UUID, 1, "uuid_hash"),
            amproc(10182, 2969, UUID, UUID, 2, "uuid_hash_extended"),
            amproc(10119, 5067, XID8, XID8, 1, "xid8cmp"),
            amproc(10120, 5067, XID8, XID8, 4, "btequalimage"),
            amproc(10169, 5032, XID8, XID8, 1, "hashint8"),
            amproc(10170, 5032, XID8, XID8, 2, "hashint8extended"),
            amproc(10118, 4033, JSONB, JSONB, 1, "jsonb_cmp"),
            amproc(10195, 4034, JSONB, JSONB, 1, "jsonb_hash"),
            amproc(10196, 4034, JSONB, JSONB, 2, "jsonb_hash_extended"),
            amproc(10116, 3901, ANYRANGE, ANYRANGE, 1, "range_cmp"),
            amproc(10117, 4199, ANYMULTIRANGE, ANYMULTIRANGE, 1, "multirange_cmp"),
            amproc(10191, 3903, ANYRANGE, ANYRANGE, 1, "hash_range"),
            amproc(10192, 3903, ANYRANGE, ANYRANGE, 2, "hash_range_extended"),
            amproc(10193, 4225, ANYMULTIRANGE, ANYMULTIRANGE, 1, "hash_multirange"),
            amproc(10194, 4225, ANYMULTIRANGE, ANYMULTIRANGE, 2, "hash_multirange_extended"));


    private PgOpclassData() {}

    public static List<Family> families() {
        return FAMILIES;
    }

    public static List<OperatorClass> classes() {
        return CLASSES;
    }

    public static List<Member> operators() {
        return OPERATORS;
    }

    public static List<Support> supportFunctions() {
        return SUPPORT;
    }

    /** The access method of a family (that of its {@code pg_opfamily} row). */
    public static int methodOf(int familyOid) {
        for (Family family : FAMILIES) {
            if (family.oid() == familyOid) {
                return family.method();
            }
        }
        throw new IllegalArgumentException("no operator family " + familyOid);
    }

    /**
     * The default operator class of {@code typeOid} for access method {@code method}, as
     * {@code GetDefaultOpClass} finds it: the class declared default for exactly that type, else
     * among the default classes whose input type the type is binary-coercible to ({@code pg_cast}
     * method 'b'), the one of a preferred type, else the only one ({@code varchar} gets
     * {@code text_ops}). Empty when there is none: CREATE INDEX then fails with 42704
     * {@code data type X has no default operator class for access method "btree"}.
     */
    public static Optional<OperatorClass> defaultOpclass(int typeOid, int method) {
        List<OperatorClass> compatible = new ArrayList<>();
        for (OperatorClass opclass : CLASSES) {
            if (opclass.method() != method || !opclass.isDefault()) {
                continue;
            }
            // anyarray's class serves every array type, as IsPolymorphicType lets GetDefaultOpClass match it
            if (opclass.inputType() == typeOid
                    || opclass.inputType() == ANYARRAY && BuiltinTypes.elementType(typeOid) != 0
                    || opclass.inputType() == ANYRANGE && RangeTypes.isRange(typeOid)
                    || opclass.inputType() == ANYMULTIRANGE && RangeTypes.isMultirange(typeOid)) {
                return Optional.of(opclass);
            }
            PgCastData.Cast cast = PgCastData.find(typeOid, opclass.inputType());
            if (cast != null && cast.method() == PgCastData.BINARY) {
                compatible.add(opclass);
            }
        }
        List<OperatorClass> preferred = compatible.stream()
                .filter(opclass -> PgTypeData.byOid(opclass.inputType()).preferred()).toList();
        if (preferred.size() == 1) {
            return Optional.of(preferred.getFirst());
        }
        return compatible.size() == 1 ? Optional.of(compatible.getFirst()) : Optional.empty();
    }

    private static Family family(int oid, int method, String name) {
        return new Family(oid, method, name);
    }

    private static OperatorClass opclass(int oid, int method, String name, int family, int inputType,
                                         boolean isDefault, int keyType) {
        return new OperatorClass(oid, method, name, family, inputType, isDefault, keyType);
    }

    private static Member amop(int oid, int family, int leftType, int rightType, int strategy, int operator) {
        return new Member(oid, family, leftType, rightType, strategy, operator);
    }

    private static Support amproc(int oid, int family, int leftType, int rightType, int number, String function) {
        return new Support(oid, family, leftType, rightType, number, function);
    }
}
