package org.woolly.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.woolly.access.transam.Transaction;
import org.woolly.utils.adt.Identifiers;

/**
 * A partition's implicit constraint as {@code pg_get_partition_constraintdef} prints it
 * ({@code get_qual_from_partbound} and {@code generate_partition_qual} in {@code partbounds.c}
 * and {@code partcache.c}): its ancestors' constraints and its own bound's, ANDed: a hash bound
 * as {@code satisfies_hash_partition(parent, modulus, remainder, keys)}, a list bound as
 * {@code (a IS NOT NULL) AND (a = ANY (ARRAY[...]))} (or {@code (a IS NULL) OR ...} when it
 * lists NULL), a one-column range bound as {@code (a IS NOT NULL) AND (a >= lower) AND (a < upper)}.
 * Null for what Woolly does not print yet: a default partition's negated siblings and a range
 * bound over several columns.
 */
final class PartitionConstraintText {
    private PartitionConstraintText() {}

    /** The constraint of {@code relationOid}, or null when it is no partition or not printed yet. */
    static String of(CatalogAccess catalog, Transaction tx, int relationOid, IntFunction<String> typeName) {
        if (catalog.partitionBound(tx, relationOid) == null) {
            return null;
        }
        List<String> conjuncts = new ArrayList<>();
        if (!collect(catalog, tx, relationOid, typeName, conjuncts)) {
            return null;
        }
        return conjuncts.size() == 1 ? conjuncts.getFirst() : "(" + String.join(" AND ", conjuncts) + ")";
    }

    /** Adds the conjuncts of the partition's ancestors, then its own; false when one is not printable. */
    private static boolean collect(CatalogAccess catalog, Transaction tx, int relationOid,
                                   IntFunction<String> typeName, List<String> conjuncts) {
        PartitionBound bound = PartitionBound.parse(catalog.partitionBound(tx, relationOid));
        if (bound == null) {
            return true;
        }
        int parentOid = catalog.inheritanceParents(tx, relationOid).getFirst();
        if (!collect(catalog, tx, parentOid, typeName, conjuncts)) {
            return false;
        }
        RelationInfo parent = catalog.relationByOid(tx, parentOid);
        PartitionKey key = catalog.partitionKey(tx, parentOid).orElse(null);
        if (key == null || !key.expressions().isEmpty()) {
            return false; // an expression key's constraint needs its expressions' types: not printed yet
        }
        List<String> columns = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        for (int number : key.columns()) {
            AttributeInfo attribute = parent.attributeByNumber(number);
            columns.add(Identifiers.quote(attribute.name()));
            types.add(attribute.typeOid());
        }
        switch (bound.kind()) {
            case DEFAULT -> {
                return false;
            }
            case HASH -> conjuncts.add("satisfies_hash_partition('%d'::oid, %d, %d, %s)".formatted(parentOid,
                    bound.modulus(), bound.remainder(), String.join(", ", columns)));
            case LIST -> {
                String column = columns.getFirst();
                String compared = compared(column, types.getFirst());
                List<String> values = new ArrayList<>();
                boolean listsNull = false;
                for (PartitionBound.Datum datum : bound.listValues()) {
                    if (datum.text() == null) {
                        listsNull = true;
                    } else {
                        values.add(constant(datum, typeName.apply(types.getFirst())));
                    }
                }
                String equality = values.size() == 1 ? "(%s = %s)".formatted(compared, values.getFirst())
                        : "(%s = ANY (ARRAY[%s]))".formatted(compared, String.join(", ", values));
                if (!listsNull) {
                    conjuncts.add("(%s IS NOT NULL)".formatted(column));
                    conjuncts.add(equality);
                } else {
                    conjuncts.add(values.isEmpty() ? "(%s IS NULL)".formatted(column)
                            : "((%s IS NULL) OR %s)".formatted(column, equality));
                }
            }
            case RANGE -> {
                if (columns.size() > 1) {
                    return false;
                }
                String column = columns.getFirst();
                String compared = compared(column, types.getFirst());
                String type = typeName.apply(types.getFirst());
                conjuncts.add("(%s IS NOT NULL)".formatted(column));
                PartitionBound.Datum lower = bound.lower().getFirst();
                PartitionBound.Datum upper = bound.upper().getFirst();
                if (lower.infinite() == 0) {
                    conjuncts.add("(%s >= %s)".formatted(compared, constant(lower, type)));
                }
                if (upper.infinite() == 0) {
                    conjuncts.add("(%s < %s)".formatted(compared, constant(upper, type)));
                }
            }
        }
        return true;
    }

    /** The key column as its comparison reads it: varchar has no operators of its own, so it is compared as text. */
    private static String compared(String column, int typeOid) {
        return typeOid == org.woolly.utils.adt.TypeOids.VARCHAR ? "(" + column + ")::text" : column;
    }

    /** A bound value as {@code get_const_expr} prints it: quoted ones with their type, plain numbers bare. */
    private static String constant(PartitionBound.Datum datum, String typeName) {
        return datum.quoted() ? datum.literal() + "::" + typeName : datum.literal();
    }
}
