package org.woolly.analyzer;

import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import org.woolly.access.transam.Transaction;
import org.woolly.catalog.AggregateInfo;
import org.woolly.catalog.CatalogAccess;
import org.woolly.catalog.FunctionInfo;
import org.woolly.catalog.NamespaceInfo;
import org.woolly.nodes.query.AggregateHandle;
import org.woolly.nodes.query.FunctionHandle;
import org.woolly.nodes.query.ProceduralCalls;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.adt.PgOperatorData;
import org.woolly.utils.adt.PgType;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;

/**
 * Calls of user-defined aggregates ({@code CREATE AGGREGATE}): the aggregate chosen among the
 * catalog's by its argument types ({@code func_get_detail} over prokind 'a', polymorphic
 * arguments bound as {@code enforce_generic_type_consistency} binds them), and its support
 * functions looked up by name and the signature {@code DefineAggregate} gave them, called as
 * {@code advance_transition_function} and {@code finalize_aggregate} of {@code nodeAgg.c} call
 * them. A built-in support function runs directly; one written in SQL or PL/pgSQL runs through
 * the session ({@link ProceduralCalls.Handler#evaluate}), which is also why a user aggregate has
 * no combine function here and never runs in parallel workers.
 */
final class UserAggregates {
    private final TypeSystem types;
    private final TypeSystem builtin;
    private final CatalogAccess catalog;
    private final Transaction transaction;

    UserAggregates(TypeSystem types, TypeSystem builtin, CatalogAccess catalog, Transaction transaction) {
        this.types = types;
        this.builtin = builtin;
        this.catalog = catalog;
        this.transaction = transaction;
    }

    /** The user aggregate {@code [schema.]name} over these argument types, or null when none matches. */
    TypeSystem.AggregateMatch resolve(String schema, String name, int[] argumentTypes, boolean star) {
        if ("pg_catalog".equals(schema)) {
            return null;
        }
        List<FunctionInfo> candidates = catalog.lookupAggregates(transaction, schema, name);
        if (candidates.isEmpty()) {
            return null;
        }
        FunctionInfo chosen = null;
        for (int exactness = 0; exactness < 2 && chosen == null; exactness++) {
            for (FunctionInfo candidate : candidates) {
                if (candidate.argumentTypes().length == (star ? 0 : argumentTypes.length)
                        && matches(candidate.argumentTypes(), argumentTypes, exactness == 0)) {
                    chosen = candidate;
                    break;
                }
            }
        }
        if (chosen == null) {
            return null;
        }
        AggregateInfo aggregate = catalog.aggregate(transaction, chosen.oid()).orElse(null);
        if (aggregate == null) {
            return null;
        }
        Polymorphism binding = Polymorphism.of(chosen.argumentTypes(), argumentTypes);
        int[] targets = star ? new int[0] : binding.bind(chosen.argumentTypes());
        for (int i = 0; i < targets.length; i++) {
            // "any" takes the argument as it is
            targets[i] = targets[i] == TypeOids.ANY ? argumentTypes[i] : targets[i];
        }
        return new TypeSystem.AggregateMatch(handle(chosen, aggregate, targets, binding), targets);
    }

    private boolean matches(int[] declared, int[] actual, boolean exact) {
        for (int i = 0; i < declared.length; i++) {
            if (declared[i] == actual[i] || Polymorphism.isPolymorphic(declared[i]) || declared[i] == TypeOids.ANY) {
                continue;
            }
            if (exact || actual[i] != TypeOids.UNKNOWN
                    && types.findCast(actual[i], declared[i], TypeSystem.CoercionContext.IMPLICIT) == null) {
                return false;
            }
        }
        return true;
    }

