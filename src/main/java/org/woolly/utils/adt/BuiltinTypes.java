package org.woolly.utils.adt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in types, with PostgreSQL's {@code pg_type.dat} values, their I/O, btree ordering
 * and equality for grouping. Counterpart of {@code src/include/catalog/pg_type.dat} plus the
 * type cache ({@code src/backend/utils/cache/typcache.c}).
 */
public final class BuiltinTypes {
    /** Pseudo-type {@code "any"}: a function argument that accepts any type. */
    public static final int ANY = 2276;
    /** Pseudo-type {@code anynonarray}. */
    public static final int ANYNONARRAY = 2776;

    private static final Map<Integer, PgType> BY_OID = new HashMap<>();
    private static final Map<String, PgType> BY_NAME = new HashMap<>();
    private static final List<PgType> ALL = new ArrayList<>();

    static {
        add(TypeOids.BOOL, "bool", 1, true, 'c', 'B', true, 1000, BooleanIO.INSTANCE);
        add(TypeOids.BYTEA, "bytea", -1, false, 'i', 'U', false, 1001, ByteaIO.INSTANCE);
        add(TypeOids.CHAR, "char", 1, true, 'c', 'Z', false, 1002, StringIO.CHAR);
        add(TypeOids.NAME, "name", 64, false, 'c', 'S', false, 1003, StringIO.NAME);
        add(TypeOids.INT8, "int8", 8, true, 'd', 'N', false, 1016, IntegerIO.INT8);
        add(TypeOids.INT2, "int2", 2, true, 's', 'N', false, 1005, IntegerIO.INT2);
        add(TypeOids.INT4, "int4", 4, true, 'i', 'N', false, 1007, IntegerIO.INT4);
        add(TypeOids.TEXT, "text", -1, false, 'i', 'S', true, 1009, StringIO.TEXT);
        add(TypeOids.OID, "oid", 4, true, 'i', 'N', false, 1028, IntegerIO.OID);
        add(TypeOids.FLOAT4, "float4", 4, true, 'i', 'N', false, 1021, FloatIO.FLOAT4);
        add(TypeOids.FLOAT8, "float8", 8, true, 'd', 'N', true, 1022, FloatIO.FLOAT8);
        add(TypeOids.UNKNOWN, "unknown", -2, false, 'c', 'X', false, 0, StringIO.UNKNOWN);
        add(TypeOids.BPCHAR, "bpchar", -1, false, 'i', 'S', false, 1014, StringIO.BPCHAR);
        add(TypeOids.VARCHAR, "varchar", -1, false, 'i', 'S', false, 1015, StringIO.VARCHAR);
        add(TypeOids.DATE, "date", 4, true, 'i', 'D', false, 1182, DateIO.INSTANCE);
        add(TypeOids.TIME, "time", 8, true, 'd', 'D', false, 1183, TimeIO.INSTANCE);
        add(TypeOids.TIMESTAMP, "timestamp", 8, true, 'd', 'D', false, 1115, TimestampIO.TIMESTAMP);
        add(TypeOids.TIMESTAMPTZ, "timestamptz", 8, true, 'd', 'D', true, 1185, TimestampIO.TIMESTAMPTZ);
        add(TypeOids.INTERVAL, "interval", 16, false, 'd', 'T', true, 1187, IntervalIO.INSTANCE);
        add(TypeOids.NUMERIC, "numeric", -1, false, 'i', 'N', false, 1231, NumericIO.INSTANCE);
        add(TypeOids.VOID, "void", 4, true, 'i', 'P', false, 0, new UnsupportedValueIO("void"));
        add(ANY, "any", 4, true, 'i', 'P', false, 0, new UnsupportedValueIO("any"));
        add(ANYNONARRAY, "anynonarray", 4, true, 'i', 'P', false, 0, new UnsupportedValueIO("anynonarray"));
        for (PgType element : List.copyOf(ALL)) {
            if (element.arrayTypeOid() != 0) {
                char align = element.align() == 'd' ? 'd' : 'i';
                add(element.arrayTypeOid(), "_" + element.name(), -1, false, align, 'A', false, 0,
                        new UnsupportedValueIO(element.name() + "[]"));
            }
        }
    }

    private BuiltinTypes() {}

    private static void add(int oid, String name, int length, boolean byValue, char align, char category,
                            boolean preferred, int arrayOid, TypeIO io) {
        PgType type = new PgType(oid, name, (short) length, byValue, align, category, preferred, arrayOid, io);
        BY_OID.put(oid, type);
        BY_NAME.put(name, type);
        ALL.add(type);
    }

    /** The type with this OID, or null when it is not built in. */
    public static PgType byOid(int oid) {
        return BY_OID.get(oid);
    }

    /** The type with this internal name ("int4", "varchar", "bpchar", "timestamptz", "_int4"), or null. */
    public static PgType byName(String internalName) {
        return BY_NAME.get(internalName);
    }

    public static List<PgType> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** {@code typcategory} of a type, 'X' for an unknown OID. */
    public static char category(int oid) {
        PgType type = BY_OID.get(oid);
        return type == null ? 'X' : type.category();
    }

    public static boolean isPreferred(int oid) {
        PgType type = BY_OID.get(oid);
        return type != null && type.preferred();
    }

    public static boolean isArray(int oid) {
        PgType type = BY_OID.get(oid);
        return type != null && type.category() == 'A';
    }

    /** The btree ordering of the type's values (NULLs are the caller's business). */
    public static Comparator<Object> comparator(int typeOid) {
        return ValueOrdering.comparator(typeOid);
    }

    /** A key whose equals/hashCode agree with the type's equality operator. */
    public static Object groupingKey(int typeOid, Object value) {
        return ValueOrdering.groupingKey(typeOid, value);
    }
}
