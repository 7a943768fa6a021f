package org.woolly.analyzer.resolve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.IntFunction;
import org.woolly.utils.adt.AggregateDescriptor;
import org.woolly.utils.adt.ArgumentTypedImplementation;
import org.woolly.utils.adt.BuiltinFunctions;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.FunctionImplementation;
import org.woolly.utils.adt.TypeIO;
import org.woolly.utils.adt.FunctionDescriptor;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Function and aggregate resolution ({@code func_get_detail} and {@code func_select_candidate}
 * in {@code src/backend/parser/parse_func.c}). Arguments declared {@code "any"}/{@code anynonarray}
 * (concat, {@code ||}) keep their own type as target (unknown becomes text); the descriptor handed
 * back is then specialized to convert them with their type's output function before the call,
 * which is what those functions do in PostgreSQL (so {@code 'a' || true} is {@code at}).
 */
public final class FunctionResolver {
    private FunctionResolver() {}

    /** Resolves {@code name(argTypes...)}; throws 42883 when nothing matches, 42725 when ambiguous. */
    public static ResolvedFunction resolve(String name, int[] argTypes) {
        return resolve(name, argTypes, TypeNames::format);
    }

    /** {@link #resolve(String, int[])}, naming the argument types in its errors with {@code typeNames}. */
    public static ResolvedFunction resolve(String name, int[] argTypes, IntFunction<String> typeNames) {
        List<FunctionDescriptor> all = BuiltinFunctions.byName(name);
        List<FunctionDescriptor> exact = new ArrayList<>();
        for (FunctionDescriptor function : all) {
            if (!function.variadic() && Arrays.equals(function.argumentTypes(), argTypes)) {
                exact.add(function);
            }
        }
        if (exact.size() == 1 && !(exact.get(0).implementation() instanceof ArgumentTypedImplementation)) {
            return new ResolvedFunction(exact.get(0), targets(exact.get(0).argumentTypes(), argTypes));
        }
        List<FunctionDescriptor> chosen = CandidateSelector.select(all,
                function -> expand(function.argumentTypes(), function.variadic(), argTypes.length), argTypes);
        if (chosen.size() == 1) {
            FunctionDescriptor function = chosen.get(0);
            int[] declared = expand(function.argumentTypes(), function.variadic(), argTypes.length);
            if (function.implementation() instanceof ArgumentTypedImplementation typed) {
                return bindArgumentTypes(function, typed, declared, argTypes);
            }
            if (variadicArray(function)) {
                int[] targets = targets(declared, argTypes);
                return new ResolvedFunction(packVariadic(function, targets), targets);
            }
            if (Polymorphism.applies(function)) {
                int element = Polymorphism.elementType(declared, argTypes);
                // a body over "any" builds no array of the type, so unknown and other array-less types do
                boolean overAny = Arrays.stream(declared).anyMatch(type -> type == TypeOids.ANY);
                if (element == 0 || (BuiltinTypes.arrayTypeOf(element) == 0 && !overAny)) {
                    throw failure(name, argTypes, true, false, typeNames);
                }
                FunctionDescriptor bound = Polymorphism.bind(function, declared, element,
                        Polymorphism.rangeType(declared, argTypes));
                return new ResolvedFunction(bound, bound.argumentTypes());
            }
            int[] targets = targets(declared, argTypes);
            return new ResolvedFunction(specialize(function, declared, targets), targets);
        }
        throw failure(name, argTypes, chosen.isEmpty(), false, typeNames);
    }

    /** True when {@code name} names a built-in aggregate (the analyzer then calls {@link #resolveAggregate}). */
    public static boolean isAggregate(String name) {
        return !BuiltinFunctions.aggregatesByName(name).isEmpty();
    }

    /** Resolves an aggregate call; {@code star} for {@code count(*)} (argTypes then empty). */
    public static ResolvedAggregate resolveAggregate(String name, int[] argTypes, boolean star) {
        return resolveAggregate(name, argTypes, star, TypeNames::format);
    }

