package org.woolly.analyzer;

import java.util.Comparator;
import org.woolly.nodes.query.AggregateHandle;
import org.woolly.nodes.query.CoercionHandle;
import org.woolly.nodes.query.FunctionHandle;
import org.woolly.utils.adt.PgType;

/**
 * What the analyzer and executor need from the type system ({@code utils/adt}, {@code parse_oper.c},
 * {@code parse_func.c}, {@code parse_coerce.c}), in one seam so the query
 * pipeline does not depend on how the built-in catalog of types and functions is stored.
 * Resolution errors (42883 unknown operator or function, 42804/42846 mismatches) are thrown
 * without a position; the analyzer adds the position of the node it was resolving.
 */
public interface TypeSystem {

    enum CoercionContext { IMPLICIT, ASSIGNMENT, EXPLICIT }

    record OperatorMatch(FunctionHandle function, int leftTarget, int rightTarget) {}

    record FunctionMatch(FunctionHandle function, int[] argumentTargets) {}

    record AggregateMatch(AggregateHandle aggregate, int[] argumentTargets) {}

    /** The built-in type, or null when the OID is not one. */
    PgType type(int oid);

    /** A binary ({@code leftType != 0}) or prefix operator; unknown-typed arguments take part as PostgreSQL's rules say. */
    OperatorMatch resolveOperator(String name, int leftType, int rightType);

    FunctionMatch resolveFunction(String name, int[] argumentTypes);

    /** Null when no aggregate of that name exists (then it is an ordinary function call). */
    AggregateMatch resolveAggregate(String name, int[] argumentTypes, boolean star);

    /** As above for {@code schema.name(...)} ({@code schema} null when not written). */
    default AggregateMatch resolveAggregate(String schema, String name, int[] argumentTypes, boolean star) {
        return resolveAggregate(name, argumentTypes, star);
    }

    /** The cast, or null when none exists in that context; same types answer a relabeling handle. */
    CoercionHandle findCast(int sourceType, int targetType, CoercionContext context);

    /** The common type of CASE/COALESCE/... branches; errors name {@code construct}. */
    default int commonType(int[] types, String construct) {
        return commonType(types, construct, new int[types.length]);
    }

    /**
     * As {@link #commonType(int[], String)}, with the 1-based position of each input (0 when
     * unknown): an error points at the input that could not be matched, as PostgreSQL's does.
     */
    int commonType(int[] types, String construct, int[] positions);

    /** Applies a type modifier on store or cast: varchar(n), bpchar(n), numeric(p,s) (22001, 22003). */
    Object applyTypmod(int typeOid, Object value, int typmod, boolean explicit);

    /** The type as format_type prints it: {@code integer}, {@code character varying(10)}. */
    String formatType(int typeOid, int typmod);

    /** The default btree ordering of the type (null first is decided by the caller). */
    Comparator<Object> comparator(int typeOid);

    /** A key with equals/hashCode matching the type's equality (for hashing). */
    Object groupingKey(int typeOid, Object value);
}