    private AggregateHandle handle(FunctionInfo function, AggregateInfo aggregate, int[] arguments,
                                   Polymorphism binding) {
        int stateType = binding.bind(aggregate.transitionType());
        int[] declaredTransition = prepend(aggregate.transitionType(), function.argumentTypes());
        Support transition = support(aggregate.transitionFunction(), declaredTransition,
                prepend(stateType, arguments));
        Support finalFunction = AggregateInfo.NONE.equals(aggregate.finalFunction()) ? null
                : support(aggregate.finalFunction(), aggregate.finalExtra() ? declaredTransition
                        : new int[] {aggregate.transitionType()},
                        aggregate.finalExtra() ? prepend(stateType, arguments) : new int[] {stateType});
        int resultType = finalFunction == null ? stateType : binding.bind(finalFunction.returnType);
        boolean strict = transition.strict;
        int extra = aggregate.finalExtra() ? arguments.length : 0;
        return new AggregateHandle(function.name(), arguments.clone(), stateType, resultType, strict,
                initialState(stateType, aggregate.initialValue()), transitionCall(transition), finalCall(finalFunction,
                extra), null, moving(function, aggregate, arguments, binding));
    }

    /** The moving-aggregate implementation, or null when the aggregate has none. */
    private AggregateHandle.Moving moving(FunctionInfo function, AggregateInfo aggregate, int[] arguments,
                                          Polymorphism binding) {
        if (AggregateInfo.NONE.equals(aggregate.movingTransitionFunction())) {
            return null;
        }
        int stateType = binding.bind(aggregate.movingTransitionType());
        int[] declared = prepend(aggregate.movingTransitionType(), function.argumentTypes());
        int[] actual = prepend(stateType, arguments);
        Support forward = support(aggregate.movingTransitionFunction(), declared, actual);
        Support inverse = support(aggregate.movingInverseFunction(), declared, actual);
        Support finalFunction = AggregateInfo.NONE.equals(aggregate.movingFinalFunction()) ? null
                : support(aggregate.movingFinalFunction(), aggregate.movingFinalExtra() ? declared
                        : new int[] {aggregate.movingTransitionType()},
                        aggregate.movingFinalExtra() ? actual : new int[] {stateType});
        return new AggregateHandle.Moving(stateType, forward.strict,
                initialState(stateType, aggregate.movingInitialValue()), transitionCall(forward),
                transitionCall(inverse), finalCall(finalFunction, aggregate.movingFinalExtra() ? arguments.length : 0));
    }

    private java.util.function.Supplier<Object> initialState(int stateType, String initial) {
        PgType stateIO = initial == null ? null : types.type(stateType);
        return () -> initial == null ? null : stateIO.io().input(initial, -1, FormatSettings.DEFAULT);
    }

    /** A strict transition keeps a null state: PostgreSQL never calls it with one. */
    private static AggregateHandle.Transition transitionCall(Support transition) {
        return (state, args, context) -> transition.strict && state == null ? null
                : transition.invoker.invoke(prepend(state, args), context);
    }

    /** FINALFUNC_EXTRA passes {@code extra} nulls after the state. */
    private static AggregateHandle.Final finalCall(Support finalFunction, int extra) {
        return finalFunction == null ? null : (state, context) -> finalFunction.strict && state == null ? null
                : finalFunction.invoker.invoke(prepend(state, new Object[extra]), context);
    }

    /** A support function ready to call: its invoker, strictness and declared return type. */
    private record Support(FunctionHandle.Invoker invoker, boolean strict, int returnType) {}

    /**
     * The support function named {@code reference} (regproc's text) with the {@code declared}
     * argument types, called with values of the {@code actual} types.
     */
    private Support support(String reference, int[] declared, int[] actual) {
        int dot = reference.lastIndexOf('.');
        String schema = dot < 0 ? null : unquote(reference.substring(0, dot));
        String name = unquote(reference.substring(dot + 1));
        List<FunctionInfo> candidates = catalog.lookupFunctions(transaction, schema, name);
        FunctionInfo chosen = null;
        for (FunctionInfo candidate : candidates) {
            if (Arrays.equals(candidate.argumentTypes(), declared)) {
                chosen = candidate;
                break;
            }
        }
        for (int i = 0; chosen == null && i < candidates.size(); i++) {
            // a polymorphic function standing for the declared types, as CREATE AGGREGATE accepted it
            if (polymorphicFor(candidates.get(i).argumentTypes(), declared)) {
                chosen = candidates.get(i);
            }
        }
        if (chosen != null) {
            String namespace = catalog.namespaceByOid(transaction, chosen.namespaceOid())
                    .map(NamespaceInfo::name).orElse("public");
            return new Support(sessionCall(namespace, name, actual), chosen.strict(), chosen.returnType());
        }
        if (actual.length == 2) {
            // the functions behind built-in operators (int4pl, float8pl) are called through their operator
            for (PgOperatorData.Operator operator : PgOperatorData.all()) {
                if (operator.procName().equals(name) && Arrays.equals(operator.procArgumentTypes(), declared)) {
                    FunctionHandle handle = builtin.resolveOperator(operator.name(), actual[0], actual[1]).function();
                    return new Support(handle.invoker(), handle.strict(), handle.resultType());
                }
            }
        }
        FunctionHandle handle = builtin.resolveFunction(name, actual).function();
        return new Support(handle.invoker(), handle.strict(), handle.resultType());
    }

