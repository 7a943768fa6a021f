package org.woolly.utils.adt;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.woolly.utils.adt.RangeValue.Bound;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import static org.woolly.utils.adt.TypeOids.*;

/**
 * The range and multirange functions, operators, casts and aggregates: constructors
 * ({@code range_constructor2}/{@code 3}, {@code multirange_constructor0}/{@code 1}/{@code 2}),
 * {@code lower}, {@code upper}, {@code isempty} and the bound predicates, {@code range_merge},
 * {@code multirange}, {@code unnest}, the comparison, containment, position and set operators
 * of {@code rangetypes.c} and {@code multirangetypes.c} ({@link RangeOperations}),
 * {@code range_agg} and {@code range_intersect_agg}, the canonical and subtype difference functions.
 */
public final class RangeFunctions {
    private static final char I = PgProcData.IMMUTABLE;

    private RangeFunctions() {}

    /** A body that does not need the call's element type. */
    private static PolymorphicImplementation any(FunctionImplementation body) {
        return element -> body;
    }

    static void register(BuiltinFunctions.Registry r) {
        for (RangeTypes.RangeType type : RangeTypes.all()) {
            registerConstructors(r, type);
        }
        r.function("int4range_canonical", INT4RANGE, (a, c) -> RangeValue.canonical((RangeValue) a[0]), INT4RANGE);
        r.function("int8range_canonical", INT8RANGE, (a, c) -> RangeValue.canonical((RangeValue) a[0]), INT8RANGE);
        r.function("daterange_canonical", DATERANGE, (a, c) -> RangeValue.canonical((RangeValue) a[0]), DATERANGE);
        r.function("int4range_subdiff", FLOAT8, (a, c) -> (double) ((Integer) a[0] - (long) (Integer) a[1]), INT4, INT4);
        r.function("int8range_subdiff", FLOAT8, (a, c) -> (double) (Long) a[0] - (double) (Long) a[1], INT8, INT8);
        r.function("numrange_subdiff", FLOAT8, (a, c) -> ((BigDecimal) a[0]).subtract((BigDecimal) a[1]).doubleValue(),
                NUMERIC, NUMERIC);
        r.function("daterange_subdiff", FLOAT8, (a, c) -> (double) ((Integer) a[0] - (long) (Integer) a[1]), DATE,
                DATE);
        r.function("tsrange_subdiff", FLOAT8, (a, c) -> ((Long) a[0] - (double) (Long) a[1]) / 1_000_000.0, TIMESTAMP,
                TIMESTAMP);
        r.function("tstzrange_subdiff", FLOAT8, (a, c) -> ((Long) a[0] - (double) (Long) a[1]) / 1_000_000.0,
                TIMESTAMPTZ, TIMESTAMPTZ);
        registerAccessors(r);
        r.function("range_merge", ANYRANGE, any((a, c) -> RangeOperations.merge((RangeValue) a[0], (RangeValue) a[1])),
                ANYRANGE, ANYRANGE);
        r.function("range_merge", ANYRANGE, any((a, c) -> ((MultirangeValue) a[0]).span()), ANYMULTIRANGE);
        r.function("multirange", ANYMULTIRANGE, any((a, c) -> multirangeOf((RangeValue) a[0])), ANYRANGE);
        r.function("unnest", ANYRANGE, any((a, c) -> ((MultirangeValue) a[0]).ranges().iterator()), ANYMULTIRANGE);
        registerRangeOperators(r);
        registerMultirangeOperators(r);
        registerAggregates(r);
    }

    private static MultirangeValue multirangeOf(RangeValue range) {
        return MultirangeValue.of(range.rangeType().multirangeOid(), List.of(range));
    }

    /** {@code range_constructor2}/{@code 3}, {@code multirange_constructor0}/{@code 1}/{@code 2} and the cast. */
    private static void registerConstructors(BuiltinFunctions.Registry r, RangeTypes.RangeType type) {
        int range = type.rangeOid();
        int multirange = type.multirangeOid();
        int subtype = type.subtype();
        String name = PgTypeData.byOid(range).name();
        String multiName = PgTypeData.byOid(multirange).name();
        r.function(name, range, I, PgProcData.CALLED, (a, c) -> construct(range, a[0], a[1], "[)"), subtype, subtype);
        r.function(name, range, I, PgProcData.CALLED, (a, c) -> construct(range, a[0], a[1], (String) a[2]),
                subtype, subtype, TEXT);
        r.function(multiName, multirange, (a, c) -> MultirangeValue.of(multirange, List.of()));
        FunctionImplementation single = (a, c) -> MultirangeValue.of(multirange, List.of((RangeValue) a[0]));
        r.function(multiName, multirange, single, range);
        r.variadic(multiName, multirange, I, PgProcData.STRICT,
                (a, c) -> MultirangeValue.ofMembers(multirange, ((ArrayValue) a[0]).elements()),
                BuiltinTypes.byOid(range).arrayTypeOid());
        r.cast(range, multirange, CastDescriptor.EXPLICIT, (value, typmod, context) -> single.invoke(
                new Object[] {value}, context));
    }

