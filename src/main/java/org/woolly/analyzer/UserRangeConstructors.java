package org.woolly.analyzer;

import java.util.Arrays;
import java.util.List;
import org.woolly.access.transam.Transaction;
import org.woolly.catalog.CatalogAccess;
import org.woolly.nodes.query.CoercionHandle;
import org.woolly.nodes.query.FunctionHandle;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.adt.MultirangeValue;
import org.woolly.utils.adt.RangeFunctions;
import org.woolly.utils.adt.RangeIO;
import org.woolly.utils.adt.RangeTypes;
import org.woolly.utils.adt.RangeValue;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;

/**
 * The functions and casts CREATE TYPE ... AS RANGE gives a user-defined range type
 * ({@code makeRangeConstructors} and {@code makeMultirangeConstructors} of {@code typecmds.c}):
 * {@code name(lower, upper [, bounds])}, {@code multirange()}, {@code multirange(range)},
 * {@code multirange(VARIADIC range[])}, the explicit cast from the range type to its multirange
 * type, and the I/O conversion casts to and from the string types. Their pg_proc rows say
 * language internal; calls find them here, by the type of the function's name.
 */
final class UserRangeConstructors {

    private UserRangeConstructors() {}

    /** A call of a user range or multirange type's constructor, or null when {@code name} names none. */
    static TypeSystem.FunctionMatch resolve(TypeSystem types, CatalogAccess catalog, Transaction transaction,
                                            String name, int[] argumentTypes) {
        int typeOid;
        try {
            typeOid = catalog.lookupTypeOid(transaction, null, name);
        } catch (SqlException noType) {
            return null;
        }
        RangeTypes.RangeType range = catalog.userRange(transaction, typeOid).orElse(null);
        if (range == null) {
            return null;
        }
        int[] targets;
        FunctionHandle.Invoker invoker;
        boolean strict;
        if (typeOid == range.rangeOid()) {
            int subtype = range.subtype();
            if (argumentTypes.length == 2) {
                targets = new int[] {subtype, subtype};
                invoker = (args, context) -> RangeFunctions.construct(typeOid, args[0], args[1], "[)");
            } else if (argumentTypes.length == 3) {
                targets = new int[] {subtype, subtype, TypeOids.TEXT};
                invoker = (args, context) -> RangeFunctions.construct(typeOid, args[0], args[1], (String) args[2]);
            } else {
                return null;
            }
            strict = false;
        } else {
            targets = new int[argumentTypes.length];
            Arrays.fill(targets, range.rangeOid());
            invoker = (args, context) -> MultirangeValue.ofMembers(typeOid, Arrays.asList(args));
            strict = true;
        }
        for (int i = 0; i < targets.length; i++) {
            if (argumentTypes[i] != targets[i] && argumentTypes[i] != TypeOids.UNKNOWN
                    && types.findCast(argumentTypes[i], targets[i], TypeSystem.CoercionContext.IMPLICIT) == null) {
                return null;
            }
        }
        return new TypeSystem.FunctionMatch(new FunctionHandle(0, name, targets, typeOid, strict, false, invoker),
                targets);
    }

    /**
     * The cast from a user range type to its multirange type (explicit), and between a user range
     * or multirange type and the string types ({@code COERCION_PATH_COERCEVIAIO}: to a string in an
     * assignment or explicitly, from one explicitly); null for any other pair.
     */
    static CoercionHandle cast(CatalogAccess catalog, Transaction transaction, int sourceType, int targetType,
                               TypeSystem.CoercionContext context) {
        if (sourceType == targetType) {
            return null;
        }
        RangeTypes.RangeType source = sourceType == 0 ? null : catalog.userRange(transaction, sourceType).orElse(null);
        if (source != null && source.rangeOid() == sourceType && source.multirangeOid() == targetType) {
            return context != TypeSystem.CoercionContext.EXPLICIT ? null
                    : new CoercionHandle("multirange", sourceType, targetType,
                    (value, typmod, evaluation) -> MultirangeValue.of(targetType, List.of((RangeValue) value)));
        }
        boolean toString = isString(targetType);
        if (source != null && toString && context != TypeSystem.CoercionContext.IMPLICIT) {
            return new CoercionHandle(source.rangeOid() == sourceType ? "range_out" : "multirange_out", sourceType,
                    targetType, (value, typmod, evaluation) -> RangeIO.of(sourceType).output(value,
                    FormatSettings.DEFAULT));
        }
        RangeTypes.RangeType target = targetType == 0 ? null : catalog.userRange(transaction, targetType).orElse(null);
        if (target != null && isString(sourceType) && context == TypeSystem.CoercionContext.EXPLICIT) {
            return new CoercionHandle(target.rangeOid() == targetType ? "range_in" : "multirange_in", sourceType,
                    targetType, (value, typmod, evaluation) -> RangeIO.of(targetType).input((String) value, -1,
                    FormatSettings.DEFAULT));
        }
        return null;
    }

    private static boolean isString(int typeOid) {
        return BuiltinTypes.byOid(typeOid) != null && BuiltinTypes.category(typeOid) == 'S';
    }
}