    /** {@link #resolveAggregate(String, int[], boolean)}, naming the argument types in its errors with {@code typeNames}. */
    public static ResolvedAggregate resolveAggregate(String name, int[] argTypes, boolean star,
                                                     IntFunction<String> typeNames) {
        List<AggregateDescriptor> all = BuiltinFunctions.aggregatesByName(name);
        if (star) {
            for (AggregateDescriptor aggregate : all) {
                if (aggregate.argumentTypes().length == 0) {
                    return new ResolvedAggregate(aggregate, new int[0]);
                }
            }
            throw new SqlException(SqlState.UNDEFINED_FUNCTION, "function " + name + "(*) does not exist").withHint(
                    "No function matches the given name and argument types. You might need to add explicit type casts.");
        }
        List<AggregateDescriptor> candidates = new ArrayList<>();
        for (AggregateDescriptor aggregate : all) {
            if (aggregate.argumentTypes().length > 0) {
                candidates.add(aggregate);
            }
        }
        for (AggregateDescriptor aggregate : candidates) {
            if (Arrays.equals(aggregate.argumentTypes(), argTypes)) {
                return new ResolvedAggregate(aggregate, targets(aggregate.argumentTypes(), argTypes));
            }
        }
        List<AggregateDescriptor> chosen = CandidateSelector.select(candidates, AggregateDescriptor::argumentTypes,
                argTypes);
        if (chosen.size() == 1 && chosen.get(0).resultType() == TypeOids.ANYARRAY) {
            int element = Polymorphism.elementType(chosen.get(0).argumentTypes(), argTypes);
            if (element == 0 || BuiltinTypes.arrayTypeOf(element) == 0) {
                throw failure(name, argTypes, true, true, typeNames);
            }
            AggregateDescriptor bound = Polymorphism.bindAggregate(chosen.get(0), element);
            return new ResolvedAggregate(bound, bound.argumentTypes());
        }
        if (chosen.size() == 1 && (chosen.get(0).resultType() == TypeOids.ANYELEMENT
                || Polymorphism.isRangeFamily(chosen.get(0).resultType())
                || Polymorphism.isMultirangeFamily(chosen.get(0).resultType()))) {
            int element = Polymorphism.elementType(chosen.get(0).argumentTypes(), argTypes);
            if (element == 0) {
                throw failure(name, argTypes, true, true, typeNames);
            }
            AggregateDescriptor bound = Polymorphism.bindElementAggregate(chosen.get(0), element);
            return new ResolvedAggregate(bound, bound.argumentTypes());
        }
        if (chosen.size() == 1 && chosen.get(0).transition() instanceof ArgumentTypedImplementation.Transition typed) {
            AggregateDescriptor aggregate = chosen.get(0);
            int[] targets = targets(aggregate.argumentTypes(), argTypes);
            return new ResolvedAggregate(new AggregateDescriptor(aggregate.name(), targets, aggregate.transitionType(),
                    aggregate.resultType(), aggregate.initialState(), typed.bind(targets), aggregate.finalFunction(),
                    aggregate.strictTransition()), targets);
        }
        if (chosen.size() == 1) {
            return new ResolvedAggregate(chosen.get(0), targets(chosen.get(0).argumentTypes(), argTypes));
        }
        throw failure(name, argTypes, chosen.isEmpty(), true, typeNames);
    }

    private static SqlException failure(String name, int[] argTypes, boolean none, boolean aggregate,
                                        IntFunction<String> typeNames) {
        StringJoiner shown = new StringJoiner(", ", name + "(", ")");
        for (int type : argTypes) {
            shown.add(typeNames.apply(type));
        }
        if (none) {
            return new SqlException(SqlState.UNDEFINED_FUNCTION, "function " + shown + " does not exist").withHint(
                    "No function matches the given name and argument types. You might need to add explicit type casts.");
        }
        return new SqlException(SqlState.AMBIGUOUS_FUNCTION, "function " + shown + " is not unique").withHint(
                "Could not choose a best candidate function. You might need to add explicit type casts.");
    }

    /** 42883 for a call shown as {@code name(shownArguments)}. */
    static SqlException undefined(String name, String shownArguments) {
        return new SqlException(SqlState.UNDEFINED_FUNCTION, "function " + name + "(" + shownArguments
                + ") does not exist").withHint(
                "No function matches the given name and argument types. You might need to add explicit type casts.");
    }

    /** 42725 for a call shown as {@code name(shownArguments)}. */
    static SqlException ambiguous(String name, String shownArguments) {
        return new SqlException(SqlState.AMBIGUOUS_FUNCTION, "function " + name + "(" + shownArguments
                + ") is not unique").withHint(
                "Could not choose a best candidate function. You might need to add explicit type casts.");
    }

    /**
     * The declared types laid out for {@code count} actual arguments (variadic last type repeated, or
     * its element type when it is an array such as {@code VARIADIC text[]}), or a mismatch.
     */
    private static int[] expand(int[] declared, boolean variadic, int count) {
        if (!variadic) {
            return declared;
        }
        int fixed = declared.length - 1;
        if (count < declared.length) {
            return new int[] {-1};
        }
        int element = BuiltinTypes.elementType(declared[fixed]);
        int[] expanded = Arrays.copyOf(declared, count);
        Arrays.fill(expanded, fixed, count, element != 0 ? element : declared[fixed]);
        return expanded;
    }

