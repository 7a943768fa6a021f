package org.woolly.utils.adt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in types Woolly implements: the rows of {@link PgTypeData} with their I/O attached,
 * their btree ordering and equality for grouping. Counterpart of the type cache
 * ({@code src/backend/utils/cache/typcache.c}) over {@code pg_type.dat}; a type of pg_type
 * without I/O here (regproc, json, ...) is not usable as a value type.
 */
public final class BuiltinTypes {
    /** Pseudo-type {@code "any"}: a function argument that accepts any type. */
    public static final int ANY = TypeOids.ANY;
    /** Pseudo-type {@code anynonarray}. */
    public static final int ANYNONARRAY = TypeOids.ANYNONARRAY;

    private static final Map<Integer, PgType> BY_OID = new HashMap<>();
    private static final Map<String, PgType> BY_NAME = new HashMap<>();
    private static final List<PgType> ALL = new ArrayList<>();

    static {
        add(TypeOids.BOOL, BooleanIO.INSTANCE);
        add(TypeOids.BYTEA, ByteaIO.INSTANCE);
        add(TypeOids.CHAR, StringIO.CHAR);
        add(TypeOids.NAME, StringIO.NAME);
        add(TypeOids.INT8, IntegerIO.INT8);
        add(TypeOids.INT2, IntegerIO.INT2);
        add(TypeOids.INT4, IntegerIO.INT4);
        add(TypeOids.TEXT, StringIO.TEXT);
        add(TypeOids.OID, IntegerIO.OID);
        add(TypeOids.FLOAT4, FloatIO.FLOAT4);
        add(TypeOids.FLOAT8, FloatIO.FLOAT8);
        add(TypeOids.UNKNOWN, StringIO.UNKNOWN);
        add(TypeOids.CSTRING, StringIO.CSTRING);
        add(TypeOids.BPCHAR, StringIO.BPCHAR);
        add(TypeOids.VARCHAR, StringIO.VARCHAR);
        add(TypeOids.DATE, DateIO.INSTANCE);
        add(TypeOids.TIME, TimeIO.INSTANCE);
        add(TypeOids.TIMESTAMP, TimestampIO.TIMESTAMP);
        add(TypeOids.TIMESTAMPTZ, TimestampIO.TIMESTAMPTZ);
        add(TypeOids.INTERVAL, IntervalIO.INSTANCE);
        add(TypeOids.NUMERIC, NumericIO.INSTANCE);
        add(TypeOids.BIT, BitStringIO.BIT);
        add(TypeOids.VARBIT, BitStringIO.VARBIT);
        add(TypeOids.UUID, UuidIO.INSTANCE);
        add(TypeOids.JSON, JsonIO.JSON);
        add(TypeOids.JSONB, JsonIO.JSONB);
        add(TypeOids.JSONPATH, JsonPathIO.INSTANCE);
        add(TypeOids.VOID, new VoidIO());
        add(TypeOids.XID8, XidSnapshotIO.XID8);
        add(TypeOids.XID, XidSnapshotIO.XID);
        add(TypeOids.PG_SNAPSHOT, XidSnapshotIO.PG_SNAPSHOT);
        add(TypeOids.TXID_SNAPSHOT, XidSnapshotIO.TXID_SNAPSHOT);
        add(TypeOids.POINT, GeometricIO.POINT);
        add(TypeOids.LSEG, GeometricIO.LSEG);
        add(TypeOids.PATH, GeometricIO.PATH);
        add(TypeOids.BOX, GeometricIO.BOX);
        add(TypeOids.POLYGON, GeometricIO.POLYGON);
        add(TypeOids.LINE, GeometricIO.LINE);
        add(TypeOids.CIRCLE, GeometricIO.CIRCLE);
        add(TypeOids.REGPROC, new RegTypeIO(RegTypeIO.Kind.REGPROC));
        add(TypeOids.REGPROCEDURE, new RegTypeIO(RegTypeIO.Kind.REGPROCEDURE));
        add(TypeOids.REGCLASS, new RegTypeIO(RegTypeIO.Kind.REGCLASS));
        add(TypeOids.REGTYPE, new RegTypeIO(RegTypeIO.Kind.REGTYPE));
        add(TypeOids.REGNAMESPACE, new RegTypeIO(RegTypeIO.Kind.REGNAMESPACE));
        add(TypeOids.REGROLE, new RegTypeIO(RegTypeIO.Kind.REGROLE));
        add(TypeOids.RECORD, RecordIO.ANONYMOUS);
        for (RangeTypes.RangeType range : RangeTypes.all()) {
            add(range.rangeOid(), RangeIO.range(range.rangeOid()));
            add(range.multirangeOid(), RangeIO.multirange(range.multirangeOid()));
        }
        add(ANY, new UnsupportedValueIO("any"));
        add(ANYNONARRAY, new UnsupportedValueIO("anynonarray"));
        for (PgType element : List.copyOf(ALL)) {
            if (element.arrayTypeOid() != 0) {
                add(element.arrayTypeOid(), element.io() instanceof UnsupportedValueIO
                        ? new UnsupportedValueIO(element.name() + "[]") : new ArrayIO(element.oid()));
            }
        }
    }

