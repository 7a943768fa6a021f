package org.woolly.analyzer.resolve;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.TypeOids;

/**
 * PostgreSQL's choice among overloaded candidates ({@code func_match_argtypes} and
 * {@code func_select_candidate} in {@code src/backend/parser/parse_func.c}, used for operators
 * by {@code oper_select_candidate} in {@code parse_oper.c}; the rules of the manual's chapter
 * "Type Conversion"). Returns the survivors: one is a match, none means no match, several
 * mean ambiguous.
 */
final class CandidateSelector {
    private CandidateSelector() {}

    static <T> List<T> select(List<T> all, Function<T, int[]> signature, int[] inputs) {
        List<T> candidates = new ArrayList<>();
        for (T candidate : all) {
            int[] declared = signature.apply(candidate);
            if (declared.length == inputs.length && coercible(inputs, declared)) {
                candidates.add(candidate);
            }
        }
        if (candidates.size() <= 1) {
            return candidates;
        }
        // most exact matches on the known inputs
        candidates = keepBest(candidates, candidate -> {
            int[] declared = signature.apply(candidate);
            int matches = 0;
            for (int i = 0; i < inputs.length; i++) {
                if (inputs[i] != TypeOids.UNKNOWN && declared[i] == inputs[i]) {
                    matches++;
                }
            }
            return matches;
        });
        if (candidates.size() == 1) {
            return candidates;
        }
        // most preferred types of the inputs' categories where a conversion is needed
        candidates = keepBest(candidates, candidate -> {
            int[] declared = signature.apply(candidate);
            int matches = 0;
            for (int i = 0; i < inputs.length; i++) {
                if (inputs[i] != TypeOids.UNKNOWN && (declared[i] == inputs[i]
                        || BuiltinTypes.isPreferred(declared[i])
                        && BuiltinTypes.category(declared[i]) == BuiltinTypes.category(inputs[i]))) {
                    matches++;
                }
            }
            return matches;
        });
        if (candidates.size() == 1) {
            return candidates;
        }
        candidates = resolveUnknowns(candidates, signature, inputs);
        if (candidates.size() == 1) {
            return candidates;
        }
        return assumeKnownTypeForUnknowns(candidates, signature, inputs);
    }

    /** Each input coerces to its parameter, and polymorphic parameters agree on one element type. */
    static boolean coercible(int[] inputs, int[] declared) {
        boolean polymorphic = false;
        for (int i = 0; i < inputs.length; i++) {
            if (!TypeCoercion.canCoerce(inputs[i], declared[i], CoercionContext.IMPLICIT)) {
                return false;
            }
            polymorphic |= Polymorphism.isPolymorphicFamily(declared[i]);
        }
        return !polymorphic || Polymorphism.elementType(declared, inputs) != 0;
    }

    private static <T> List<T> keepBest(List<T> candidates, Function<T, Integer> score) {
        int best = -1;
        List<T> kept = new ArrayList<>();
        for (T candidate : candidates) {
            int value = score.apply(candidate);
            if (value > best) {
                best = value;
                kept.clear();
            }
            if (value == best) {
                kept.add(candidate);
            }
        }
        return kept;
    }

    /** Unknown inputs: prefer the string category if any candidate takes it there, else a sole category. */
    private static <T> List<T> resolveUnknowns(List<T> candidates, Function<T, int[]> signature, int[] inputs) {
        int count = inputs.length;
        char[] slotCategory = new char[count];
        boolean[] slotHasPreferred = new boolean[count];
        boolean anyUnknown = false;
        for (int i = 0; i < count; i++) {
            if (inputs[i] != TypeOids.UNKNOWN) {
                continue;
            }
            anyUnknown = true;
            char category = 0;
            boolean conflict = false;
            for (T candidate : candidates) {
                int type = signature.apply(candidate)[i];
                char current = BuiltinTypes.category(type);
                if (category == 0) {
                    category = current;
                    slotHasPreferred[i] = BuiltinTypes.isPreferred(type);
                } else if (current == category) {
                    slotHasPreferred[i] |= BuiltinTypes.isPreferred(type);
                } else if (current == 'S') {
                    category = current;
                    slotHasPreferred[i] = BuiltinTypes.isPreferred(type);
                } else {
                    conflict = true;
                }
            }
            if (conflict && category != 'S') {
                return candidates;
            }
            slotCategory[i] = category;
        }
        if (!anyUnknown) {
            return candidates;
        }
        List<T> kept = new ArrayList<>();
        for (T candidate : candidates) {
            int[] declared = signature.apply(candidate);
            boolean keep = true;
            for (int i = 0; i < count && keep; i++) {
                if (inputs[i] != TypeOids.UNKNOWN) {
                    continue;
                }
                char category = BuiltinTypes.category(declared[i]);
                keep = category == slotCategory[i] && (!slotHasPreferred[i] || BuiltinTypes.isPreferred(declared[i]));
            }
            if (keep) {
                kept.add(candidate);
            }
        }
        return kept.isEmpty() ? candidates : kept;
    }

    /** When all known inputs share one type, unknowns are taken to be of that type. */
    private static <T> List<T> assumeKnownTypeForUnknowns(List<T> candidates, Function<T, int[]> signature,
                                                          int[] inputs) {
        int known = TypeOids.UNKNOWN;
        boolean hasUnknown = false;
        for (int input : inputs) {
            if (input == TypeOids.UNKNOWN) {
                hasUnknown = true;
            } else if (known == TypeOids.UNKNOWN) {
                known = input;
            } else if (known != input) {
                return candidates;
            }
        }
        if (!hasUnknown || known == TypeOids.UNKNOWN) {
            return candidates;
        }
        int[] assumed = new int[inputs.length];
        java.util.Arrays.fill(assumed, known);
        List<T> kept = new ArrayList<>();
        for (T candidate : candidates) {
            if (coercible(assumed, signature.apply(candidate))) {
                kept.add(candidate);
            }
        }
        return kept.size() == 1 ? kept : candidates;
    }
}
