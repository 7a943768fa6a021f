package org.woolly.utils.adt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The registry of built-in functions, operators, aggregates and casts: the counterpart of
 * {@code pg_proc.dat}, {@code pg_operator.dat}, {@code pg_aggregate.dat} and {@code pg_cast.dat}.
 * Lookups are by lower-case name; the analyzer's resolvers
 * ({@code org.woolly.analyzer.resolve}) pick among the candidates.
 */
public final class BuiltinFunctions {
    private static final Registry REGISTRY = new Registry();

    static {
        IntegerOperators.register(REGISTRY);
        FloatOperators.register(REGISTRY);
        NumericOperators.register(REGISTRY);
        ComparisonOperators.register(REGISTRY);
        StringFunctions.register(REGISTRY);
        MathFunctions.register(REGISTRY);
        DateTimeFunctions.register(REGISTRY);
        SystemFunctions.register(REGISTRY);
        BuiltinAggregates.register(REGISTRY);
        BuiltinCasts.register(REGISTRY);
    }

    private BuiltinFunctions() {}

    /** Functions with this name (any arity), empty when none. */
    public static List<FunctionDescriptor> byName(String name) {
        return REGISTRY.functions.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** Operators with this name, prefix and infix, empty when none. */
    public static List<OperatorDescriptor> operatorsByName(String name) {
        return REGISTRY.operators.getOrDefault(name, List.of());
    }

    public static List<AggregateDescriptor> aggregatesByName(String name) {
        return REGISTRY.aggregates.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** The cast from {@code source} to {@code target} listed in pg_cast or by I/O conversion, or null. */
    public static CastDescriptor cast(int source, int target) {
        CastDescriptor listed = REGISTRY.casts.get(castKey(source, target));
        if (listed != null) {
            return listed;
        }
        return BuiltinCasts.ioConversion(source, target);
    }

    /** All functions, for {@code pg_proc}. */
    public static List<FunctionDescriptor> allFunctions() {
        List<FunctionDescriptor> all = new ArrayList<>();
        REGISTRY.functions.values().forEach(all::addAll);
        return all;
    }

    /** All operators, for {@code pg_operator}. */
    public static List<OperatorDescriptor> allOperators() {
        List<OperatorDescriptor> all = new ArrayList<>();
        REGISTRY.operators.values().forEach(all::addAll);
        return all;
    }

    static long castKey(int source, int target) {
        return ((long) source << 32) | (target & 0xFFFFFFFFL);
    }

    /** Collects the entries as each group of built-ins registers itself. */
    static final class Registry {
        final Map<String, List<FunctionDescriptor>> functions = new HashMap<>();
        final Map<String, List<OperatorDescriptor>> operators = new HashMap<>();
        final Map<String, List<AggregateDescriptor>> aggregates = new HashMap<>();
        final Map<Long, CastDescriptor> casts = new HashMap<>();
        private int nextFunctionOid = 10000; // below FirstNormalObjectId (16384), in genbki's range
        private int nextOperatorOid = 14000;

        /** An immutable, strict function. */
        FunctionDescriptor function(String name, int returnType, FunctionImplementation implementation,
                                    int... argumentTypes) {
            return function(name, returnType, 'i', true, implementation, argumentTypes);
        }

        FunctionDescriptor function(String name, int returnType, char volatility, boolean strict,
                                    FunctionImplementation implementation, int... argumentTypes) {
            FunctionDescriptor descriptor = new FunctionDescriptor(nextFunctionOid++, name, argumentTypes, returnType,
                    strict, false, volatility, implementation);
            functions.computeIfAbsent(name, key -> new ArrayList<>()).add(descriptor);
            return descriptor;
        }

        FunctionDescriptor variadic(String name, int returnType, char volatility, boolean strict,
                                    FunctionImplementation implementation, int... argumentTypes) {
            FunctionDescriptor descriptor = new FunctionDescriptor(nextFunctionOid++, name, argumentTypes, returnType,
                    strict, true, volatility, implementation);
            functions.computeIfAbsent(name, key -> new ArrayList<>()).add(descriptor);
            return descriptor;
        }

        /** An infix operator backed by an internal (unnamed-to-SQL) strict immutable function. */
        void operator(String name, int left, int right, int result, FunctionImplementation implementation) {
            operator(name, left, right, result, implementation, null, null);
        }

        void operator(String name, int left, int right, int result, FunctionImplementation implementation,
                      String commutator, String negator) {
            int[] arguments = left == 0 ? new int[] {right} : new int[] {left, right};
            FunctionDescriptor function = new FunctionDescriptor(nextFunctionOid++, operatorFunctionName(name),
                    arguments, result, true, false, 'i', implementation);
            operators.computeIfAbsent(name, key -> new ArrayList<>())
                    .add(new OperatorDescriptor(nextOperatorOid++, name, left, right, result, function, commutator,
                            negator));
        }

        void aggregate(AggregateDescriptor descriptor) {
            aggregates.computeIfAbsent(descriptor.name(), key -> new ArrayList<>()).add(descriptor);
        }

        void cast(int source, int target, char context, CastImplementation implementation) {
            casts.put(castKey(source, target), new CastDescriptor(source, target, context,
                    implementation == null ? 'b' : 'f', implementation));
        }

        private static String operatorFunctionName(String operator) {
            return "operator(" + operator + ")";
        }
    }
}