    private BuiltinTypes() {}

    private static void add(int oid, TypeIO io) {
        PgTypeData.Type row = PgTypeData.byOid(oid);
        PgType type = new PgType(oid, row.name(), row.length(), row.byValue(), row.align(), row.category(),
                row.preferred(), row.arrayOid(), io);
        BY_OID.put(oid, type);
        BY_NAME.put(row.name(), type);
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

    /** {@code typelem} of an array type, 0 for a type that is not an array. */
    public static int elementType(int arrayOid) {
        PgType type = BY_OID.get(arrayOid);
        if (type == null) {
            // an array over a type of the catalog (_mood, _complex, _posint), read through the statement's catalog
            return CatalogInquiries.CURRENT.isBound() ? CatalogInquiries.CURRENT.get().arrayElementType(arrayOid) : 0;
        }
        return type.io() instanceof ArrayIO io ? io.elementType() : 0;
    }

    /**
     * The element type of a fixed-length type that subscripts as a zero-based array of its
     * parts ({@code raw_array_subscript_handler}): point and line (float8), lseg and box
     * (point); 0 for the others.
     */
    public static int fixedLengthElementType(int typeOid) {
        return Geometry.isGeometric(typeOid) && BY_OID.get(typeOid).length() > 0
                ? PgTypeData.byOid(typeOid).elementOid() : 0;
    }

    /** {@code typarray} of a type whose arrays Woolly implements, 0 when none. */
    public static int arrayTypeOf(int elementOid) {
        PgType type = BY_OID.get(elementOid);
        if (type == null) {
            return CatalogInquiries.CURRENT.isBound() && elementOid != 0
                    ? CatalogInquiries.CURRENT.get().arrayTypeOf(elementOid) : 0;
        }
        return type == null || type.arrayTypeOid() == 0 || elementType(type.arrayTypeOid()) == 0 ? 0 : type.arrayTypeOid();
    }

    /** The btree ordering of the type's values (NULLs are the caller's business). */
    public static Comparator<Object> comparator(int typeOid) {
        return ValueOrdering.comparator(typeOid);
    }

    /**
     * Whether the type has a default btree operator class, so ORDER BY, DISTINCT and GROUP BY can
     * use it: among the types Woolly implements, the geometric ones have none (box's {@code <}
     * compares areas but belongs to no operator family).
     */
    public static boolean hasBtreeOrdering(int typeOid) {
        // json has no equality operator either: PostgreSQL cannot sort or group it
        return !Geometry.isGeometric(typeOid) && typeOid != TypeOids.JSON
                && typeOid != TypeOids.JSONPATH;
    }

    /** A key whose equals/hashCode agree with the type's equality operator. */
    public static Object groupingKey(int typeOid, Object value) {
        return ValueOrdering.groupingKey(typeOid, value);
    }
}
