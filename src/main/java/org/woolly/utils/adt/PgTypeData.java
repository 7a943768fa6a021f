package org.woolly.utils.adt;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in types, one line per {@code pg_type} row with PostgreSQL 15's values: OID, name,
 * {@code typlen}, {@code typbyval}, {@code typtype}, {@code typcategory}, {@code typispreferred},
 * {@code typelem}, {@code typarray}, input and output functions, {@code typalign},
 * {@code typstorage}, {@code typcollation}: the role of {@code src/include/catalog/pg_type.dat}.
 * initdb writes every row; {@link BuiltinTypes} attaches I/O to the types Woolly implements.
 * Also listed: the types the system catalogs' columns are made of.
 */
public final class PgTypeData {
    /** One pg_type row. */
    public record Type(int oid, String name, short length, boolean byValue, char typtype, char category,
                       boolean preferred, int elementOid, int arrayOid, String input, String output, char align,
                       char storage, int collation) {

        public boolean isPseudoType() {
            return typtype == 'p';
        }
    }

    private static final List<Type> ALL = List.of(
            type(16, "bool", 1, true, 'b', 'B', true, 0, 1000, "boolin", "boolout", 'c', 'p', 0),
            type(17, "bytea", -1, false, 'b', 'U', false, 0, 1001, "byteain", "byteaout", 'i', 'x', 0),
            type(18, "char", 1, true, 'b', 'Z', false, 0, 1002, "charin", "charout", 'c', 'p', 0),
            type(19, "name", 64, false, 'b', 'S', false, 18, 1003, "namein", "nameout", 'c', 'p', 950),
            type(20, "int8", 8, true, 'b', 'N', false, 0, 1016, "int8in", "int8out", 'd', 'p', 0),
            type(21, "int2", 2, true, 'b', 'N', false, 0, 1005, "int2in", "int2out", 's', 'p', 0),
            type(22, "int2vector", -1, false, 'b', 'A', false, 21, 1006, "int2vectorin", "int2vectorout", 'i', 'p', 0),
            type(23, "int4", 4, true, 'b', 'N', false, 0, 1007, "int4in", "int4out", 'i', 'p', 0),
            type(24, "regproc", 4, true, 'b', 'N', false, 0, 1008, "regprocin", "regprocout", 'i', 'p', 0),
            type(25, "text", -1, false, 'b', 'S', true, 0, 1009, "textin", "textout", 'i', 'x', 100),
            type(26, "oid", 4, true, 'b', 'N', true, 0, 1028, "oidin", "oidout", 'i', 'p', 0),
            type(27, "tid", 6, false, 'b', 'U', false, 0, 1010, "tidin", "tidout", 's', 'p', 0),
            // xid holds Woolly's 64-bit XIDs whole (as xid8 does): 8 bytes, where PostgreSQL's 32-bit xid has 4
            type(28, "xid", 8, true, 'b', 'U', false, 0, 1011, "xidin", "xidout", 'd', 'p', 0),
            type(29, "cid", 4, true, 'b', 'U', false, 0, 1012, "cidin", "cidout", 'i', 'p', 0),
            type(30, "oidvector", -1, false, 'b', 'A', false, 26, 1013, "oidvectorin", "oidvectorout", 'i', 'p', 0),
            type(114, "json", -1, false, 'b', 'U', false, 0, 199, "json_in", "json_out", 'i', 'x', 0),
            type(194, "pg_node_tree", -1, false, 'b', 'Z', false, 0, 0, "pg_node_tree_in", "pg_node_tree_out", 'i', 'x', 100),
            type(199, "_json", -1, false, 'b', 'A', false, 114, 0, "array_in", "array_out", 'i', 'x', 0),
            type(2949, "_txid_snapshot", -1, false, 'b', 'A', false, 2970, 0, "array_in", "array_out", 'd', 'x', 0),
            type(2970, "txid_snapshot", -1, false, 'b', 'U', false, 0, 2949, "txid_snapshot_in", "txid_snapshot_out", 'd', 'x', 0),
            type(5038, "pg_snapshot", -1, false, 'b', 'U', false, 0, 5039, "pg_snapshot_in", "pg_snapshot_out", 'd', 'x', 0),
            type(5039, "_pg_snapshot", -1, false, 'b', 'A', false, 5038, 0, "array_in", "array_out", 'd', 'x', 0),
            type(271, "_xid8", -1, false, 'b', 'A', false, 5069, 0, "array_in", "array_out", 'd', 'x', 0),
            type(700, "float4", 4, true, 'b', 'N', false, 0, 1021, "float4in", "float4out", 'i', 'p', 0),
            type(701, "float8", 8, true, 'b', 'N', true, 0, 1022, "float8in", "float8out", 'd', 'p', 0),
            type(705, "unknown", -2, false, 'p', 'X', false, 0, 0, "unknownin", "unknownout", 'c', 'p', 0),
            type(1000, "_bool", -1, false, 'b', 'A', false, 16, 0, "array_in", "array_out", 'i', 'x', 0),
            type(1001, "_bytea", -1, false, 'b', 'A', false, 17, 0, "array_in", "array_out", 'i', 'x', 0),
            type(1002, "_char", -1, false, 'b', 'A', false, 18, 0, "array_in", "array_out", 'i', 'x', 0),
            type(1003, "_name", -1, false, 'b', 'A', false, 19, 0, "array_in", "array_out", 'i', 'x', 950),
            type(1005, "_int2", -1, false, 'b', 'A', false, 21, 0, "array_in", "array_out", 'i', 'x', 0),
            type(1006, "_int2vector", -1, false, 'b', 'A', false, 22, 0, "array_in", "array_out", 'i', 'x', 0),
            type(1007, "_int4", -1, false, 'b', 'A', false, 23, 0, "array_in", "array_out", 'i', 'x', 0),
            type(1008, "_regproc", -1, false, 'b', 'A', false, 24, 0, "array_in", "array_out", 'i', 'x', 0),
            type(1009, "_text", -1, false, 'b', 'A', false, 25, 0, "array_in", "array_out", 'i', 'x', 100),
            type(1010, "_tid", -1, false, 'b', 'A', false, 27, 0, "array_in", "array_out", 'i', 'x', 0),
            type(1011, "_xid", -1, false, 'b', 'A', false, 28, 0, "array_in", "array_out", 'i', 'x', 0),
            type(1012, "_cid", -1, false, 'b', 'A', false, 29, 0, "array_in", "array_out", 'i', 'x', 0),
            type(1013, "_oidvector", -1, false, 'b', 'A', false, 30, 0, "array_in", "array_out", 'i', 'x', 0),
            type(1014, "_bpchar", -1, false, 'b', 'A', false, 1042, 0, "array_in", "array_out", 'i', 'x', 100),
            type(1015, "_varchar", -1, false, 'b', 'A', false, 1043, 0, "array_in", "array_out", 'i', 'x', 100),
            type(1016, "_int8", -1, false, 'b', 'A', false, 20, 0, "array_in", "array_out", 'd', 'x', 0),
            type(1021, "_float4", -1, false, 'b', 'A', false, 700, 0, "array_in", "array_out", 'i', 'x', 0),
            type(1022, "_float8", -1, false, 'b', 'A', false, 701, 0, "array_in", "array_out", 'd', 'x', 0),
            type(1028, "_oid", -1, false, 'b', 'A', false, 26, 0, "array_in", "array_out", 'i', 'x', 0),
            type(1033, "aclitem", 12, false, 'b', 'U', false, 0, 1034, "aclitemin", "aclitemout", 'i', 'p', 0),
            type(1034, "_aclitem", -1, false, 'b', 'A', false, 1033, 0, "array_in", "array_out", 'i', 'x', 0),
            type(1042, "bpchar", -1, false, 'b', 'S', false, 0, 1014, "bpcharin", "bpcharout", 'i', 'x', 100),
            type(1043, "varchar", -1, false, 'b', 'S', false, 0, 1015, "varcharin", "varcharout", 'i', 'x', 100),
            type(1082, "date", 4, true, 'b', 'D', false, 0, 1182, "date_in", "date_out", 'i', 'p', 0),
            type(1083, "time", 8, true, 'b', 'D', false, 0, 1183, "time_in", "time_out", 'd', 'p', 0),
            type(1114, "timestamp", 8, true, 'b', 'D', false, 0, 1115, "timestamp_in", "timestamp_out", 'd', 'p', 0),
            type(1115, "_timestamp", -1, false, 'b', 'A', false, 1114, 0, "array_in", "array_out", 'd', 'x', 0),
            type(1182, "_date", -1, false, 'b', 'A', false, 1082, 0, "array_in", "array_out", 'i', 'x', 0),
            type(1183, "_time", -1, false, 'b', 'A', false, 1083, 0, "array_in", "array_out", 'd', 'x', 0),
            type(1184, "timestamptz", 8, true, 'b', 'D', true, 0, 1185, "timestamptz_in", "timestamptz_out", 'd', 'p', 0),
            type(1185, "_timestamptz", -1, false, 'b', 'A', false, 1184, 0, "array_in", "array_out", 'd', 'x', 0),
            type(1186, "interval", 16, false, 'b', 'T', true, 0, 1187, "interval_in", "interval_out", 'd', 'p', 0),
            type(1187, "_interval", -1, false, 'b', 'A', false, 1186, 0, "array_in", "array_out", 'd', 'x', 0),
            type(1231, "_numeric", -1, false, 'b', 'A', false, 1700, 0, "array_in", "array_out", 'i', 'x', 0),
            type(1263, "_cstring", -1, false, 'b', 'A', false, 2275, 0, "array_in", "array_out", 'i', 'x', 0),
            type(1266, "timetz", 12, false, 'b', 'D', false, 0, 1270, "timetz_in", "timetz_out", 'd', 'p', 0),
            type(1270, "_timetz", -1, false, 'b', 'A', false, 1266, 0, "array_in", "array_out", 'd', 'x', 0),
            type(1700, "numeric", -1, false, 'b', 'N', false, 0, 1231, "numeric_in", "numeric_out", 'i', 'm', 0),
            type(2202, "regprocedure", 4, true, 'b', 'N', false, 0, 2207, "regprocedurein", "regprocedureout", 'i', 'p', 0),
            type(2207, "_regprocedure", -1, false, 'b', 'A', false, 2202, 0, "array_in", "array_out", 'i', 'x', 0),
            type(4089, "regnamespace", 4, true, 'b', 'N', false, 0, 4090, "regnamespacein", "regnamespaceout", 'i', 'p', 0),
            type(4090, "_regnamespace", -1, false, 'b', 'A', false, 4089, 0, "array_in", "array_out", 'i', 'x', 0),
            type(4096, "regrole", 4, true, 'b', 'N', false, 0, 4097, "regrolein", "regroleout", 'i', 'p', 0),
            type(4097, "_regrole", -1, false, 'b', 'A', false, 4096, 0, "array_in", "array_out", 'i', 'x', 0),
            type(2205, "regclass", 4, true, 'b', 'N', false, 0, 2210, "regclassin", "regclassout", 'i', 'p', 0),
            type(2206, "regtype", 4, true, 'b', 'N', false, 0, 2211, "regtypein", "regtypeout", 'i', 'p', 0),
            type(2210, "_regclass", -1, false, 'b', 'A', false, 2205, 0, "array_in", "array_out", 'i', 'x', 0),
            type(2211, "_regtype", -1, false, 'b', 'A', false, 2206, 0, "array_in", "array_out", 'i', 'x', 0),
            type(2249, "record", -1, false, 'p', 'P', false, 0, 2287, "record_in", "record_out", 'd', 'x', 0),
            type(2275, "cstring", -2, false, 'p', 'P', false, 0, 1263, "cstring_in", "cstring_out", 'c', 'p', 0),
            type(2276, "any", 4, true, 'p', 'P', false, 0, 0, "any_in", "any_out", 'i', 'p', 0),
            type(2277, "anyarray", -1, false, 'p', 'P', false, 0, 0, "anyarray_in", "anyarray_out", 'd', 'x', 0),
            type(2278, "void", 4, true, 'p', 'P', false, 0, 0, "void_in", "void_out", 'i', 'p', 0),
            type(2279, "trigger", 4, true, 'p', 'P', false, 0, 0, "trigger_in", "trigger_out", 'i', 'p', 0),
            type(2281, "internal", 8, true, 'p', 'P', false, 0, 0, "internal_in", "internal_out", 'd', 'p', 0),
            type(2283, "anyelement", 4, true, 'p', 'P', false, 0, 0, "anyelement_in", "anyelement_out", 'i', 'p', 0),
            type(2287, "_record", -1, false, 'p', 'P', false, 2249, 0, "array_in", "array_out", 'd', 'x', 0),
            type(2776, "anynonarray", 4, true, 'p', 'P', false, 0, 0, "anynonarray_in", "anynonarray_out", 'i', 'p', 0),
            type(2950, "uuid", 16, false, 'b', 'U', false, 0, 2951, "uuid_in", "uuid_out", 'c', 'p', 0),
            type(2951, "_uuid", -1, false, 'b', 'A', false, 2950, 0, "array_in", "array_out", 'i', 'x', 0),
            type(3802, "jsonb", -1, false, 'b', 'U', false, 0, 3807, "jsonb_in", "jsonb_out", 'i', 'x', 0),
            type(3807, "_jsonb", -1, false, 'b', 'A', false, 3802, 0, "array_in", "array_out", 'i', 'x', 0),
            type(4072, "jsonpath", -1, false, 'b', 'U', false, 0, 4073, "jsonpath_in", "jsonpath_out", 'i', 'x', 0),
            type(4073, "_jsonpath", -1, false, 'b', 'A', false, 4072, 0, "array_in", "array_out", 'i', 'x', 0),
            type(5077, "anycompatible", 4, true, 'p', 'P', false, 0, 0, "anycompatible_in", "anycompatible_out", 'i', 'p', 0),
            type(5078, "anycompatiblearray", -1, false, 'p', 'P', false, 0, 0, "anycompatiblearray_in", "anycompatiblearray_out", 'd', 'x', 0),
            type(3831, "anyrange", -1, false, 'p', 'P', false, 0, 0, "anyrange_in", "anyrange_out", 'd', 'x', 0),
            type(3904, "int4range", -1, false, 'r', 'R', false, 0, 3905, "range_in", "range_out", 'i', 'x', 0),
            type(3905, "_int4range", -1, false, 'b', 'A', false, 3904, 0, "array_in", "array_out", 'i', 'x', 0),
            type(3906, "numrange", -1, false, 'r', 'R', false, 0, 3907, "range_in", "range_out", 'i', 'x', 0),
            type(3907, "_numrange", -1, false, 'b', 'A', false, 3906, 0, "array_in", "array_out", 'i', 'x', 0),
            type(3908, "tsrange", -1, false, 'r', 'R', false, 0, 3909, "range_in", "range_out", 'd', 'x', 0),
            type(3909, "_tsrange", -1, false, 'b', 'A', false, 3908, 0, "array_in", "array_out", 'd', 'x', 0),
            type(3910, "tstzrange", -1, false, 'r', 'R', false, 0, 3911, "range_in", "range_out", 'd', 'x', 0),
            type(3911, "_tstzrange", -1, false, 'b', 'A', false, 3910, 0, "array_in", "array_out", 'd', 'x', 0),
            type(3912, "daterange", -1, false, 'r', 'R', false, 0, 3913, "range_in", "range_out", 'i', 'x', 0),
            type(3913, "_daterange", -1, false, 'b', 'A', false, 3912, 0, "array_in", "array_out", 'i', 'x', 0),
            type(3926, "int8range", -1, false, 'r', 'R', false, 0, 3927, "range_in", "range_out", 'd', 'x', 0),
            type(3927, "_int8range", -1, false, 'b', 'A', false, 3926, 0, "array_in", "array_out", 'd', 'x', 0),
            type(4451, "int4multirange", -1, false, 'm', 'R', false, 0, 6150, "multirange_in", "multirange_out", 'i', 'x', 0),
            type(4532, "nummultirange", -1, false, 'm', 'R', false, 0, 6151, "multirange_in", "multirange_out", 'i', 'x', 0),
            type(4533, "tsmultirange", -1, false, 'm', 'R', false, 0, 6152, "multirange_in", "multirange_out", 'd', 'x', 0),
            type(4534, "tstzmultirange", -1, false, 'm', 'R', false, 0, 6153, "multirange_in", "multirange_out", 'd', 'x', 0),
            type(4535, "datemultirange", -1, false, 'm', 'R', false, 0, 6155, "multirange_in", "multirange_out", 'i', 'x', 0),
            type(4536, "int8multirange", -1, false, 'm', 'R', false, 0, 6157, "multirange_in", "multirange_out", 'd', 'x', 0),
            type(4537, "anymultirange", -1, false, 'p', 'P', false, 0, 0, "anymultirange_in", "anymultirange_out", 'd', 'x', 0),
            type(4538, "anycompatiblemultirange", -1, false, 'p', 'P', false, 0, 0, "anycompatiblemultirange_in", "anycompatiblemultirange_out", 'd', 'x', 0),
            type(5080, "anycompatiblerange", -1, false, 'p', 'P', false, 0, 0, "anycompatiblerange_in", "anycompatiblerange_out", 'd', 'x', 0),
            type(6150, "_int4multirange", -1, false, 'b', 'A', false, 4451, 0, "array_in", "array_out", 'i', 'x', 0),
            type(6151, "_nummultirange", -1, false, 'b', 'A', false, 4532, 0, "array_in", "array_out", 'i', 'x', 0),
            type(6152, "_tsmultirange", -1, false, 'b', 'A', false, 4533, 0, "array_in", "array_out", 'd', 'x', 0),
            type(6153, "_tstzmultirange", -1, false, 'b', 'A', false, 4534, 0, "array_in", "array_out", 'd', 'x', 0),
            type(6155, "_datemultirange", -1, false, 'b', 'A', false, 4535, 0, "array_in", "array_out", 'i', 'x', 0),
            type(6157, "_int8multirange", -1, false, 'b', 'A', false, 4536, 0, "array_in", "array_out", 'd', 'x', 0),
            type(1560, "bit", -1, false, 'b', 'V', false, 0, 1561, "bit_in", "bit_out", 'i', 'x', 0),
            type(1561, "_bit", -1, false, 'b', 'A', false, 1560, 0, "array_in", "array_out", 'i', 'x', 0),
            type(1562, "varbit", -1, false, 'b', 'V', true, 0, 1563, "varbit_in", "varbit_out", 'i', 'x', 0),
            type(1563, "_varbit", -1, false, 'b', 'A', false, 1562, 0, "array_in", "array_out", 'i', 'x', 0),
            type(5069, "xid8", 8, true, 'b', 'U', false, 0, 271, "xid8in", "xid8out", 'd', 'p', 0),
            type(600, "point", 16, false, 'b', 'G', false, 701, 1017, "point_in", "point_out", 'd', 'p', 0),
            type(601, "lseg", 32, false, 'b', 'G', false, 600, 1018, "lseg_in", "lseg_out", 'd', 'p', 0),
            type(602, "path", -1, false, 'b', 'G', false, 0, 1019, "path_in", "path_out", 'd', 'x', 0),
            type(603, "box", 32, false, 'b', 'G', false, 600, 1020, "box_in", "box_out", 'd', 'p', 0),
            type(604, "polygon", -1, false, 'b', 'G', false, 0, 1027, "poly_in", "poly_out", 'd', 'x', 0),
            type(628, "line", 24, false, 'b', 'G', false, 701, 629, "line_in", "line_out", 'd', 'p', 0),
            type(629, "_line", -1, false, 'b', 'A', false, 628, 0, "array_in", "array_out", 'd', 'x', 0),
            type(718, "circle", 24, false, 'b', 'G', false, 0, 719, "circle_in", "circle_out", 'd', 'p', 0),
            type(719, "_circle", -1, false, 'b', 'A', false, 718, 0, "array_in", "array_out", 'd', 'x', 0),
            type(1017, "_point", -1, false, 'b', 'A', false, 600, 0, "array_in", "array_out", 'd', 'x', 0),
            type(1018, "_lseg", -1, false, 'b', 'A', false, 601, 0, "array_in", "array_out", 'd', 'x', 0),
            type(1019, "_path", -1, false, 'b', 'A', false, 602, 0, "array_in", "array_out", 'd', 'x', 0),
            type(1020, "_box", -1, false, 'b', 'A', false, 603, 0, "array_in", "array_out", 'd', 'x', 0),
            type(1027, "_polygon", -1, false, 'b', 'A', false, 604, 0, "array_in", "array_out", 'd', 'x', 0)
    );

    private static final Map<Integer, Type> BY_OID = new HashMap<>();

    static {
        for (Type type : ALL) {
            if (BY_OID.put(type.oid(), type) != null) {
                throw new IllegalStateException("pg_type lists " + type.name() + " twice");
            }
        }
    }

    private PgTypeData() {}

    private static Type type(int oid, String name, int length, boolean byValue, char typtype, char category,
                             boolean preferred, int elementOid, int arrayOid, String input, String output, char align,
                             char storage, int collation) {
        return new Type(oid, name, (short) length, byValue, typtype, category, preferred, elementOid, arrayOid, input,
                output, align, storage, collation);
    }

    /** Every row, by OID. */
    public static List<Type> all() {
        return ALL;
    }

    /** The row with this OID, or null. */
    public static Type byOid(int oid) {
        return BY_OID.get(oid);
    }
}
