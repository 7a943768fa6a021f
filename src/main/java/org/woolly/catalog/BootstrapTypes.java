package org.woolly.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in types initdb writes into every database's {@code pg_type}, and the physical
 * properties of the types catalog columns are made of. Counterpart of the type rows of
 * {@code src/include/catalog/pg_type.dat}; each base type is followed by its array type.
 */
public final class BootstrapTypes {
    static final int DEFAULT_COLLATION_OID = 100;
    static final int C_COLLATION_OID = 950;
    public static final int ACLITEM = 1033;
    public static final int PG_NODE_TREE = 194;
    public static final int ANYARRAY = 2277;
    public static final int CSTRING = 2275;
    public static final int RECORD = 2249;

    private static final List<BootstrapType> ALL;
    private static final Map<Integer, BootstrapType> BY_OID;

    static {
        List<BootstrapType> types = new ArrayList<>();
        base(types, 16, "bool", 1, true, 'c', 'B', true, 'p', 1000, "boolin", "boolout", 0);
        base(types, 17, "bytea", -1, false, 'i', 'U', false, 'x', 1001, "byteain", "byteaout", 0);
        base(types, 18, "char", 1, true, 'c', 'Z', false, 'p', 1002, "charin", "charout", 0);
        base(types, 19, "name", 64, false, 'c', 'S', false, 'p', 1003, "namein", "nameout", C_COLLATION_OID);
        base(types, 20, "int8", 8, true, 'd', 'N', false, 'p', 1016, "int8in", "int8out", 0);
        base(types, 21, "int2", 2, true, 's', 'N', false, 'p', 1005, "int2in", "int2out", 0);
        base(types, 22, "int2vector", -1, false, 'i', 'A', false, 'p', 1006, "int2vectorin", "int2vectorout", 0);
        base(types, 23, "int4", 4, true, 'i', 'N', false, 'p', 1007, "int4in", "int4out", 0);
        base(types, 24, "regproc", 4, true, 'i', 'N', false, 'p', 1008, "regprocin", "regprocout", 0);
        base(types, 25, "text", -1, false, 'i', 'S', true, 'x', 1009, "textin", "textout", DEFAULT_COLLATION_OID);
        base(types, 26, "oid", 4, true, 'i', 'N', true, 'p', 1028, "oidin", "oidout", 0);
        base(types, 27, "tid", 6, false, 's', 'U', false, 'p', 1010, "tidin", "tidout", 0);
        base(types, 28, "xid", 4, true, 'i', 'U', false, 'p', 1011, "xidin", "xidout", 0);
        base(types, 29, "cid", 4, true, 'i', 'U', false, 'p', 1012, "cidin", "cidout", 0);
        base(types, 30, "oidvector", -1, false, 'i', 'A', false, 'p', 1013, "oidvectorin", "oidvectorout", 0);
        base(types, 114, "json", -1, false, 'i', 'U', false, 'x', 199, "json_in", "json_out", 0);
        base(types, PG_NODE_TREE, "pg_node_tree", -1, false, 'i', 'Z', false, 'x', 0, "pg_node_tree_in",
                "pg_node_tree_out", DEFAULT_COLLATION_OID);
        base(types, 700, "float4", 4, true, 'i', 'N', false, 'p', 1021, "float4in", "float4out", 0);
        base(types, 701, "float8", 8, true, 'd', 'N', true, 'p', 1022, "float8in", "float8out", 0);
        types.add(new BootstrapType(705, "unknown", (short) -2, false, 'c', 'X', false, 'p', 'p', 0, 0,
                "unknownin", "unknownout", 0));
        base(types, ACLITEM, "aclitem", 12, false, 'i', 'U', false, 'p', 1034, "aclitemin", "aclitemout", 0);
        base(types, 1042, "bpchar", -1, false, 'i', 'S', false, 'x', 1014, "bpcharin", "bpcharout",
                DEFAULT_COLLATION_OID);
        base(types, 1043, "varchar", -1, false, 'i', 'S', false, 'x', 1015, "varcharin", "varcharout",
                DEFAULT_COLLATION_OID);
        base(types, 1082, "date", 4, true, 'i', 'D', false, 'p', 1182, "date_in", "date_out", 0);
        base(types, 1083, "time", 8, true, 'd', 'D', false, 'p', 1183, "time_in", "time_out", 0);
        base(types, 1114, "timestamp", 8, true, 'd', 'D', false, 'p', 1115, "timestamp_in", "timestamp_out", 0);
        base(types, 1184, "timestamptz", 8, true, 'd', 'D', true, 'p', 1185, "timestamptz_in",
                "timestamptz_out", 0);
        base(types, 1186, "interval", 16, false, 'd', 'T', true, 'p', 1187, "interval_in", "interval_out", 0);
        base(types, 1266, "timetz", 12, false, 'd', 'D', false, 'p', 1270, "timetz_in", "timetz_out", 0);
        base(types, 1700, "numeric", -1, false, 'i', 'N', false, 'm', 1231, "numeric_in", "numeric_out", 0);
        base(types, 2205, "regclass", 4, true, 'i', 'N', false, 'p', 2210, "regclassin", "regclassout", 0);
        base(types, 2206, "regtype", 4, true, 'i', 'N', false, 'p', 2211, "regtypein", "regtypeout", 0);
        base(types, 2950, "uuid", 16, false, 'c', 'U', false, 'p', 2951, "uuid_in", "uuid_out", 0);
        base(types, 3802, "jsonb", -1, false, 'i', 'U', false, 'x', 3807, "jsonb_in", "jsonb_out", 0);
        base(types, 5069, "xid8", 8, true, 'd', 'U', false, 'p', 271, "xid8in", "xid8out", 0);
        pseudo(types, RECORD, "record", -1, false, 'd', 2287, "record_in", "record_out");
        pseudo(types, CSTRING, "cstring", -2, false, 'c', 1263, "cstring_in", "cstring_out");
        pseudo(types, 2276, "any", 4, true, 'i', 0, "any_in", "any_out");
        pseudo(types, ANYARRAY, "anyarray", -1, false, 'd', 0, "anyarray_in", "anyarray_out");
        pseudo(types, 2278, "void", 4, true, 'i', 0, "void_in", "void_out");
        pseudo(types, 2279, "trigger", 4, true, 'i', 0, "trigger_in", "trigger_out");
        pseudo(types, 2281, "internal", 8, true, 'd', 0, "internal_in", "internal_out");
        pseudo(types, 2283, "anyelement", 4, true, 'i', 0, "anyelement_in", "anyelement_out");
        pseudo(types, 2776, "anynonarray", 4, true, 'i', 0, "anynonarray_in", "anynonarray_out");
        ALL = Collections.unmodifiableList(types);
        Map<Integer, BootstrapType> byOid = new HashMap<>();
        for (BootstrapType type : types) {
            byOid.put(type.oid(), type);
        }
        BY_OID = Map.copyOf(byOid);
    }

