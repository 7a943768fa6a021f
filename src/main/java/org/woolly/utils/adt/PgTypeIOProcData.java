package org.woolly.utils.adt;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.woolly.utils.adt.PgProcData.CALLED;
import static org.woolly.utils.adt.PgProcData.IMMUTABLE;
import static org.woolly.utils.adt.PgProcData.STABLE;
import static org.woolly.utils.adt.PgProcData.STRICT;
import static org.woolly.utils.adt.TypeOids.*;

/**
 * The types' input, output, receive and send functions, one line per {@code pg_proc} row with
 * PostgreSQL 15's OID, name, return type, volatility, strictness and argument types: every
 * function {@code pg_type.typinput}, {@code typoutput}, {@code typreceive} and {@code typsend}
 * name for the types of {@link PgTypeData}, and those of enums. Rows produced from
 * the real server (see {@code src/test/resources/catalog/README.md}); {@link TypeIOFunctions}
 * implements them over each type's {@link TypeIO}. {@link #BINARY} gives each built-in type's
 * {@code typreceive} and {@code typsend}, which {@link PgTypeData} does not list.
 */
public final class PgTypeIOProcData {
    /** Which of a type's I/O functions a row is. */
    public enum Role { INPUT, OUTPUT, RECEIVE, SEND }

    /** A row of pg_proc and the role it plays for the types that name it. */
    public record IOProc(Role role, PgProcData.Proc proc) {}