    /**
     * {@code range_constructor2}/{@code 3}: NULL bounds are infinite; the flags (22004 when null)
     * as {@code range_parse_flags} reads them.
     */
    public static RangeValue construct(int rangeType, Object lower, Object upper, String flags) {
        if (flags == null) {
            throw SqlException.of(SqlState.NULL_VALUE_NOT_ALLOWED, "range constructor flags argument must not be null");
        }
        if (flags.length() != 2 || "[(".indexOf(flags.charAt(0)) < 0 || "])".indexOf(flags.charAt(1)) < 0) {
            throw SqlException.of(SqlState.SYNTAX_ERROR, "invalid range bound flags")
                    .withHint("Valid values are \"[]\", \"[)\", \"(]\", and \"()\".");
        }
        return RangeValue.make(rangeType, new Bound(lower, lower == null, flags.charAt(0) == '[' && lower != null, true),
                new Bound(upper, upper == null, flags.charAt(1) == ']' && upper != null, false), false);
    }

    private static void registerAccessors(BuiltinFunctions.Registry r) {
        for (int type : new int[] {ANYRANGE, ANYMULTIRANGE}) {
            boolean multi = type == ANYMULTIRANGE;
            r.function("lower", ANYELEMENT, any((a, c) -> lower(span(a[0]))), type);
            r.function("upper", ANYELEMENT, any((a, c) -> upper(span(a[0]))), type);
            r.function("isempty", BOOL, any((a, c) -> multi ? ((MultirangeValue) a[0]).isEmpty()
                    : ((RangeValue) a[0]).isEmpty()), type);
            r.function("lower_inc", BOOL, any((a, c) -> (span(a[0]).flags() & RangeValue.LB_INC) != 0), type);
            r.function("upper_inc", BOOL, any((a, c) -> (span(a[0]).flags() & RangeValue.UB_INC) != 0), type);
            r.function("lower_inf", BOOL, any((a, c) -> (span(a[0]).flags() & RangeValue.LB_INF) != 0), type);
            r.function("upper_inf", BOOL, any((a, c) -> (span(a[0]).flags() & RangeValue.UB_INF) != 0), type);
        }
    }

    /** A range as itself, a multirange as the range it spans (its bounds are the multirange's). */
    private static RangeValue span(Object value) {
        return value instanceof MultirangeValue multirange ? multirange.span() : (RangeValue) value;
    }

    private static Object lower(RangeValue range) {
        return range.isEmpty() ? null : range.lower();
    }

    private static Object upper(RangeValue range) {
        return range.isEmpty() ? null : range.upper();
    }

    private static PolymorphicImplementation test(BiPredicate<Object, Object> predicate) {
        return any((a, c) -> predicate.test(a[0], a[1]));
    }

