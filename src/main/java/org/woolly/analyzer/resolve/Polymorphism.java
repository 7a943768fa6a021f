package org.woolly.analyzer.resolve;

import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.FunctionDescriptor;
import org.woolly.utils.adt.PolymorphicImplementation;
import org.woolly.utils.adt.RangeTypes;
import org.woolly.utils.adt.TypeOids;

/**
 * Resolution of the {@code anyelement}/{@code anyarray}/{@code anynonarray} and
 * {@code anycompatible}/{@code anycompatiblearray} families ({@code enforce_generic_type_consistency}
 * in {@code parse_coerce.c}): one element type for the whole call, from the arguments' types
 * (an array argument gives its element type; the compatible family takes the common type), then
 * every polymorphic argument and the result become that type or its array type.
 */
final class Polymorphism {
    private Polymorphism() {}

    static boolean isArrayFamily(int type) {
        return type == TypeOids.ANYARRAY || type == TypeOids.ANYCOMPATIBLEARRAY;
    }

    static boolean isElementFamily(int type) {
        return type == TypeOids.ANYELEMENT || type == TypeOids.ANYNONARRAY || type == TypeOids.ANYCOMPATIBLE;
    }

    /** {@code anyrange} and {@code anycompatiblerange}: a range type, whose subtype is the call's element type. */
    static boolean isRangeFamily(int type) {
        return type == TypeOids.ANYRANGE || type == TypeOids.ANYCOMPATIBLERANGE;
    }

    /** {@code anymultirange} and {@code anycompatiblemultirange}: a multirange type over the element type. */
    static boolean isMultirangeFamily(int type) {
        return type == TypeOids.ANYMULTIRANGE || type == TypeOids.ANYCOMPATIBLEMULTIRANGE;
    }

    /** Any polymorphic pseudo-type that takes part in the element type's resolution. */
    static boolean isPolymorphicFamily(int type) {
        return isArrayFamily(type) || isElementFamily(type) || isRangeFamily(type) || isMultirangeFamily(type);
    }

    /** True when the function's body asks for its element type (the families above, not {@code "any"}). */
    static boolean applies(FunctionDescriptor function) {
        return function.implementation() instanceof PolymorphicImplementation;
    }

    /**
     * The element type a call resolves to, or 0 when the arguments disagree (then the function
     * does not match). Unknown arguments give no evidence; all unknown gives text.
     */
    static int elementType(int[] declared, int[] actual) {
        int element = evidencedElementType(declared, actual);
        for (int type : declared) {
            // a range or multirange result or argument needs a range type over the element type
            if (element != 0 && (isRangeFamily(type) || isMultirangeFamily(type))
                    && RangeTypes.rangeOf(element) == 0 && rangeType(declared, actual) == 0) {
                return 0;
            }
        }
        return element;
    }

    /**
     * The range type a range or multirange argument gives the call (the range type of a
     * multirange), 0 when none does: {@code anyrange} binds to it, not to the built-in range over
     * the element type, so a user-defined range type over int4 stays itself.
     */
    static int rangeType(int[] declared, int[] actual) {
        for (int i = 0; i < declared.length && i < actual.length; i++) {
            if (isRangeFamily(declared[i]) && RangeTypes.isRange(actual[i])) {
                return actual[i];
            }
            if (isMultirangeFamily(declared[i]) && RangeTypes.isMultirange(actual[i])) {
                return RangeTypes.byMultirange(actual[i]).rangeOid();
            }
        }
        return 0;
    }

    private static int evidencedElementType(int[] declared, int[] actual) {
        int[] evidence = new int[actual.length];
        int count = 0;
        boolean compatible = false;
        for (int i = 0; i < actual.length; i++) {
            compatible |= declared[i] == TypeOids.ANYCOMPATIBLE || declared[i] == TypeOids.ANYCOMPATIBLEARRAY;
            if (declared[i] == TypeOids.ANY) {
                // a body over "any" that asks for its type (pg_typeof) gets the argument's, unknown included
                evidence[count++] = actual[i];
                continue;
            }
            if (actual[i] == TypeOids.UNKNOWN) {
                continue;
            }
            if (isRangeFamily(declared[i]) || isMultirangeFamily(declared[i])) {
                // a range (multirange) argument gives its subtype, as enforce_generic_type_consistency does
                boolean fits = isRangeFamily(declared[i]) ? RangeTypes.isRange(actual[i])
                        : RangeTypes.isMultirange(actual[i]);
                if (!fits) {
                    return 0;
                }
                evidence[count++] = RangeTypes.subtype(actual[i]);
            } else if (isArrayFamily(declared[i])) {
                int element = BuiltinTypes.elementType(actual[i]);
                if (element == 0) {
                    return 0;
                }
                evidence[count++] = element;
            } else if (isElementFamily(declared[i])) {
                evidence[count++] = actual[i];
            }
        }
        if (count == 0) {
            return TypeOids.TEXT;
        }
        int[] types = java.util.Arrays.copyOf(evidence, count);
        if (compatible) {
            try {
                return TypeCoercion.commonType(types, "ARRAY", null);
            } catch (org.woolly.utils.error.SqlException mismatch) {
                return 0;
            }
        }
        for (int type : types) {
            if (type != types[0]) {
                return 0;
            }
        }
        return types[0];
    }