    private static final List<IOProc> ALL = List.of(
            io(31, Role.OUTPUT, "byteaout", CSTRING, IMMUTABLE, STRICT, BYTEA),
            io(33, Role.OUTPUT, "charout", CSTRING, IMMUTABLE, STRICT, CHAR),
            io(34, Role.INPUT, "namein", NAME, IMMUTABLE, STRICT, CSTRING),
            io(35, Role.OUTPUT, "nameout", CSTRING, IMMUTABLE, STRICT, NAME),
            io(38, Role.INPUT, "int2in", INT2, IMMUTABLE, STRICT, CSTRING),
            io(39, Role.OUTPUT, "int2out", CSTRING, IMMUTABLE, STRICT, INT2),
            io(40, Role.INPUT, "int2vectorin", INT2VECTOR, IMMUTABLE, STRICT, CSTRING),
            io(41, Role.OUTPUT, "int2vectorout", CSTRING, IMMUTABLE, STRICT, INT2VECTOR),
            io(42, Role.INPUT, "int4in", INT4, IMMUTABLE, STRICT, CSTRING),
            io(43, Role.OUTPUT, "int4out", CSTRING, IMMUTABLE, STRICT, INT4),
            io(44, Role.INPUT, "regprocin", REGPROC, STABLE, STRICT, CSTRING),
            io(45, Role.OUTPUT, "regprocout", CSTRING, STABLE, STRICT, REGPROC),
            io(46, Role.INPUT, "textin", TEXT, IMMUTABLE, STRICT, CSTRING),
            io(47, Role.OUTPUT, "textout", CSTRING, IMMUTABLE, STRICT, TEXT),
            io(48, Role.INPUT, "tidin", TID, IMMUTABLE, STRICT, CSTRING),
            io(49, Role.OUTPUT, "tidout", CSTRING, IMMUTABLE, STRICT, TID),
            io(50, Role.INPUT, "xidin", XID, IMMUTABLE, STRICT, CSTRING),
            io(51, Role.OUTPUT, "xidout", CSTRING, IMMUTABLE, STRICT, XID),
            io(52, Role.INPUT, "cidin", CID, IMMUTABLE, STRICT, CSTRING),
            io(53, Role.OUTPUT, "cidout", CSTRING, IMMUTABLE, STRICT, CID),
            io(54, Role.INPUT, "oidvectorin", OIDVECTOR, IMMUTABLE, STRICT, CSTRING),
            io(55, Role.OUTPUT, "oidvectorout", CSTRING, IMMUTABLE, STRICT, OIDVECTOR),
            io(109, Role.INPUT, "unknownin", UNKNOWN, IMMUTABLE, STRICT, CSTRING),
            io(110, Role.OUTPUT, "unknownout", CSTRING, IMMUTABLE, STRICT, UNKNOWN),
            io(117, Role.INPUT, "point_in", POINT, IMMUTABLE, STRICT, CSTRING),
            io(118, Role.OUTPUT, "point_out", CSTRING, IMMUTABLE, STRICT, POINT),
            io(119, Role.INPUT, "lseg_in", LSEG, IMMUTABLE, STRICT, CSTRING),
            io(120, Role.OUTPUT, "lseg_out", CSTRING, IMMUTABLE, STRICT, LSEG),
            io(121, Role.INPUT, "path_in", PATH, IMMUTABLE, STRICT, CSTRING),
            io(122, Role.OUTPUT, "path_out", CSTRING, IMMUTABLE, STRICT, PATH),
            io(123, Role.INPUT, "box_in", BOX, IMMUTABLE, STRICT, CSTRING),
            io(124, Role.OUTPUT, "box_out", CSTRING, IMMUTABLE, STRICT, BOX),
            io(195, Role.INPUT, "pg_node_tree_in", 194, IMMUTABLE, STRICT, CSTRING),
            io(196, Role.OUTPUT, "pg_node_tree_out", CSTRING, IMMUTABLE, STRICT, 194),
            io(197, Role.RECEIVE, "pg_node_tree_recv", 194, STABLE, STRICT, INTERNAL),
            io(198, Role.SEND, "pg_node_tree_send", BYTEA, STABLE, STRICT, 194),
            io(200, Role.INPUT, "float4in", FLOAT4, IMMUTABLE, STRICT, CSTRING),
            io(201, Role.OUTPUT, "float4out", CSTRING, IMMUTABLE, STRICT, FLOAT4),
            io(214, Role.INPUT, "float8in", FLOAT8, IMMUTABLE, STRICT, CSTRING),
            io(215, Role.OUTPUT, "float8out", CSTRING, IMMUTABLE, STRICT, FLOAT8),
            io(321, Role.INPUT, "json_in", 114, IMMUTABLE, STRICT, CSTRING),
            io(322, Role.OUTPUT, "json_out", CSTRING, IMMUTABLE, STRICT, 114),
            io(323, Role.RECEIVE, "json_recv", 114, IMMUTABLE, STRICT, INTERNAL),
            io(324, Role.SEND, "json_send", BYTEA, IMMUTABLE, STRICT, 114),
            io(347, Role.INPUT, "poly_in", POLYGON, IMMUTABLE, STRICT, CSTRING),
            io(348, Role.OUTPUT, "poly_out", CSTRING, IMMUTABLE, STRICT, POLYGON),
            io(460, Role.INPUT, "int8in", INT8, IMMUTABLE, STRICT, CSTRING),
            io(461, Role.OUTPUT, "int8out", CSTRING, IMMUTABLE, STRICT, INT8),
            io(750, Role.INPUT, "array_in", ANYARRAY, STABLE, STRICT, CSTRING, OID, INT4),
            io(751, Role.OUTPUT, "array_out", CSTRING, STABLE, STRICT, ANYARRAY),
            io(1031, Role.INPUT, "aclitemin", 1033, STABLE, STRICT, CSTRING),
            io(1032, Role.OUTPUT, "aclitemout", CSTRING, STABLE, STRICT, 1033),
            io(1044, Role.INPUT, "bpcharin", BPCHAR, IMMUTABLE, STRICT, CSTRING, OID, INT4),
            io(1045, Role.OUTPUT, "bpcharout", CSTRING, IMMUTABLE, STRICT, BPCHAR),
            io(1046, Role.INPUT, "varcharin", VARCHAR, IMMUTABLE, STRICT, CSTRING, OID, INT4),
            io(1047, Role.OUTPUT, "varcharout", CSTRING, IMMUTABLE, STRICT, VARCHAR),
            io(1084, Role.INPUT, "date_in", DATE, STABLE, STRICT, CSTRING),
            io(1085, Role.OUTPUT, "date_out", CSTRING, STABLE, STRICT, DATE),
            io(1143, Role.INPUT, "time_in", TIME, STABLE, STRICT, CSTRING, OID, INT4),
            io(1144, Role.OUTPUT, "time_out", CSTRING, IMMUTABLE, STRICT, TIME),
            io(1150, Role.INPUT, "timestamptz_in", TIMESTAMPTZ, STABLE, STRICT, CSTRING, OID, INT4),
            io(1151, Role.OUTPUT, "timestamptz_out", CSTRING, STABLE, STRICT, TIMESTAMPTZ),
            io(1160, Role.INPUT, "interval_in", INTERVAL, STABLE, STRICT, CSTRING, OID, INT4),
            io(1161, Role.OUTPUT, "interval_out", CSTRING, STABLE, STRICT, INTERVAL),
            io(1242, Role.INPUT, "boolin", BOOL, IMMUTABLE, STRICT, CSTRING),
            io(1243, Role.OUTPUT, "boolout", CSTRING, IMMUTABLE, STRICT, BOOL),
            io(1244, Role.INPUT, "byteain", BYTEA, IMMUTABLE, STRICT, CSTRING),
            io(1245, Role.INPUT, "charin", CHAR, IMMUTABLE, STRICT, CSTRING),
            io(1312, Role.INPUT, "timestamp_in", TIMESTAMP, STABLE, STRICT, CSTRING, OID, INT4),
            io(1313, Role.OUTPUT, "timestamp_out", CSTRING, STABLE, STRICT, TIMESTAMP),
            io(1350, Role.INPUT, "timetz_in", 1266, STABLE, STRICT, CSTRING, OID, INT4),
            io(1351, Role.OUTPUT, "timetz_out", CSTRING, IMMUTABLE, STRICT, 1266),
            io(1450, Role.INPUT, "circle_in", CIRCLE, IMMUTABLE, STRICT, CSTRING),
            io(1451, Role.OUTPUT, "circle_out", CSTRING, IMMUTABLE, STRICT, CIRCLE),
            io(1490, Role.INPUT, "line_in", LINE, IMMUTABLE, STRICT, CSTRING),
            io(1491, Role.OUTPUT, "line_out", CSTRING, IMMUTABLE, STRICT, LINE),
            io(1564, Role.INPUT, "bit_in", BIT, IMMUTABLE, STRICT, CSTRING, OID, INT4),
            io(1565, Role.OUTPUT, "bit_out", CSTRING, IMMUTABLE, STRICT, BIT),
            io(1579, Role.INPUT, "varbit_in", VARBIT, IMMUTABLE, STRICT, CSTRING, OID, INT4),
            io(1580, Role.OUTPUT, "varbit_out", CSTRING, IMMUTABLE, STRICT, VARBIT),
            io(1701, Role.INPUT, "numeric_in", NUMERIC, IMMUTABLE, STRICT, CSTRING, OID, INT4),
            io(1702, Role.OUTPUT, "numeric_out", CSTRING, IMMUTABLE, STRICT, NUMERIC),
            io(1798, Role.INPUT, "oidin", OID, IMMUTABLE, STRICT, CSTRING),
            io(1799, Role.OUTPUT, "oidout", CSTRING, IMMUTABLE, STRICT, OID),
            io(2212, Role.INPUT, "regprocedurein", REGPROCEDURE, STABLE, STRICT, CSTRING),
            io(2213, Role.OUTPUT, "regprocedureout", CSTRING, STABLE, STRICT, REGPROCEDURE),
            io(2218, Role.INPUT, "regclassin", REGCLASS, STABLE, STRICT, CSTRING),
            io(2219, Role.OUTPUT, "regclassout", CSTRING, STABLE, STRICT, REGCLASS),
            io(2220, Role.INPUT, "regtypein", REGTYPE, STABLE, STRICT, CSTRING),
            io(2221, Role.OUTPUT, "regtypeout", CSTRING, STABLE, STRICT, REGTYPE),
            io(2290, Role.INPUT, "record_in", RECORD, STABLE, STRICT, CSTRING, OID, INT4),
            io(2291, Role.OUTPUT, "record_out", CSTRING, STABLE, STRICT, RECORD),
            io(2292, Role.INPUT, "cstring_in", CSTRING, IMMUTABLE, STRICT, CSTRING),
            io(2293, Role.OUTPUT, "cstring_out", CSTRING, IMMUTABLE, STRICT, CSTRING),
            io(2294, Role.INPUT, "any_in", ANY, IMMUTABLE, STRICT, CSTRING),
            io(2295, Role.OUTPUT, "any_out", CSTRING, IMMUTABLE, STRICT, ANY),
            io(2296, Role.INPUT, "anyarray_in", ANYARRAY, IMMUTABLE, STRICT, CSTRING),
            io(2297, Role.OUTPUT, "anyarray_out", CSTRING, STABLE, STRICT, ANYARRAY),
            io(2298, Role.INPUT, "void_in", VOID, IMMUTABLE, STRICT, CSTRING),
            io(2299, Role.OUTPUT, "void_out", CSTRING, IMMUTABLE, STRICT, VOID),
            io(2300, Role.INPUT, "trigger_in", 2279, IMMUTABLE, CALLED, CSTRING),
            io(2301, Role.OUTPUT, "trigger_out", CSTRING, IMMUTABLE, STRICT, 2279),
            io(2304, Role.INPUT, "internal_in", INTERNAL, IMMUTABLE, CALLED, CSTRING),
            io(2305, Role.OUTPUT, "internal_out", CSTRING, IMMUTABLE, STRICT, INTERNAL),
            io(2312, Role.INPUT, "anyelement_in", ANYELEMENT, IMMUTABLE, STRICT, CSTRING),
            io(2313, Role.OUTPUT, "anyelement_out", CSTRING, IMMUTABLE, STRICT, ANYELEMENT),
            io(2400, Role.RECEIVE, "array_recv", ANYARRAY, STABLE, STRICT, INTERNAL, OID, INT4),
            io(2401, Role.SEND, "array_send", BYTEA, STABLE, STRICT, ANYARRAY),
            io(2402, Role.RECEIVE, "record_recv", RECORD, STABLE, STRICT, INTERNAL, OID, INT4),
            io(2403, Role.SEND, "record_send", BYTEA, STABLE, STRICT, RECORD),
            io(2404, Role.RECEIVE, "int2recv", INT2, IMMUTABLE, STRICT, INTERNAL),
            io(2405, Role.SEND, "int2send", BYTEA, IMMUTABLE, STRICT, INT2),
            io(2406, Role.RECEIVE, "int4recv", INT4, IMMUTABLE, STRICT, INTERNAL),
            io(2407, Role.SEND, "int4send", BYTEA, IMMUTABLE, STRICT, INT4),
            io(2408, Role.RECEIVE, "int8recv", INT8, IMMUTABLE, STRICT, INTERNAL),
            io(2409, Role.SEND, "int8send", BYTEA, IMMUTABLE, STRICT, INT8),
            io(2410, Role.RECEIVE, "int2vectorrecv", INT2VECTOR, IMMUTABLE, STRICT, INTERNAL),
            io(2411, Role.SEND, "int2vectorsend", BYTEA, IMMUTABLE, STRICT, INT2VECTOR),
            io(2412, Role.RECEIVE, "bytearecv", BYTEA, IMMUTABLE, STRICT, INTERNAL),
            io(2413, Role.SEND, "byteasend", BYTEA, IMMUTABLE, STRICT, BYTEA),
            io(2414, Role.RECEIVE, "textrecv", TEXT, STABLE, STRICT, INTERNAL),
            io(2415, Role.SEND, "textsend", BYTEA, STABLE, STRICT, TEXT),
            io(2416, Role.RECEIVE, "unknownrecv", UNKNOWN, IMMUTABLE, STRICT, INTERNAL),
            io(2417, Role.SEND, "unknownsend", BYTEA, IMMUTABLE, STRICT, UNKNOWN),
            io(2418, Role.RECEIVE, "oidrecv", OID, IMMUTABLE, STRICT, INTERNAL),
            io(2419, Role.SEND, "oidsend", BYTEA, IMMUTABLE, STRICT, OID),
            io(2420, Role.RECEIVE, "oidvectorrecv", OIDVECTOR, IMMUTABLE, STRICT, INTERNAL),
            io(2421, Role.SEND, "oidvectorsend", BYTEA, IMMUTABLE, STRICT, OIDVECTOR),
            io(2422, Role.RECEIVE, "namerecv", NAME, STABLE, STRICT, INTERNAL),
            io(2423, Role.SEND, "namesend", BYTEA, STABLE, STRICT, NAME),
            io(2424, Role.RECEIVE, "float4recv", FLOAT4, IMMUTABLE, STRICT, INTERNAL),
            io(2425, Role.SEND, "float4send", BYTEA, IMMUTABLE, STRICT, FLOAT4),
            io(2426, Role.RECEIVE, "float8recv", FLOAT8, IMMUTABLE, STRICT, INTERNAL),
            io(2427, Role.SEND, "float8send", BYTEA, IMMUTABLE, STRICT, FLOAT8),
            io(2428, Role.RECEIVE, "point_recv", POINT, IMMUTABLE, STRICT, INTERNAL),
            io(2429, Role.SEND, "point_send", BYTEA, IMMUTABLE, STRICT, POINT),
            io(2430, Role.RECEIVE, "bpcharrecv", BPCHAR, STABLE, STRICT, INTERNAL, OID, INT4),
            io(2431, Role.SEND, "bpcharsend", BYTEA, STABLE, STRICT, BPCHAR),
            io(2432, Role.RECEIVE, "varcharrecv", VARCHAR, STABLE, STRICT, INTERNAL, OID, INT4),
            io(2433, Role.SEND, "varcharsend", BYTEA, STABLE, STRICT, VARCHAR),
            io(2434, Role.RECEIVE, "charrecv", CHAR, IMMUTABLE, STRICT, INTERNAL),
            io(2435, Role.SEND, "charsend", BYTEA, IMMUTABLE, STRICT, CHAR),
            io(2436, Role.RECEIVE, "boolrecv", BOOL, IMMUTABLE, STRICT, INTERNAL),
            io(2437, Role.SEND, "boolsend", BYTEA, IMMUTABLE, STRICT, BOOL),
            io(2438, Role.RECEIVE, "tidrecv", TID, IMMUTABLE, STRICT, INTERNAL),
            io(2439, Role.SEND, "tidsend", BYTEA, IMMUTABLE, STRICT, TID),
            io(2440, Role.RECEIVE, "xidrecv", XID, IMMUTABLE, STRICT, INTERNAL),
            io(2441, Role.SEND, "xidsend", BYTEA, IMMUTABLE, STRICT, XID),
            io(2442, Role.RECEIVE, "cidrecv", CID, IMMUTABLE, STRICT, INTERNAL),
            io(2443, Role.SEND, "cidsend", BYTEA, IMMUTABLE, STRICT, CID),
            io(2444, Role.RECEIVE, "regprocrecv", REGPROC, IMMUTABLE, STRICT, INTERNAL),
            io(2445, Role.SEND, "regprocsend", BYTEA, IMMUTABLE, STRICT, REGPROC),
            io(2446, Role.RECEIVE, "regprocedurerecv", REGPROCEDURE, IMMUTABLE, STRICT, INTERNAL),
            io(2447, Role.SEND, "regproceduresend", BYTEA, IMMUTABLE, STRICT, REGPROCEDURE),
            io(2452, Role.RECEIVE, "regclassrecv", REGCLASS, IMMUTABLE, STRICT, INTERNAL),
            io(2453, Role.SEND, "regclasssend", BYTEA, IMMUTABLE, STRICT, REGCLASS),
            io(2454, Role.RECEIVE, "regtyperecv", REGTYPE, IMMUTABLE, STRICT, INTERNAL),
            io(2455, Role.SEND, "regtypesend", BYTEA, IMMUTABLE, STRICT, REGTYPE),
            io(2456, Role.RECEIVE, "bit_recv", BIT, IMMUTABLE, STRICT, INTERNAL, OID, INT4),
            io(2457, Role.SEND, "bit_send", BYTEA, IMMUTABLE, STRICT, BIT),
            io(2458, Role.RECEIVE, "varbit_recv", VARBIT, IMMUTABLE, STRICT, INTERNAL, OID, INT4),
            io(2459, Role.SEND, "varbit_send", BYTEA, IMMUTABLE, STRICT, VARBIT),
            io(2460, Role.RECEIVE, "numeric_recv", NUMERIC, IMMUTABLE, STRICT, INTERNAL, OID, INT4),
            io(2461, Role.SEND, "numeric_send", BYTEA, IMMUTABLE, STRICT, NUMERIC),
            io(2468, Role.RECEIVE, "date_recv", DATE, IMMUTABLE, STRICT, INTERNAL),
            io(2469, Role.SEND, "date_send", BYTEA, IMMUTABLE, STRICT, DATE),
            io(2470, Role.RECEIVE, "time_recv", TIME, IMMUTABLE, STRICT, INTERNAL, OID, INT4),
            io(2471, Role.SEND, "time_send", BYTEA, IMMUTABLE, STRICT, TIME),
            io(2472, Role.RECEIVE, "timetz_recv", 1266, IMMUTABLE, STRICT, INTERNAL, OID, INT4),
            io(2473, Role.SEND, "timetz_send", BYTEA, IMMUTABLE, STRICT, 1266),
            io(2474, Role.RECEIVE, "timestamp_recv", TIMESTAMP, IMMUTABLE, STRICT, INTERNAL, OID, INT4),
            io(2475, Role.SEND, "timestamp_send", BYTEA, IMMUTABLE, STRICT, TIMESTAMP),
            io(2476, Role.RECEIVE, "timestamptz_recv", TIMESTAMPTZ, IMMUTABLE, STRICT, INTERNAL, OID, INT4),
            io(2477, Role.SEND, "timestamptz_send", BYTEA, IMMUTABLE, STRICT, TIMESTAMPTZ),
            io(2478, Role.RECEIVE, "interval_recv", INTERVAL, IMMUTABLE, STRICT, INTERNAL, OID, INT4),
            io(2479, Role.SEND, "interval_send", BYTEA, IMMUTABLE, STRICT, INTERVAL),
            io(2480, Role.RECEIVE, "lseg_recv", LSEG, IMMUTABLE, STRICT, INTERNAL),
            io(2481, Role.SEND, "lseg_send", BYTEA, IMMUTABLE, STRICT, LSEG),
            io(2482, Role.RECEIVE, "path_recv", PATH, IMMUTABLE, STRICT, INTERNAL),
            io(2483, Role.SEND, "path_send", BYTEA, IMMUTABLE, STRICT, PATH),
            io(2484, Role.RECEIVE, "box_recv", BOX, IMMUTABLE, STRICT, INTERNAL),
            io(2485, Role.SEND, "box_send", BYTEA, IMMUTABLE, STRICT, BOX),
            io(2486, Role.RECEIVE, "poly_recv", POLYGON, IMMUTABLE, STRICT, INTERNAL),
            io(2487, Role.SEND, "poly_send", BYTEA, IMMUTABLE, STRICT, POLYGON),
            io(2488, Role.RECEIVE, "line_recv", LINE, IMMUTABLE, STRICT, INTERNAL),
            io(2489, Role.SEND, "line_send", BYTEA, IMMUTABLE, STRICT, LINE),
            io(2490, Role.RECEIVE, "circle_recv", CIRCLE, IMMUTABLE, STRICT, INTERNAL),
            io(2491, Role.SEND, "circle_send", BYTEA, IMMUTABLE, STRICT, CIRCLE),
            io(2500, Role.RECEIVE, "cstring_recv", CSTRING, STABLE, STRICT, INTERNAL),
            io(2501, Role.SEND, "cstring_send", BYTEA, STABLE, STRICT, CSTRING),
            io(2502, Role.RECEIVE, "anyarray_recv", ANYARRAY, STABLE, STRICT, INTERNAL),
            io(2503, Role.SEND, "anyarray_send", BYTEA, STABLE, STRICT, ANYARRAY),
            io(2777, Role.INPUT, "anynonarray_in", ANYNONARRAY, IMMUTABLE, STRICT, CSTRING),
            io(2778, Role.OUTPUT, "anynonarray_out", CSTRING, IMMUTABLE, STRICT, ANYNONARRAY),
            io(2939, Role.INPUT, "txid_snapshot_in", TXID_SNAPSHOT, IMMUTABLE, STRICT, CSTRING),
            io(2940, Role.OUTPUT, "txid_snapshot_out", CSTRING, IMMUTABLE, STRICT, TXID_SNAPSHOT),
            io(2941, Role.RECEIVE, "txid_snapshot_recv", TXID_SNAPSHOT, IMMUTABLE, STRICT, INTERNAL),
            io(2942, Role.SEND, "txid_snapshot_send", BYTEA, IMMUTABLE, STRICT, TXID_SNAPSHOT),
            io(2952, Role.INPUT, "uuid_in", UUID, IMMUTABLE, STRICT, CSTRING),
            io(2953, Role.OUTPUT, "uuid_out", CSTRING, IMMUTABLE, STRICT, UUID),
            io(2961, Role.RECEIVE, "uuid_recv", UUID, IMMUTABLE, STRICT, INTERNAL),
            io(2962, Role.SEND, "uuid_send", BYTEA, IMMUTABLE, STRICT, UUID),
            io(3120, Role.RECEIVE, "void_recv", VOID, IMMUTABLE, STRICT, INTERNAL),
            io(3121, Role.SEND, "void_send", BYTEA, IMMUTABLE, STRICT, VOID),
            io(3504, Role.INPUT, "anyenum_in", ANYENUM, IMMUTABLE, STRICT, CSTRING),
            io(3505, Role.OUTPUT, "anyenum_out", CSTRING, STABLE, STRICT, ANYENUM),
            io(3506, Role.INPUT, "enum_in", ANYENUM, STABLE, STRICT, CSTRING, OID),
            io(3507, Role.OUTPUT, "enum_out", CSTRING, STABLE, STRICT, ANYENUM),
            io(3532, Role.RECEIVE, "enum_recv", ANYENUM, STABLE, STRICT, INTERNAL, OID),
            io(3533, Role.SEND, "enum_send", BYTEA, STABLE, STRICT, ANYENUM),
            io(3803, Role.SEND, "jsonb_send", BYTEA, IMMUTABLE, STRICT, 3802),
            io(3804, Role.OUTPUT, "jsonb_out", CSTRING, IMMUTABLE, STRICT, 3802),
            io(3805, Role.RECEIVE, "jsonb_recv", 3802, IMMUTABLE, STRICT, INTERNAL),
            io(3806, Role.INPUT, "jsonb_in", 3802, IMMUTABLE, STRICT, CSTRING),
            io(4084, Role.INPUT, "regnamespacein", REGNAMESPACE, STABLE, STRICT, CSTRING),
            io(4085, Role.OUTPUT, "regnamespaceout", CSTRING, STABLE, STRICT, REGNAMESPACE),
            io(4087, Role.RECEIVE, "regnamespacerecv", REGNAMESPACE, IMMUTABLE, STRICT, INTERNAL),
            io(4088, Role.SEND, "regnamespacesend", BYTEA, IMMUTABLE, STRICT, REGNAMESPACE),
            io(4092, Role.OUTPUT, "regroleout", CSTRING, STABLE, STRICT, REGROLE),
            io(4094, Role.RECEIVE, "regrolerecv", REGROLE, IMMUTABLE, STRICT, INTERNAL),
            io(4095, Role.SEND, "regrolesend", BYTEA, IMMUTABLE, STRICT, REGROLE),
            io(4098, Role.INPUT, "regrolein", REGROLE, STABLE, STRICT, CSTRING),
            io(5055, Role.INPUT, "pg_snapshot_in", PG_SNAPSHOT, IMMUTABLE, STRICT, CSTRING),
            io(5056, Role.OUTPUT, "pg_snapshot_out", CSTRING, IMMUTABLE, STRICT, PG_SNAPSHOT),
            io(5057, Role.RECEIVE, "pg_snapshot_recv", PG_SNAPSHOT, IMMUTABLE, STRICT, INTERNAL),
            io(5058, Role.SEND, "pg_snapshot_send", BYTEA, IMMUTABLE, STRICT, PG_SNAPSHOT),
            io(5070, Role.INPUT, "xid8in", XID8, IMMUTABLE, STRICT, CSTRING),
            io(5081, Role.OUTPUT, "xid8out", CSTRING, IMMUTABLE, STRICT, XID8),
            io(5082, Role.RECEIVE, "xid8recv", XID8, IMMUTABLE, STRICT, INTERNAL),
            io(5083, Role.SEND, "xid8send", BYTEA, IMMUTABLE, STRICT, XID8),
            io(5086, Role.INPUT, "anycompatible_in", ANYCOMPATIBLE, IMMUTABLE, STRICT, CSTRING),
            io(5087, Role.OUTPUT, "anycompatible_out", CSTRING, IMMUTABLE, STRICT, ANYCOMPATIBLE),
            io(5088, Role.INPUT, "anycompatiblearray_in", ANYCOMPATIBLEARRAY, IMMUTABLE, STRICT, CSTRING),
            io(5089, Role.OUTPUT, "anycompatiblearray_out", CSTRING, STABLE, STRICT, ANYCOMPATIBLEARRAY),
            io(5090, Role.RECEIVE, "anycompatiblearray_recv", ANYCOMPATIBLEARRAY, STABLE, STRICT, INTERNAL),
            io(5091, Role.SEND, "anycompatiblearray_send", BYTEA, STABLE, STRICT, ANYCOMPATIBLEARRAY)
    );