    private static void registerRangeOperators(BuiltinFunctions.Registry r) {
        r.operator("=", ANYRANGE, ANYRANGE, BOOL, test(Object::equals));
        r.operator("<>", ANYRANGE, ANYRANGE, BOOL, test((x, y) -> !x.equals(y)));
        r.operator("<", ANYRANGE, ANYRANGE, BOOL, test((x, y) -> compare(x, y) < 0));
        r.operator("<=", ANYRANGE, ANYRANGE, BOOL, test((x, y) -> compare(x, y) <= 0));
        r.operator(">=", ANYRANGE, ANYRANGE, BOOL, test((x, y) -> compare(x, y) >= 0));
        r.operator(">", ANYRANGE, ANYRANGE, BOOL, test((x, y) -> compare(x, y) > 0));
        r.operator("&&", ANYRANGE, ANYRANGE, BOOL, test((x, y) -> RangeOperations.overlaps((RangeValue) x,
                (RangeValue) y)));
        r.operator("@>", ANYRANGE, ANYELEMENT, BOOL, test((x, y) -> RangeOperations.containsElement((RangeValue) x, y)));
        r.operator("@>", ANYRANGE, ANYRANGE, BOOL, test((x, y) -> RangeOperations.contains((RangeValue) x,
                (RangeValue) y)));
        r.operator("<@", ANYELEMENT, ANYRANGE, BOOL, test((x, y) -> RangeOperations.containsElement((RangeValue) y, x)));
        r.operator("<@", ANYRANGE, ANYRANGE, BOOL, test((x, y) -> RangeOperations.contains((RangeValue) y,
                (RangeValue) x)));
        r.operator("<<", ANYRANGE, ANYRANGE, BOOL, test((x, y) -> RangeOperations.before((RangeValue) x,
                (RangeValue) y)));
        r.operator(">>", ANYRANGE, ANYRANGE, BOOL, test((x, y) -> RangeOperations.before((RangeValue) y,
                (RangeValue) x)));
        r.operator("&<", ANYRANGE, ANYRANGE, BOOL, test((x, y) -> RangeOperations.overLeft((RangeValue) x,
                (RangeValue) y)));
        r.operator("&>", ANYRANGE, ANYRANGE, BOOL, test((x, y) -> RangeOperations.overRight((RangeValue) x,
                (RangeValue) y)));
        r.operator("-|-", ANYRANGE, ANYRANGE, BOOL, test((x, y) -> RangeOperations.adjacent((RangeValue) x,
                (RangeValue) y)));
        r.operator("+", ANYRANGE, ANYRANGE, ANYRANGE, any((a, c) -> RangeOperations.union((RangeValue) a[0],
                (RangeValue) a[1])));
        r.operator("-", ANYRANGE, ANYRANGE, ANYRANGE, any((a, c) -> RangeOperations.minus((RangeValue) a[0],
                (RangeValue) a[1])));
        r.operator("*", ANYRANGE, ANYRANGE, ANYRANGE, any((a, c) -> RangeOperations.intersect((RangeValue) a[0],
                (RangeValue) a[1])));
    }

    @SuppressWarnings("unchecked")
    private static int compare(Object x, Object y) {
        return ((Comparable<Object>) x).compareTo(y);
    }

    private static void registerMultirangeOperators(BuiltinFunctions.Registry r) {
        int mr = ANYMULTIRANGE;
        r.operator("=", mr, mr, BOOL, test(Object::equals));
        r.operator("<>", mr, mr, BOOL, test((x, y) -> !x.equals(y)));
        r.operator("<", mr, mr, BOOL, test((x, y) -> compare(x, y) < 0));
        r.operator("<=", mr, mr, BOOL, test((x, y) -> compare(x, y) <= 0));
        r.operator(">=", mr, mr, BOOL, test((x, y) -> compare(x, y) >= 0));
        r.operator(">", mr, mr, BOOL, test((x, y) -> compare(x, y) > 0));
        r.operator("&&", ANYRANGE, mr, BOOL, test((x, y) -> RangeOperations.overlaps((MultirangeValue) y,
                (RangeValue) x)));
        r.operator("&&", mr, ANYRANGE, BOOL, test((x, y) -> RangeOperations.overlaps((MultirangeValue) x,
                (RangeValue) y)));
        r.operator("&&", mr, mr, BOOL, test((x, y) -> RangeOperations.overlaps((MultirangeValue) x,
                (MultirangeValue) y)));
        r.operator("@>", mr, ANYELEMENT, BOOL, test((x, y) -> RangeOperations.containsElement((MultirangeValue) x, y)));
        r.operator("@>", mr, ANYRANGE, BOOL, test((x, y) -> RangeOperations.contains((MultirangeValue) x,
                (RangeValue) y)));
        r.operator("@>", mr, mr, BOOL, test((x, y) -> RangeOperations.contains((MultirangeValue) x,
                (MultirangeValue) y)));
        r.operator("@>", ANYRANGE, mr, BOOL, test((x, y) -> RangeOperations.contains((RangeValue) x,
                (MultirangeValue) y)));
        r.operator("<@", ANYELEMENT, mr, BOOL, test((x, y) -> RangeOperations.containsElement((MultirangeValue) y, x)));
        r.operator("<@", ANYRANGE, mr, BOOL, test((x, y) -> RangeOperations.contains((MultirangeValue) y,
                (RangeValue) x)));
        r.operator("<@", mr, mr, BOOL, test((x, y) -> RangeOperations.contains((MultirangeValue) y,
                (MultirangeValue) x)));
        r.operator("<@", mr, ANYRANGE, BOOL, test((x, y) -> RangeOperations.contains((RangeValue) y,
                (MultirangeValue) x)));
        // the position operators compare the multiranges' spans
        registerSpanOperator(r, "<<", (x, y) -> RangeOperations.before(x, y));
        registerSpanOperator(r, ">>", (x, y) -> RangeOperations.before(y, x));
        registerSpanOperator(r, "&<", RangeOperations::overLeft);
        registerSpanOperator(r, "&>", RangeOperations::overRight);
        r.operator("-|-", ANYRANGE, mr, BOOL, test((x, y) -> RangeOperations.adjacent((RangeValue) x,
                (MultirangeValue) y)));
        r.operator("-|-", mr, ANYRANGE, BOOL, test((x, y) -> RangeOperations.adjacent((RangeValue) y,
                (MultirangeValue) x)));
        r.operator("-|-", mr, mr, BOOL, test((x, y) -> RangeOperations.adjacent((MultirangeValue) x,
                (MultirangeValue) y)));
        r.operator("+", mr, mr, mr, any((a, c) -> RangeOperations.union((MultirangeValue) a[0],
                (MultirangeValue) a[1])));
        r.operator("-", mr, mr, mr, any((a, c) -> RangeOperations.minus((MultirangeValue) a[0],
                (MultirangeValue) a[1])));
        r.operator("*", mr, mr, mr, any((a, c) -> RangeOperations.intersect((MultirangeValue) a[0],
                (MultirangeValue) a[1])));
    }

