package org.woolly.analyzer;

import java.util.Comparator;
import java.util.function.IntFunction;
import org.woolly.analyzer.resolve.FunctionResolver;
import org.woolly.analyzer.resolve.OperatorResolver;
import org.woolly.analyzer.resolve.TypeCoercion;
import org.woolly.analyzer.resolve.TypeNames;
import org.woolly.nodes.query.AggregateHandle;
import org.woolly.nodes.query.CoercionHandle;
import org.woolly.nodes.query.FunctionHandle;
import org.woolly.utils.adt.AggregateDescriptor;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.CastDescriptor;
import org.woolly.utils.adt.FunctionContext;
import org.woolly.utils.adt.FunctionDescriptor;
import org.woolly.utils.adt.PgType;
import org.woolly.utils.adt.SetReturningFunctions;
import org.woolly.utils.adt.TypeModifiers;

/**
 * The {@link TypeSystem} over the built-in types, functions, operators, aggregates and casts of
 * {@code org.woolly.utils.adt} and the resolution rules of {@code org.woolly.analyzer.resolve}.
 */
public final class BuiltinTypeSystem implements TypeSystem {
    /** How resolution errors name a type: the built-in names, or the catalog's when it knows more. */
    private final IntFunction<String> typeNames;

    public BuiltinTypeSystem() {
        this(TypeNames::format);
    }

    private BuiltinTypeSystem(IntFunction<String> typeNames) {
        this.typeNames = typeNames;
    }

    /**
     * This type system naming types with {@code typeNames} in its "function f(mood) does not exist"
     * errors, as a catalog-aware type system does for the types the catalog adds.
     */
    BuiltinTypeSystem naming(IntFunction<String> names) {
        return new BuiltinTypeSystem(names);
    }

    @Override
    public PgType type(int oid) {
        return BuiltinTypes.byOid(oid);
    }

    private static FunctionHandle handle(int oid, String name, FunctionDescriptor function) {
        return new FunctionHandle(oid, name, function.argumentTypes(), function.returnType(), function.strict(),
                function.volatility() == 'v', (args, context) -> function.invoke(args, (FunctionContext) context),
                SetReturningFunctions.returnsSet(oid));
    }

    @Override
    public OperatorMatch resolveOperator(String name, int leftType, int rightType) {
        var resolved = OperatorResolver.resolve(name, leftType, rightType, typeNames);
        var operator = resolved.op();
        return new OperatorMatch(handle(operator.oid(), operator.name(), operator.function()), resolved.leftTarget(),
                resolved.rightTarget());
    }

    @Override
    public FunctionMatch resolveFunction(String name, int[] argumentTypes) {
        var resolved = FunctionResolver.resolve(name, argumentTypes, typeNames);
        FunctionDescriptor function = resolved.function();
        return new FunctionMatch(handle(function.oid(), function.name(), function), resolved.argumentTargets());
    }

    @Override
    public AggregateMatch resolveAggregate(String name, int[] argumentTypes, boolean star) {
        if (!FunctionResolver.isAggregate(name)) {
            return null;
        }
        var resolved = FunctionResolver.resolveAggregate(name, argumentTypes, star, typeNames);
        AggregateDescriptor aggregate = resolved.aggregate();
        return new AggregateMatch(new AggregateHandle(aggregate.name(), aggregate.argumentTypes(),
                aggregate.transitionType(), aggregate.resultType(), aggregate.strictTransition(), aggregate.initialState(),
                (state, args, context) -> aggregate.transition().apply(state, args),
                aggregate.finalFunction() == null ? null : (state, context) -> aggregate.finalFunction().apply(state),
                aggregate.combine() == null ? null : aggregate.combine()::apply),
                resolved.argumentTargets());
    }

    @Override
    public CoercionHandle findCast(int sourceType, int targetType, CoercionContext context) {
        CastDescriptor cast = TypeCoercion.findCast(sourceType, targetType, switch (context) {
            case IMPLICIT -> org.woolly.analyzer.resolve.CoercionContext.IMPLICIT;
            case ASSIGNMENT -> org.woolly.analyzer.resolve.CoercionContext.ASSIGNMENT;
            case EXPLICIT -> org.woolly.analyzer.resolve.CoercionContext.EXPLICIT;
        });
        if (cast == null) {
            return null;
        }
        boolean explicit = context == CoercionContext.EXPLICIT;
        if (cast.binaryCoercible()) {
            return new CoercionHandle("relabel", sourceType, targetType,
                    (value, typmod, evaluation) -> typmod < 0 ? value : TypeModifiers.apply(targetType, value, typmod, explicit));
        }
        return new CoercionHandle("cast", sourceType, targetType, (value, typmod, evaluation) -> {
            Object converted = cast.apply(value, typmod, (FunctionContext) evaluation);
            return typmod < 0 || converted == null ? converted : TypeModifiers.apply(targetType, converted, typmod, explicit);
        });
    }

    @Override
    public int commonType(int[] types, String construct, int[] positions) {
        return TypeCoercion.commonType(types, construct, positions);
    }

    @Override
    public Object applyTypmod(int typeOid, Object value, int typmod, boolean explicit) {
        return TypeModifiers.apply(typeOid, value, typmod, explicit);
    }

    @Override
    public String formatType(int typeOid, int typmod) {
        return TypeNames.format(typeOid, typmod);
    }

    @Override
    public Comparator<Object> comparator(int typeOid) {
        return BuiltinTypes.comparator(typeOid);
    }

    @Override
    public Object groupingKey(int typeOid, Object value) {
        return BuiltinTypes.groupingKey(typeOid, value);
    }
}