    private static boolean polymorphicFor(int[] declared, int[] wanted) {
        if (declared.length != wanted.length) {
            return false;
        }
        for (int i = 0; i < declared.length; i++) {
            if (declared[i] != wanted[i] && !Polymorphism.isPolymorphic(declared[i]) && declared[i] != TypeOids.ANY) {
                return false;
            }
        }
        return true;
    }

    /**
     * A call of a user function through the session: {@code SELECT schema.name($1, ...)} with
     * parameters of the actual types, so that the function's own resolution, polymorphism and
     * inlining apply as they do to a call written in SQL.
     */
    static FunctionHandle.Invoker sessionCall(String schema, String name, int[] actual) {
        StringJoiner sql = new StringJoiner(", ", "SELECT " + quote(schema) + "." + quote(name) + "(", ")");
        for (int i = 1; i <= actual.length; i++) {
            sql.add("$" + i);
        }
        String text = sql.toString();
        int[] parameterTypes = actual.clone();
        return (args, context) -> ProceduralCalls.current().evaluate(text, parameterTypes, args);
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String unquote(String text) {
        return text.length() > 1 && text.startsWith("\"") && text.endsWith("\"")
                ? text.substring(1, text.length() - 1).replace("\"\"", "\"") : text;
    }

    private static int[] prepend(int first, int[] rest) {
        int[] all = new int[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** What the polymorphic types of a signature stand for in one call. */
    record Polymorphism(int element, int array) {

        static boolean isPolymorphic(int type) {
            return type == TypeOids.ANYELEMENT || type == TypeOids.ANYARRAY || type == TypeOids.ANYNONARRAY;
        }

        static Polymorphism of(int[] declared, int[] actual) {
            int element = 0;
            int array = 0;
            for (int i = 0; i < declared.length && i < actual.length; i++) {
                int type = actual[i] == TypeOids.UNKNOWN ? TypeOids.TEXT : actual[i];
                if (declared[i] == TypeOids.ANYELEMENT || declared[i] == TypeOids.ANYNONARRAY) {
                    element = element == 0 ? type : element;
                } else if (declared[i] == TypeOids.ANYARRAY) {
                    array = array == 0 ? type : array;
                }
            }
            if (element == 0 && array != 0) {
                element = BuiltinTypes.elementType(array);
            }
            if (array == 0 && element != 0) {
                array = BuiltinTypes.arrayTypeOf(element);
            }
            return new Polymorphism(element, array);
        }

        int bind(int type) {
            if (type == TypeOids.ANYELEMENT || type == TypeOids.ANYNONARRAY) {
                return element == 0 ? type : element;
            }
            return type == TypeOids.ANYARRAY && array != 0 ? array : type;
        }

        int[] bind(int[] declared) {
            return Arrays.stream(declared).map(this::bind).toArray();
        }
    }

    /** Whether the catalog has a user aggregate called {@code name} in {@code schema}. */
    static boolean exists(CatalogAccess catalog, Transaction transaction, String schema, String name) {
        try {
            return !catalog.lookupAggregates(transaction, schema, name).isEmpty();
        } catch (SqlException denied) {
            return false;
        }
    }
}