    /** A position operator over (range, multirange), (multirange, range) and (multirange, multirange). */
    private static void registerSpanOperator(BuiltinFunctions.Registry r, String name,
                                             BiPredicate<RangeValue, RangeValue> onSpans) {
        PolymorphicImplementation body = test((x, y) -> onSpans.test(span(x), span(y)));
        r.operator(name, ANYRANGE, ANYMULTIRANGE, BOOL, body);
        r.operator(name, ANYMULTIRANGE, ANYRANGE, BOOL, body);
        r.operator(name, ANYMULTIRANGE, ANYMULTIRANGE, BOOL, body);
    }

    /**
     * {@code range_agg} (the union of the ranges or multiranges) and {@code range_intersect_agg}
     * (their intersection), NULL inputs skipped.
     */
    private static void registerAggregates(BuiltinFunctions.Registry r) {
        for (int type : new int[] {ANYRANGE, ANYMULTIRANGE}) {
            r.aggregate(new AggregateDescriptor("range_agg", new int[] {type}, PgAggregateData.INTERNAL,
                    ANYMULTIRANGE, ArrayList::new, (state, args) -> {
                        @SuppressWarnings("unchecked")
                        List<Object> values = (List<Object>) state;
                        values.add(args[0]);
                        return values;
                    }, state -> rangeAggregate((List<?>) state), true));
        }
        r.aggregate(new AggregateDescriptor("range_intersect_agg", new int[] {ANYRANGE}, ANYRANGE, ANYRANGE,
                () -> null, (state, args) -> state == null ? args[0]
                : RangeOperations.intersect((RangeValue) state, (RangeValue) args[0]), state -> state, true));
        r.aggregate(new AggregateDescriptor("range_intersect_agg", new int[] {ANYMULTIRANGE}, ANYMULTIRANGE,
                ANYMULTIRANGE, () -> null, (state, args) -> state == null ? args[0]
                : RangeOperations.intersect((MultirangeValue) state, (MultirangeValue) args[0]), state -> state, true));
    }

    /** {@code range_agg_finalfn}: the multirange of every collected range; NULL when there was none. */
    private static MultirangeValue rangeAggregate(List<?> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<RangeValue> ranges = new ArrayList<>();
        int multirangeType = 0;
        for (Object value : values) {
            if (value instanceof MultirangeValue multirange) {
                ranges.addAll(multirange.ranges());
                multirangeType = multirange.typeOid();
            } else {
                RangeValue range = (RangeValue) value;
                ranges.add(range);
                multirangeType = range.rangeType().multirangeOid();
            }
        }
        return MultirangeValue.of(multirangeType, ranges);
    }
}