    private static final List<int[]> BINARY = List.of(
            binary(16, 2436, 2437),
            binary(17, 2412, 2413),
            binary(18, 2434, 2435),
            binary(19, 2422, 2423),
            binary(20, 2408, 2409),
            binary(21, 2404, 2405),
            binary(22, 2410, 2411),
            binary(23, 2406, 2407),
            binary(24, 2444, 2445),
            binary(25, 2414, 2415),
            binary(26, 2418, 2419),
            binary(27, 2438, 2439),
            binary(28, 2440, 2441),
            binary(29, 2442, 2443),
            binary(30, 2420, 2421),
            binary(114, 323, 324),
            binary(194, 197, 198),
            binary(199, 2400, 2401),
            binary(271, 2400, 2401),
            binary(600, 2428, 2429),
            binary(601, 2480, 2481),
            binary(602, 2482, 2483),
            binary(603, 2484, 2485),
            binary(604, 2486, 2487),
            binary(628, 2488, 2489),
            binary(629, 2400, 2401),
            binary(700, 2424, 2425),
            binary(701, 2426, 2427),
            binary(705, 2416, 2417),
            binary(718, 2490, 2491),
            binary(719, 2400, 2401),
            binary(1000, 2400, 2401),
            binary(1001, 2400, 2401),
            binary(1002, 2400, 2401),
            binary(1003, 2400, 2401),
            binary(1005, 2400, 2401),
            binary(1006, 2400, 2401),
            binary(1007, 2400, 2401),
            binary(1008, 2400, 2401),
            binary(1009, 2400, 2401),
            binary(1010, 2400, 2401),
            binary(1011, 2400, 2401),
            binary(1012, 2400, 2401),
            binary(1013, 2400, 2401),
            binary(1014, 2400, 2401),
            binary(1015, 2400, 2401),
            binary(1016, 2400, 2401),
            binary(1017, 2400, 2401),
            binary(1018, 2400, 2401),
            binary(1019, 2400, 2401),
            binary(1020, 2400, 2401),
            binary(1021, 2400, 2401),
            binary(1022, 2400, 2401),
            binary(1027, 2400, 2401),
            binary(1028, 2400, 2401),
            binary(1033, 0, 0),
            binary(1034, 2400, 2401),
            binary(1042, 2430, 2431),
            binary(1043, 2432, 2433),
            binary(1082, 2468, 2469),
            binary(1083, 2470, 2471),
            binary(1114, 2474, 2475),
            binary(1115, 2400, 2401),
            binary(1182, 2400, 2401),
            binary(1183, 2400, 2401),
            binary(1184, 2476, 2477),
            binary(1185, 2400, 2401),
            binary(1186, 2478, 2479),
            binary(1187, 2400, 2401),
            binary(1231, 2400, 2401),
            binary(1263, 2400, 2401),
            binary(1266, 2472, 2473),
            binary(1270, 2400, 2401),
            binary(1560, 2456, 2457),
            binary(1561, 2400, 2401),
            binary(1562, 2458, 2459),
            binary(1563, 2400, 2401),
            binary(1700, 2460, 2461),
            binary(2202, 2446, 2447),
            binary(2205, 2452, 2453),
            binary(2206, 2454, 2455),
            binary(2207, 2400, 2401),
            binary(2210, 2400, 2401),
            binary(2211, 2400, 2401),
            binary(2249, 2402, 2403),
            binary(2275, 2500, 2501),
            binary(2276, 0, 0),
            binary(2277, 2502, 2503),
            binary(2278, 3120, 3121),
            binary(2279, 0, 0),
            binary(2281, 0, 0),
            binary(2283, 0, 0),
            binary(2287, 2400, 2401),
            binary(2776, 0, 0),
            binary(2949, 2400, 2401),
            binary(2950, 2961, 2962),
            binary(2951, 2400, 2401),
            binary(2970, 2941, 2942),
            binary(3802, 3805, 3803),
            binary(3807, 2400, 2401),
            binary(4089, 4087, 4088),
            binary(4090, 2400, 2401),
            binary(4096, 4094, 4095),
            binary(4097, 2400, 2401),
            binary(5038, 5057, 5058),
            binary(5039, 2400, 2401),
            binary(5069, 5082, 5083),
            binary(5077, 0, 0),
            binary(5078, 5090, 5091)
    );

