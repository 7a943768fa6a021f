package org.woolly.utils.adt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The server's table of built-in functions, operators, aggregates and casts: the rows of
 * {@link PgProcData}, {@link PgOperatorData}, {@link PgAggregateData} and {@link PgCastData}
 * (PostgreSQL's {@code pg_proc.dat} and friends) with the implementations each group of
 * built-ins registers (PostgreSQL's {@code fmgrtab}).
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
        FormattingFunctions.register(REGISTRY);
        ZoneConversions.register(REGISTRY);
        DateTimeConstructors.register(REGISTRY);
        PatternEscapes.register(REGISTRY);
        SystemFunctions.register(REGISTRY);
        CatalogFunctions.register(REGISTRY);
        ObjectSizeFunctions.register(REGISTRY);
        SequenceFunctions.register(REGISTRY);
        SetReturningFunctions.register(REGISTRY);
        ArrayFunctions.register(REGISTRY);
        TypeIOFunctions.register(REGISTRY);
        StatisticsFunctions.register(REGISTRY);
        StatementStatisticsFunctions.register(REGISTRY);
        StatementStatisticsFunctions.registerProgress(REGISTRY);
        LogFileFunctions.register(REGISTRY);
        AdvisoryLockFunctions.register(REGISTRY);
        AsyncFunctions.register(REGISTRY);
        SleepFunctions.register(REGISTRY);
        TransactionIdFunctions.register(REGISTRY);
        GeometricFunctions.register(REGISTRY);
        BuiltinAggregates.register(REGISTRY);
        OrderedSetAggregates.register(REGISTRY);
        BitStringFunctions.register(REGISTRY);
        RegexpFunctions.register(REGISTRY);
        VarianceAggregates.register(REGISTRY);
        MoreMathFunctions.register(REGISTRY);
        EncodeFunctions.register(REGISTRY);
        JsonOperators.register(REGISTRY);
        JsonFunctions.register(REGISTRY);
        RangeFunctions.register(REGISTRY);
        JsonRecords.register(REGISTRY);
        JsonPathFunctions.register(REGISTRY);
        BuiltinCasts.register(REGISTRY);
        REGISTRY.checkComplete();
    }

    private BuiltinFunctions() {}

    /** Functions with this name (any arity), empty when none. */
    public static List<FunctionDescriptor> byName(String name) {
        return REGISTRY.functions.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** The function with this pg_proc OID, or null (built once, on first use). */
    public static FunctionDescriptor byOid(int oid) {
        return ByOid.FUNCTIONS.get(oid);
    }

    private static final class ByOid {
        static final Map<Integer, FunctionDescriptor> FUNCTIONS = new java.util.HashMap<>();

        static {
            for (List<FunctionDescriptor> functions : REGISTRY.functions.values()) {
                for (FunctionDescriptor function : functions) {
                    FUNCTIONS.putIfAbsent(function.oid(), function);
                }
            }
        }
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

    /**
     * Collects the implementations as each group of built-ins registers itself, and takes every
     * catalog attribute (OID, name, types, volatility, strictness, cast context) from the
     * {@code Pg*Data} tables. A registration the tables do not list, or that states its types
     * differently, fails the server's start, and so does a table row left without an
     * implementation.
     */
    static final class Registry {
        final Map<String, List<FunctionDescriptor>> functions = new HashMap<>();
        final Map<String, List<OperatorDescriptor>> operators = new HashMap<>();
        final Map<String, List<AggregateDescriptor>> aggregates = new HashMap<>();
        final Map<Long, CastDescriptor> casts = new HashMap<>();
        private final Set<Object> implemented = new HashSet<>();

        /** An immutable, strict function. */
        FunctionDescriptor function(String name, int returnType, FunctionImplementation implementation,
                                    int... argumentTypes) {
            return function(name, returnType, PgProcData.IMMUTABLE, PgProcData.STRICT, implementation, argumentTypes);
        }

        FunctionDescriptor function(String name, int returnType, char volatility, boolean strict,
                                    FunctionImplementation implementation, int... argumentTypes) {
            return add(name, returnType, volatility, strict, false, implementation, argumentTypes);
        }

        FunctionDescriptor variadic(String name, int returnType, char volatility, boolean strict,
                                    FunctionImplementation implementation, int... argumentTypes) {
            return add(name, returnType, volatility, strict, true, implementation, argumentTypes);
        }

        private FunctionDescriptor add(String name, int returnType, char volatility, boolean strict, boolean variadic,
                                       FunctionImplementation implementation, int... argumentTypes) {
            PgProcData.Proc proc = PgProcData.find(name, argumentTypes);
            String signature = PgProcData.signature(name, argumentTypes);
            if (proc == null) {
                throw new IllegalStateException("built-in function " + signature + " has no row in PgProcData");
            }
            if (proc.returnType() != returnType || proc.volatility() != volatility || proc.strict() != strict
                    || proc.variadic() != variadic) {
                throw new IllegalStateException("built-in function " + signature + " disagrees with PgProcData");
            }
            claim(proc);
            FunctionDescriptor descriptor = new FunctionDescriptor(proc.oid(), proc.name(), proc.argumentTypes(),
                    proc.returnType(), proc.strict(), proc.variadic(), proc.volatility(), implementation);
            functions.computeIfAbsent(name, key -> new ArrayList<>()).add(descriptor);
            return descriptor;
        }

        /** An operator: a prefix one when {@code left} is 0; its commutator and negator come from the table. */
        void operator(String name, int left, int right, int result, FunctionImplementation implementation) {
            PgOperatorData.Operator row = PgOperatorData.find(name, left, right);
            if (row == null || row.resultType() != result) {
                throw new IllegalStateException("built-in operator " + left + " " + name + " " + right
                        + (row == null ? " has no row in PgOperatorData" : " disagrees with PgOperatorData"));
            }
            claim(row);
            FunctionDescriptor function = new FunctionDescriptor(row.procOid(), row.procName(),
                    row.procArgumentTypes(), result, true, false, row.procVolatility(), implementation);
            operators.computeIfAbsent(name, key -> new ArrayList<>()).add(new OperatorDescriptor(row.oid(), name, left,
                    right, result, function, operatorName(row.commutator()), operatorName(row.negator())));
        }

        /** As above, for a registration that names the commutator and negator: they must be the table's. */
        void operator(String name, int left, int right, int result, FunctionImplementation implementation,
                      String commutator, String negator) {
            PgOperatorData.Operator row = PgOperatorData.find(name, left, right);
            if (row != null && !(Objects.equals(commutator, operatorName(row.commutator()))
                    && Objects.equals(negator, operatorName(row.negator())))) {
                throw new IllegalStateException("built-in operator " + left + " " + name + " " + right
                        + " names another commutator or negator than PgOperatorData");
            }
            operator(name, left, right, result, implementation);
        }

        private static String operatorName(int oid) {
            return oid == 0 ? null : PgOperatorData.byOid(oid).name();
        }

        void aggregate(AggregateDescriptor descriptor) {
            PgAggregateData.Aggregate row = PgAggregateData.find(descriptor.name(), descriptor.argumentTypes());
            if (row == null || row.resultType() != descriptor.resultType()) {
                throw new IllegalStateException("built-in aggregate "
                        + PgProcData.signature(descriptor.name(), descriptor.argumentTypes())
                        + (row == null ? " has no row in PgAggregateData" : " disagrees with PgAggregateData"));
            }
            claim(row);
            aggregates.computeIfAbsent(descriptor.name(), key -> new ArrayList<>()).add(descriptor);
        }

        /** A cast; {@code implementation} null when the value is used as is. */
        void cast(int source, int target, char context, CastImplementation implementation) {
            PgCastData.Cast row = PgCastData.find(source, target);
            if (row == null || row.context() != context) {
                throw new IllegalStateException("built-in cast " + source + " -> " + target
                        + (row == null ? " has no row in PgCastData" : " disagrees with PgCastData"));
            }
            claim(row);
            casts.put(castKey(source, target), new CastDescriptor(source, target, row.context(), row.method(),
                    implementation));
        }

        private void claim(Object row) {
            if (!implemented.add(row)) {
                throw new IllegalStateException("built-in registered twice: " + row);
            }
        }

        /** Every row of the tables has its implementation: the tables list only what Woolly implements. */
        void checkComplete() {
            List<Object> rows = new ArrayList<>();
            rows.addAll(PgProcData.all());
            rows.addAll(PgOperatorData.all());
            rows.addAll(PgAggregateData.all());
            rows.addAll(PgCastData.all());
            for (Object row : rows) {
                if (!implemented.contains(row)) {
                    throw new IllegalStateException("no implementation registered for " + row);
                }
            }
        }
    }
}
