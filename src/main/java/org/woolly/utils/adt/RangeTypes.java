package org.woolly.utils.adt;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.woolly.utils.adt.TypeOids.*;

/**
 * The built-in range types and their multiranges, one entry per {@code pg_range} row with
 * PostgreSQL 15's values ({@code src/include/catalog/pg_range.dat}): the range type, its subtype,
 * its multirange type, the subtype's B-tree operator class, the canonical function (the discrete
 * types int4, int8 and date) and the subtype difference function. The range type cache
 * ({@code lookup_type_cache} with {@code TYPECACHE_RANGE_INFO}) answers from here, for the
 * user-defined range types too (read through {@link CatalogInquiries#CURRENT}).
 */
public final class RangeTypes {
    /** One pg_range row; {@code canonical} is null for a continuous range type. */
    public record RangeType(int rangeOid, int subtype, int multirangeOid, int subtypeOpclass, String canonical,
                            int canonicalOid, String subdiff, int subdiffOid) {

        /** Whether the range type is discrete: its values are canonicalized to {@code [lower,upper)}. */
        public boolean discrete() {
            return canonical != null;
        }
    }

    public static final int INT4RANGE_ARRAY = 3905;
    public static final int NUMRANGE_ARRAY = 3907;
    public static final int TSRANGE_ARRAY = 3909;
    public static final int TSTZRANGE_ARRAY = 3911;
    public static final int DATERANGE_ARRAY = 3913;
    public static final int INT8RANGE_ARRAY = 3927;

    private static final List<RangeType> ALL = List.of(
            new RangeType(INT4RANGE, INT4, INT4MULTIRANGE, 1978, "int4range_canonical", 3914, "int4range_subdiff", 3922),
            new RangeType(NUMRANGE, NUMERIC, NUMMULTIRANGE, 3125, null, 0, "numrange_subdiff", 3924),
            new RangeType(TSRANGE, TIMESTAMP, TSMULTIRANGE, 3128, null, 0, "tsrange_subdiff", 3929),
            new RangeType(TSTZRANGE, TIMESTAMPTZ, TSTZMULTIRANGE, 3127, null, 0, "tstzrange_subdiff", 3930),
            new RangeType(DATERANGE, DATE, DATEMULTIRANGE, 3122, "daterange_canonical", 3915, "daterange_subdiff",
                    3925),
            new RangeType(INT8RANGE, INT8, INT8MULTIRANGE, 3124, "int8range_canonical", 3928, "int8range_subdiff",
                    3923));

    private static final Map<Integer, RangeType> BY_RANGE = ALL.stream()
            .collect(Collectors.toMap(RangeType::rangeOid, Function.identity()));
    private static final Map<Integer, RangeType> BY_MULTIRANGE = ALL.stream()
            .collect(Collectors.toMap(RangeType::multirangeOid, Function.identity()));
    private static final Map<Integer, RangeType> BY_SUBTYPE = ALL.stream()
            .collect(Collectors.toMap(RangeType::subtype, Function.identity()));

    private static final int FIRST_NORMAL_OBJECT_ID = 16384;
    private static final Map<Integer, RangeType> USER = new java.util.concurrent.ConcurrentHashMap<>();

    private RangeTypes() {}

    public static List<RangeType> all() {
        return ALL;
    }

    /**
     * A user-defined range type (CREATE TYPE ... AS RANGE) by its range or multirange OID: read
     * once through the statement's catalog, then kept. Its pg_range row never changes while the
     * type exists, and OIDs are not reused while values of a dropped type could still be around.
     */
    private static RangeType user(int typeOid) {
        if (Integer.compareUnsigned(typeOid, FIRST_NORMAL_OBJECT_ID) < 0) {
            return null;
        }
        RangeType known = USER.get(typeOid);
        if (known != null || !CatalogInquiries.CURRENT.isBound()) {
            return known;
        }
        RangeType range = CatalogInquiries.CURRENT.get().userRange(typeOid);
        if (range != null) {
            remember(range);
        }
        return range;
    }

    /**
     * Makes a user-defined range type known without a statement's catalog (a Bind message's
     * parameters are read before one is bound): the catalog calls it as it reads pg_range.
     */
    public static void remember(RangeType range) {
        USER.put(range.rangeOid(), range);
        USER.put(range.multirangeOid(), range);
    }

    /** The range type with this OID, or null. */
    public static RangeType byRange(int rangeOid) {
        RangeType range = BY_RANGE.get(rangeOid);
        if (range == null) {
            range = user(rangeOid);
            return range != null && range.rangeOid() == rangeOid ? range : null;
        }
        return range;
    }

    /** The range type whose multirange type has this OID, or null. */
    public static RangeType byMultirange(int multirangeOid) {
        RangeType range = BY_MULTIRANGE.get(multirangeOid);
        if (range == null) {
            range = user(multirangeOid);
            return range != null && range.multirangeOid() == multirangeOid ? range : null;
        }
        return range;
    }

    public static boolean isRange(int typeOid) {
        return byRange(typeOid) != null;
    }

    public static boolean isMultirange(int typeOid) {
        return byMultirange(typeOid) != null;
    }

    /** The subtype of a range or multirange type, 0 for any other type. */
    public static int subtype(int typeOid) {
        RangeType range = BY_RANGE.get(typeOid);
        if (range == null) {
            range = BY_MULTIRANGE.get(typeOid);
        }
        if (range == null) {
            range = user(typeOid);
        }
        return range == null ? 0 : range.subtype();
    }

    /** The range type over {@code subtype} (the polymorphic {@code anyrange} of a call), 0 when none. */
    public static int rangeOf(int subtype) {
        RangeType range = BY_SUBTYPE.get(subtype);
        return range == null ? 0 : range.rangeOid();
    }

    /** The multirange type over {@code subtype}, 0 when none. */
    public static int multirangeOf(int subtype) {
        RangeType range = BY_SUBTYPE.get(subtype);
        return range == null ? 0 : range.multirangeOid();
    }
}