    private static final Map<String, IOProc> BY_NAME = new HashMap<>();
    private static final Map<Integer, int[]> BINARY_BY_TYPE = new HashMap<>();

    static {
        for (IOProc row : ALL) {
            if (BY_NAME.put(row.proc().name(), row) != null) {
                throw new IllegalStateException("two I/O functions named " + row.proc().name());
            }
        }
        for (int[] row : BINARY) {
            BINARY_BY_TYPE.put(row[0], row);
        }
    }

    private PgTypeIOProcData() {}

    private static IOProc io(int oid, Role role, String name, int returnType, char volatility, boolean strict,
                             int... argumentTypes) {
        return new IOProc(role, new PgProcData.Proc(oid, name, returnType, volatility, strict, false, argumentTypes));
    }

    private static int[] binary(int typeOid, int receive, int send) {
        return new int[] {typeOid, receive, send};
    }

    public static List<IOProc> all() {
        return ALL;
    }

    /** The I/O function with this name ({@code "int4in"}, {@code "array_out"}), or null. */
    public static IOProc byName(String name) {
        return BY_NAME.get(name);
    }

    /** The OID of the I/O function with this name, 0 for null or "-" as pg_type spells "none". */
    public static int oidOf(String name) {
        IOProc row = name == null ? null : BY_NAME.get(name);
        return row == null ? 0 : row.proc().oid();
    }

    /** {@code typreceive} of a built-in type, 0 when it has none. */
    public static int receiveOf(int typeOid) {
        int[] row = BINARY_BY_TYPE.get(typeOid);
        return row == null ? 0 : row[1];
    }

    /** {@code typsend} of a built-in type, 0 when it has none. */
    public static int sendOf(int typeOid) {
        int[] row = BINARY_BY_TYPE.get(typeOid);
        return row == null ? 0 : row[2];
    }
}
