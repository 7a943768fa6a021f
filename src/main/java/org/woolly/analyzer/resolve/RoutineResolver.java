package org.woolly.analyzer.resolve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.woolly.utils.adt.BuiltinFunctions;
import org.woolly.utils.adt.FunctionDescriptor;
import org.woolly.utils.adt.TypeOids;

/**
 * The choice between user-defined routines and the built-in functions of the same name
 * ({@code func_get_detail} in {@code parse_func.c}): an exact match on the argument types wins,
 * else PostgreSQL's {@code func_select_candidate} rules pick among those the arguments coerce to.
 * The caller lays each user routine out for the call first (defaults, named arguments and
 * VARIADIC decide the declared type of each written argument).
 */
public final class RoutineResolver {
    private RoutineResolver() {}

    /** A user routine as laid out for one call: the declared type of each argument as written. */
    public record Candidate<T>(T routine, int[] declared) {}

    /** The outcome: the user routine chosen, or null when a built-in function is the match. */
    public record Choice<T>(Candidate<T> chosen, boolean builtin) {}

    /**
     * Chooses among the user candidates and, when {@code withBuiltins}, the built-in functions
     * named {@code name}; 42883 when nothing matches, 42725 when several do.
     */
    public static <T> Choice<T> choose(String name, List<Candidate<T>> users, boolean withBuiltins, int[] argTypes,
                                       String shownArguments) {
        List<Candidate<T>> all = new ArrayList<>(users);
        List<Candidate<T>> builtins = new ArrayList<>();
        if (withBuiltins) {
            for (FunctionDescriptor function : BuiltinFunctions.byName(name)) {
                int[] declared = expand(function, argTypes.length);
                if (declared != null) {
                    builtins.add(new Candidate<>(null, declared));
                }
            }
            all.addAll(builtins);
        }
        List<Candidate<T>> exact = new ArrayList<>();
        for (Candidate<T> candidate : all) {
            if (Arrays.equals(candidate.declared(), argTypes)) {
                exact.add(candidate);
            }
        }
        List<Candidate<T>> chosen = exact.size() == 1 ? exact
                : CandidateSelector.select(all, Candidate::declared, argTypes);
        if (chosen.size() == 1) {
            return new Choice<>(chosen.getFirst().routine() == null ? null : chosen.getFirst(),
                    chosen.getFirst().routine() == null);
        }
        throw chosen.isEmpty() ? FunctionResolver.undefined(name, shownArguments)
                : FunctionResolver.ambiguous(name, shownArguments);
    }

    private static int[] expand(FunctionDescriptor function, int count) {
        int[] declared = function.argumentTypes();
        if (!function.variadic()) {
            return declared.length == count ? declared : null;
        }
        if (count < declared.length) {
            return null;
        }
        int[] expanded = Arrays.copyOf(declared, count);
        Arrays.fill(expanded, declared.length - 1, count, declared[declared.length - 1]);
        return expanded;
    }

    /**
     * The type a polymorphic declared type stands for once the call's element type is known
     * ({@code enforce_generic_type_consistency}); other types as they are; 0 when it cannot be told.
     */
    public static int bindPolymorphic(int declared, int[] declaredArguments, int[] actual) {
        if (!Polymorphism.isPolymorphicFamily(declared)) {
            return declared;
        }
        int element = Polymorphism.elementType(declaredArguments, actual);
        if (element == 0) {
            return 0;
        }
        return Polymorphism.substitute(declared, element);
    }

    /** Whether a declared type is one of the polymorphic pseudo-types a SQL function may use. */
    public static boolean isPolymorphic(int type) {
        return Polymorphism.isPolymorphicFamily(type) || type == TypeOids.ANY;
    }
}
