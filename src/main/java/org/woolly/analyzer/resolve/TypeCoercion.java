package org.woolly.analyzer.resolve;

import org.woolly.utils.adt.BuiltinFunctions;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.CastDescriptor;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Which coercions are allowed and which type a set of expressions resolves to: the
 * counterpart of {@code can_coerce_type}, {@code find_coercion_pathway} and
 * {@code select_common_type} in {@code src/backend/parser/parse_coerce.c}.
 */
public final class TypeCoercion {
    private TypeCoercion() {}

    /** True when a value of {@code source} may be coerced to {@code target} in {@code context}. */
    public static boolean canCoerce(int source, int target, CoercionContext context) {
        if (source == target || target == BuiltinTypes.ANY) {
            return true;
        }
        if (Polymorphism.isArrayFamily(target)) {
            return source == TypeOids.UNKNOWN || BuiltinTypes.elementType(source) != 0;
        }
        if (Polymorphism.isRangeFamily(target)) {
            return source == TypeOids.UNKNOWN || org.woolly.utils.adt.RangeTypes.isRange(source);
        }
        if (Polymorphism.isMultirangeFamily(target)) {
            return source == TypeOids.UNKNOWN || org.woolly.utils.adt.RangeTypes.isMultirange(source);
        }
        if (target == TypeOids.ANYCOMPATIBLE) {
            return true;
        }
        if (target == TypeOids.RECORD) {
            // a parameter of type record (row_to_json) takes any row type: the user-defined ones
            return BuiltinTypes.byOid(source) == null;
        }
        if (target == BuiltinTypes.ANYNONARRAY || target == TypeOids.ANYELEMENT) {
            return target == TypeOids.ANYELEMENT || !BuiltinTypes.isArray(source);
        }
        if (source == TypeOids.UNKNOWN) {
            // an untyped literal can become any type through its input function
            return BuiltinTypes.byOid(target) != null
                    && (BuiltinTypes.category(target) != 'P' || target == TypeOids.CSTRING);
        }
        return findCast(source, target, context) != null;
    }

    /**
     * The cast to apply from {@code source} to {@code target} in {@code context}, or null when
     * none is allowed. Identical types give a binary-coercible descriptor (nothing to do).
     * Length coercion to a typmod is separate: {@link org.woolly.utils.adt.TypeModifiers#apply}.
     */
    public static CastDescriptor findCast(int source, int target, CoercionContext context) {
        if (source == target) {
            return new CastDescriptor(source, target, CastDescriptor.IMPLICIT, 'b', null);
        }
        CastDescriptor cast = BuiltinFunctions.cast(source, target);
        if (cast == null || !context.allows(cast.context())) {
            return null;
        }
        return cast;
    }

    /**
     * {@code select_common_type}: the type CASE/UNION/VALUES/COALESCE/... branches resolve to.
     * All unknown gives text. {@code construct} is the SQL word for messages ("CASE", "UNION",
     * "VALUES", "COALESCE"); {@code locations} (may be null) hold each input's 1-based position in
     * the statement text for the error cursor, 0 when unknown.
     */
    public static int commonType(int[] types, String construct, int[] locations) {
        int chosen = TypeOids.UNKNOWN;
        int chosenIndex = -1;
        for (int i = 0; i < types.length; i++) {
            if (types[i] != TypeOids.UNKNOWN) {
                chosen = types[i];
                chosenIndex = i;
                break;
            }
        }
        if (chosenIndex < 0) {
            return TypeOids.TEXT;
        }
        char chosenCategory = BuiltinTypes.category(chosen);
        boolean chosenPreferred = BuiltinTypes.isPreferred(chosen);
        for (int i = chosenIndex + 1; i < types.length; i++) {
            int next = types[i];
            if (next == TypeOids.UNKNOWN || next == chosen) {
                continue;
            }
            char nextCategory = BuiltinTypes.category(next);
            if (nextCategory != chosenCategory) {
                throw positioned(new SqlException(SqlState.DATATYPE_MISMATCH, construct + " types "
                        + TypeNames.format(chosen) + " and " + TypeNames.format(next) + " cannot be matched"),
                        locations, i);
            }
            if (!chosenPreferred && canCoerce(chosen, next, CoercionContext.IMPLICIT)
                    && !canCoerce(next, chosen, CoercionContext.IMPLICIT)) {
                chosen = next;
                chosenPreferred = BuiltinTypes.isPreferred(next);
            }
        }
        for (int i = 0; i < types.length; i++) {
            if (!canCoerce(types[i], chosen, CoercionContext.IMPLICIT)) {
                throw positioned(new SqlException(SqlState.CANNOT_COERCE, construct + " could not convert type "
                        + TypeNames.format(types[i]) + " to " + TypeNames.format(chosen)), locations, i);
            }
        }
        return chosen;
    }

    private static SqlException positioned(SqlException error, int[] locations, int index) {
        if (locations != null && index < locations.length && locations[index] > 0) {
            return error.withPosition(locations[index]);
        }
        return error;
    }
}