    private BootstrapTypes() {}

    /** Every built-in type, base types each followed by their array type. */
    public static List<BootstrapType> all() {
        return ALL;
    }

    /** The built-in type with this OID, or null. */
    public static BootstrapType byOid(int oid) {
        return BY_OID.get(oid);
    }

    private static void base(List<BootstrapType> types, int oid, String name, int length, boolean byValue,
                             char align, char category, boolean preferred, char storage, int arrayOid,
                             String input, String output, int collation) {
        types.add(new BootstrapType(oid, name, (short) length, byValue, align, category, preferred, 'b', storage,
                elementOfFixedArray(oid), arrayOid, input, output, collation));
        if (arrayOid != 0) {
            char arrayAlign = align == 'd' ? 'd' : 'i';
            types.add(new BootstrapType(arrayOid, "_" + name, (short) -1, false, arrayAlign, 'A', false, 'b', 'x',
                    oid, 0, "array_in", "array_out", collation));
        }
    }

    private static void pseudo(List<BootstrapType> types, int oid, String name, int length, boolean byValue,
                               char align, int arrayOid, String input, String output) {
        char storage = length == -1 ? 'x' : 'p';
        types.add(new BootstrapType(oid, name, (short) length, byValue, align, 'P', false, 'p', storage, 0, arrayOid,
                input, output, 0));
        if (arrayOid != 0) {
            // record[] stays a pseudo-type; cstring[] is an ordinary array
            boolean pseudoArray = oid == RECORD;
            types.add(new BootstrapType(arrayOid, "_" + name, (short) -1, false, align, pseudoArray ? 'P' : 'A', false,
                    pseudoArray ? 'p' : 'b', 'x', oid, 0, "array_in", "array_out", 0));
        }
    }

    /** The fixed-size "vector" types and name are subscriptable over their element type, as in PostgreSQL. */
    private static int elementOfFixedArray(int oid) {
        return switch (oid) {
            case 19 -> 18;
            case 22 -> 21;
            case 30 -> 26;
            default -> 0;
        };
    }
}