    /** An aggregate returning {@code anyarray} (array_agg), bound: its final array carries {@code elementType}. */
    static org.woolly.utils.adt.AggregateDescriptor bindAggregate(org.woolly.utils.adt.AggregateDescriptor aggregate,
                                                                  int elementType) {
        var finalFunction = aggregate.finalFunction();
        int[] arguments = aggregate.argumentTypes().clone();
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = substitute(arguments[i], elementType);
        }
        return new org.woolly.utils.adt.AggregateDescriptor(aggregate.name(), arguments,
                aggregate.transitionType(), BuiltinTypes.arrayTypeOf(elementType), aggregate.initialState(),
                aggregate.transition(), state -> {
                    var array = (org.woolly.utils.adt.ArrayValue) finalFunction.apply(state);
                    return array == null ? null : array.withElements(elementType, array.elements().toArray());
                }, aggregate.strictTransition());
    }

    /**
     * An aggregate over {@code anyelement} whose result is the element type itself
     * ({@code percentile_disc}, {@code mode}), or over a range or multirange whose result is one
     * ({@code range_agg}, {@code range_intersect_agg}), bound to the call's element type.
     */
    static org.woolly.utils.adt.AggregateDescriptor bindElementAggregate(
            org.woolly.utils.adt.AggregateDescriptor aggregate, int elementType) {
        int[] arguments = aggregate.argumentTypes().clone();
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = substitute(arguments[i], elementType);
        }
        return new org.woolly.utils.adt.AggregateDescriptor(aggregate.name(), arguments, aggregate.transitionType(),
                substitute(aggregate.resultType(), elementType), aggregate.initialState(), aggregate.transition(),
                aggregate.finalFunction(), aggregate.strictTransition());
    }

    /** A declared type with the call's element type and range type (0: the one over the element type) substituted. */
    static int substitute(int declared, int elementType, int rangeType) {
        if (rangeType != 0 && isRangeFamily(declared)) {
            return rangeType;
        }
        if (rangeType != 0 && isMultirangeFamily(declared)) {
            return RangeTypes.byRange(rangeType).multirangeOid();
        }
        return substitute(declared, elementType);
    }

    /** A declared type with the call's element type substituted. */
    static int substitute(int declared, int elementType) {
        if (isArrayFamily(declared)) {
            return BuiltinTypes.arrayTypeOf(elementType);
        }
        if (isRangeFamily(declared)) {
            return RangeTypes.rangeOf(elementType);
        }
        if (isMultirangeFamily(declared)) {
            return RangeTypes.multirangeOf(elementType);
        }
        return isElementFamily(declared) ? elementType : declared;
    }

    /** The function bound to {@code elementType}: concrete argument and result types, the bound body. */
    static FunctionDescriptor bind(FunctionDescriptor function, int[] declared, int elementType) {
        return bind(function, declared, elementType, 0);
    }

    /** {@link #bind} with the call's range type ({@link #rangeType}; 0: the built-in one over the element type). */
    static FunctionDescriptor bind(FunctionDescriptor function, int[] declared, int elementType, int rangeType) {
        int[] arguments = new int[declared.length];
        for (int i = 0; i < declared.length; i++) {
            // "any" takes the argument as it is, whose type elementType is (pg_typeof)
            arguments[i] = declared[i] == TypeOids.ANY ? elementType
                    : substitute(declared[i], elementType, rangeType);
        }
        return new FunctionDescriptor(function.oid(), function.name(), arguments,
                substitute(function.returnType(), elementType, rangeType), function.strict(), function.variadic(),
                function.volatility(), ((PolymorphicImplementation) function.implementation()).bind(elementType));
    }
}
