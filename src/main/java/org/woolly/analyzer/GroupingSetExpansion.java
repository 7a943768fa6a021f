package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;
import org.woolly.nodes.parse.Expr;

/**
 * GROUP BY with GROUPING SETS, ROLLUP, CUBE and {@code ()} turned into a list of grouping sets
 * ({@code flatten_grouping_sets} and {@code expand_grouping_sets} in {@code parse_agg.c}): the
 * items of the GROUP BY list combine as a cartesian product, ROLLUP gives its prefixes, CUBE all
 * its subsets, GROUPING SETS the concatenation of its items' sets. A row constructor
 * {@code (a, b)} inside them is one unit of several columns. Sets hold positions in the query's
 * GROUP BY list, which a caller-supplied function assigns to each plain expression.
 */
final class GroupingSetExpansion {
    private final ToIntFunction<Expr> key;

    private GroupingSetExpansion(ToIntFunction<Expr> key) {
        this.key = key;
    }

    /**
     * The grouping sets of {@code items}, largest first (the order PostgreSQL's hashed sets take),
     * or null when no item is a grouping-set construct (plain GROUP BY). Every plain expression
     * is passed to {@code key} either way, in written order.
     */
    static List<List<Integer>> expand(List<Expr> items, ToIntFunction<Expr> key) {
        GroupingSetExpansion expansion = new GroupingSetExpansion(key);
        boolean anySet = items.stream().anyMatch(item -> item instanceof Expr.GroupingSet);
        List<List<Integer>> product = List.of(List.of());
        for (Expr item : items) {
            product = cartesian(product, expansion.sets(item));
        }
        if (!anySet) {
            return null;
        }
        List<List<Integer>> sets = new ArrayList<>(product);
        sets.sort(Comparator.comparingInt((List<Integer> set) -> set.size()).reversed());
        return List.copyOf(sets);
    }

    private List<List<Integer>> sets(Expr item) {
        return switch (item) {
            case Expr.GroupingSet set -> switch (set.kind()) {
                case EMPTY -> List.of(List.of());
                case ROLLUP -> rollup(units(set.content()));
                case CUBE -> cube(units(set.content()));
                case SETS -> {
                    List<List<Integer>> all = new ArrayList<>();
                    for (Expr member : set.content()) {
                        all.addAll(sets(member));
                    }
                    yield all;
                }
            };
            default -> List.of(unit(item));
        };
    }

    private List<List<Integer>> units(List<Expr> elements) {
        return elements.stream().map(this::unit).toList();
    }

    /** One ROLLUP/CUBE element, or a plain GROUP BY item: a row constructor stands for its fields. */
    private List<Integer> unit(Expr element) {
        if (element instanceof Expr.RowConstructor row) {
            List<Integer> positions = new ArrayList<>();
            for (Expr field : row.fields()) {
                positions.add(key.applyAsInt(field));
            }
            return positions;
        }
        return List.of(key.applyAsInt(element));
    }

    private static List<List<Integer>> rollup(List<List<Integer>> units) {
        List<List<Integer>> sets = new ArrayList<>();
        for (int length = units.size(); length >= 0; length--) {
            sets.add(concat(units.subList(0, length)));
        }
        return sets;
    }

    private static List<List<Integer>> cube(List<List<Integer>> units) {
        List<List<Integer>> sets = new ArrayList<>();
        int count = units.size();
        for (int size = count; size >= 0; size--) {
            for (int mask = (1 << count) - 1; mask >= 0; mask--) {
                if (Integer.bitCount(mask) != size) {
                    continue;
                }
                List<List<Integer>> chosen = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    if ((mask & (1 << (count - 1 - i))) != 0) {
                        chosen.add(units.get(i));
                    }
                }
                sets.add(concat(chosen));
            }
        }
        return sets;
    }

    private static List<List<Integer>> cartesian(List<List<Integer>> left, List<List<Integer>> right) {
        List<List<Integer>> result = new ArrayList<>();
        for (List<Integer> a : left) {
            for (List<Integer> b : right) {
                result.add(concat(List.of(a, b)));
            }
        }
        return result;
    }

    /** The positions of the parts in order, each once. */
    private static List<Integer> concat(List<List<Integer>> parts) {
        List<Integer> positions = new ArrayList<>();
        for (List<Integer> part : parts) {
            for (int position : part) {
                if (!positions.contains(position)) {
                    positions.add(position);
                }
            }
        }
        return List.copyOf(positions);
    }
}