    /** A variadic function whose last parameter is an array ({@code VARIADIC text[]}, not {@code VARIADIC "any"}). */
    private static boolean variadicArray(FunctionDescriptor function) {
        int[] declared = function.argumentTypes();
        return function.variadic() && BuiltinTypes.elementType(declared[declared.length - 1]) != 0;
    }

    /** The function called with its variadic arguments gathered into one array, as PostgreSQL passes them. */
    private static FunctionDescriptor packVariadic(FunctionDescriptor function, int[] targets) {
        int fixed = function.argumentTypes().length - 1;
        int arrayType = function.argumentTypes()[fixed];
        int element = BuiltinTypes.elementType(arrayType);
        FunctionImplementation original = function.implementation();
        FunctionImplementation packing = (args, context) -> {
            Object[] packed = Arrays.copyOf(args, fixed + 1);
            packed[fixed] = org.woolly.utils.adt.ArrayValue.of(element,
                    Arrays.asList(Arrays.copyOfRange(args, fixed, args.length)));
            return original.invoke(packed, context);
        };
        return new FunctionDescriptor(function.oid(), function.name(), targets, function.returnType(),
                function.strict(), function.variadic(), function.volatility(), packing);
    }

    /** A function over "any"/anyelement bound to the call's own argument types (unknown as text). */
    private static ResolvedFunction bindArgumentTypes(FunctionDescriptor function, ArgumentTypedImplementation typed,
                                                      int[] declared, int[] argTypes) {
        int[] targets = new int[argTypes.length];
        for (int i = 0; i < argTypes.length; i++) {
            boolean polymorphic = OperatorResolver.isPolymorphic(declared[i]) || Polymorphism.isArrayFamily(declared[i])
                    || declared[i] == TypeOids.RECORD;
            if (polymorphic && argTypes[i] == TypeOids.UNKNOWN && declared[i] != TypeOids.ANY) {
                throw new SqlException(SqlState.DATATYPE_MISMATCH,
                        "could not determine polymorphic type because input has type unknown");
            }
            targets[i] = !polymorphic ? declared[i] : argTypes[i] == TypeOids.UNKNOWN ? TypeOids.TEXT : argTypes[i];
        }
        FunctionDescriptor bound = new FunctionDescriptor(function.oid(), function.name(), targets,
                function.returnType(), function.strict(), function.variadic(), function.volatility(),
                typed.bind(targets));
        return new ResolvedFunction(bound, targets);
    }

    static int[] targets(int[] declared, int[] actual) {
        int[] targets = new int[actual.length];
        for (int i = 0; i < actual.length; i++) {
            targets[i] = target(declared[i], actual[i]);
        }
        return targets;
    }

    /** The type an argument of type {@code actual} must become for a parameter declared {@code declared}. */
    static int target(int declared, int actual) {
        if (OperatorResolver.isPolymorphic(declared)) {
            return actual == TypeOids.UNKNOWN ? TypeOids.TEXT : actual;
        }
        return declared;
    }

    /**
     * For a function with polymorphic parameters, a descriptor whose implementation first turns
     * those arguments into text with the output function of their (now known) types.
     */
    static FunctionDescriptor specialize(FunctionDescriptor function, int[] declared, int[] targets) {
        if (function.implementation() instanceof org.woolly.utils.adt.ArgumentTypesImplementation typed) {
            return new FunctionDescriptor(function.oid(), function.name(), function.argumentTypes(),
                    function.returnType(), function.strict(), function.variadic(), function.volatility(),
                    typed.bind(targets.clone()));
        }
        boolean polymorphic = false;
        for (int type : declared) {
            polymorphic |= OperatorResolver.isPolymorphic(type);
        }
        if (!polymorphic) {
            return function;
        }
        TypeIO[] outputs = new TypeIO[targets.length];
        for (int i = 0; i < targets.length; i++) {
            if (OperatorResolver.isPolymorphic(declared[i]) && targets[i] != TypeOids.TEXT) {
                outputs[i] = BuiltinTypes.byOid(targets[i]).io();
            }
        }
        FunctionImplementation original = function.implementation();
        FunctionImplementation converting = (args, context) -> {
            Object[] converted = args.clone();
            for (int i = 0; i < converted.length; i++) {
                if (outputs[i] != null && converted[i] != null) {
                    converted[i] = outputs[i].output(converted[i], context.formatSettings());
                }
            }
            return original.invoke(converted, context);
        };
        return new FunctionDescriptor(function.oid(), function.name(), function.argumentTypes(),
                function.returnType(), function.strict(), function.variadic(), function.volatility(), converting);
    }
}
