package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.woolly.access.transam.Transaction;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.CatalogAccess;
import org.woolly.catalog.PartitionBound;
import org.woolly.catalog.PartitionKey;
import org.woolly.catalog.RelationInfo;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.utils.adt.ExtendedHash;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.adt.PgType;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * A partitioned table's key and its partitions' bounds with typed values
 * ({@code PartitionDescData} in {@code partdesc.h}, {@code PartitionBoundInfo} in
 * {@code partbounds.h}): finds the partition a row belongs to ({@code get_partition_for_tuple}),
 * tells whether a new bound overlaps an existing one ({@code check_new_partition_bound}) and
 * which partitions a key value can be in (plan-time pruning). Range bounds compare value by
 * value, MINVALUE below and MAXVALUE above everything; lower bounds are inclusive, upper bounds
 * exclusive. NULL keys go to a list partition that lists NULL, else to the default partition.
 */
public final class PartitionScheme {
    /** One partition with its bound's typed values (MINVALUE and MAXVALUE stay {@link PartitionBound.Datum}s). */
    public record Member(RelationInfo relation, PartitionBound bound, List<Object> listValues, List<Object> lower,
                         List<Object> upper) {}

    private final RelationInfo parent;
    private final PartitionKey key;
    private final int[] positions;
    private final int[] typeOids;
    private final List<Comparator<Object>> comparators = new ArrayList<>();
    private final List<Member> members = new ArrayList<>();
    private final TypeSystem types;
    /** Per key element its analyzed expression over the parent's row, null for a column. */
    private final QueryExpr[] expressions;
    /** Per expression key element how to compute it from a row; set by who evaluates (executor, DDL). */
    private final java.util.List<java.util.function.Function<Object[], Object>> evaluators = new ArrayList<>();

    private PartitionScheme(RelationInfo parent, PartitionKey key, TypeSystem types, QueryExpr[] expressions) {
        this.parent = parent;
        this.key = key;
        this.types = types;
        this.expressions = expressions;
        positions = new int[key.columns().size()];
        typeOids = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            if (expressions[i] != null) {
                positions[i] = -1;
                typeOids[i] = expressions[i].type();
            } else {
                positions[i] = parent.position(key.columns().get(i));
                typeOids[i] = parent.attributes().get(positions[i]).typeOid();
            }
            comparators.add(types.comparator(typeOids[i]));
        }
    }

    /** The analyzed key expressions of {@code parent} (null entries for its key columns). */
    private static QueryExpr[] keyExpressions(CatalogAccess catalog, Transaction tx, TypeSystem types,
                                              RelationInfo parent, PartitionKey key) {
        QueryExpr[] expressions = new QueryExpr[key.columns().size()];
        for (int i = 0; i < expressions.length; i++) {
            if (key.columns().get(i) == 0) {
                ParseState state = new ParseState(types, catalog, tx, FormatSettings.DEFAULT, report -> { }, null);
                expressions[i] = PartitionKeyAnalyzer.analyze(state, parent,
                        org.woolly.parser.Parser.parseExpression(key.expressionText(i)), 0);
            }
        }
        return expressions;
    }

    /** Whether some key element is an expression: then rows are routed once {@link #evaluateExpressionsWith} is called. */
    public boolean hasExpressions() {
        return !key.expressions().isEmpty();
    }

    /** Key element {@code index}'s expression over the parent's row, null for a column. */
    public QueryExpr keyExpression(int index) {
        return expressions[index];
    }

    /** Whether key element {@code index} is an expression rather than a column. */
    public boolean keyIsExpression(int index) {
        return expressions[index] != null;
    }

    /** Compiles the key expressions with {@code compiler} (the executor's), so rows can be routed. */
    public PartitionScheme evaluateExpressionsWith(
            java.util.function.Function<QueryExpr, java.util.function.Function<Object[], Object>> compiler) {
        evaluators.clear();
        for (QueryExpr expression : expressions) {
            evaluators.add(expression == null ? null : compiler.apply(expression));
        }
        return this;
    }

    /** The key's values for a row of the parent ({@code FormPartitionKeyDatum}). */
    private Object[] keyValues(Object[] row) {
        Object[] values = new Object[positions.length];
        for (int i = 0; i < positions.length; i++) {
            values[i] = positions[i] >= 0 ? row[positions[i]] : evaluators.get(i).apply(row);
        }
        return values;
    }

    /** The scheme of a partitioned table, or empty when {@code parent} is not one. */
    public static Optional<PartitionScheme> of(CatalogAccess catalog, Transaction tx, TypeSystem types,
                                               RelationInfo parent) {
        if (parent.kind() != 'p') {
            return Optional.empty();
        }
        Optional<PartitionKey> key = catalog.partitionKey(tx, parent.oid());
        if (key.isEmpty()) {
            return Optional.empty();
        }
        java.util.Map<RelationInfo, PartitionBound> partitions = new java.util.LinkedHashMap<>();
        for (int child : catalog.inheritanceChildren(tx, parent.oid())) {
            PartitionBound bound = PartitionBound.parse(catalog.partitionBound(tx, child));
            if (bound != null) {
                partitions.put(catalog.relationByOid(tx, child), bound);
            }
        }
        PartitionScheme scheme = new PartitionScheme(parent, key.get(), types,
                keyExpressions(catalog, tx, types, parent, key.get()));
        partitions.forEach((relation, bound) -> scheme.members.add(scheme.member(relation, bound)));
        return Optional.of(scheme);
    }

    /** The scheme of {@code parent} partitioned by {@code key} into {@code partitions}. */
    public static PartitionScheme of(RelationInfo parent, PartitionKey key, TypeSystem types,
                                     java.util.Map<RelationInfo, PartitionBound> partitions) {
        PartitionScheme scheme = new PartitionScheme(parent, key, types, new QueryExpr[key.columns().size()]);
        partitions.forEach((relation, bound) -> scheme.members.add(scheme.member(relation, bound)));
        return scheme;
    }

    /** The partitioned table. */
    public RelationInfo parent() {
        return parent;
    }

    public PartitionKey key() {
        return key;
    }

    public List<Member> members() {
        return List.copyOf(members);
    }

    /**
     * The partitions in PostgreSQL's bound order ({@code partition_bounds_create}), the order
     * plans list them in: range partitions by lower bound, list partitions by their smallest
     * value (one listing only NULL after them), the default partition last.
     */
    public List<Member> ordered() {
        List<Member> sorted = new ArrayList<>(members);
        sorted.sort((a, b) -> {
            int rankA = rank(a);
            int rankB = rank(b);
            if (rankA != rankB) {
                return Integer.compare(rankA, rankB);
            }
            return switch (a.bound().kind()) {
                case RANGE -> compareBounds(a.lower(), false, b.lower(), false);
                case LIST -> comparators.getFirst().compare(smallest(a), smallest(b));
                case HASH -> a.bound().modulus() != b.bound().modulus()
                        ? Integer.compare(a.bound().modulus(), b.bound().modulus())
                        : Integer.compare(a.bound().remainder(), b.bound().remainder());
                default -> 0;
            };
        });
        return sorted;
    }

    private int rank(Member member) {
        return switch (member.bound().kind()) {
            case DEFAULT -> 3;
            case LIST -> smallest(member) == null ? 2 : 1;
            default -> 1;
        };
    }

    private Object smallest(Member member) {
        Object least = null;
        for (Object value : member.listValues()) {
            if (value != null && (least == null || comparators.getFirst().compare(value, least) < 0)) {
                least = value;
            }
        }
        return least;
    }

    /** The 0-based positions in the parent's rows of the key columns. */
    public int[] keyPositions() {
        return positions.clone();
    }

    /** The key column's type. */
    public int keyType(int index) {
        return typeOids[index];
    }

    /** The key column's type modifier. */
    public int keyTypeModifier(int index) {
        return expressions[index] != null ? expressions[index].typmod()
                : parent.attributes().get(positions[index]).typeModifier();
    }

    /** The name of the key column. */
    public String keyColumnName(int index) {
        if (expressions[index] != null) {
            return key.expressionText(index);
        }
        return parent.attributes().get(positions[index]).name();
    }

    /** A bound with its values read as the key columns' types. */
    public Member member(RelationInfo relation, PartitionBound bound) {
        return new Member(relation, bound, typed(bound.listValues(), 0, true), typed(bound.lower(), 0, false),
                typed(bound.upper(), 0, false));
    }

    private List<Object> typed(List<PartitionBound.Datum> data, int first, boolean sameColumn) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            PartitionBound.Datum datum = data.get(i);
            if (datum.infinite() != 0) {
                values.add(datum);
            } else if (datum.text() == null) {
                values.add(null);
            } else {
                int column = sameColumn ? first : i;
                PgType type = types.type(typeOids[column]);
                values.add(type.io().input(datum.text(), -1, FormatSettings.DEFAULT));
            }
        }
        return values;
    }

    /** The partition holding a row of the parent, or null ({@code get_partition_for_tuple}). */
    public Member route(Object[] row) {
        return partitionFor(keyValues(row));
    }

    /** Whether a row of the parent falls inside one partition's bound (its partition constraint). */
    public boolean contains(Member member, Object[] row) {
        Object[] values = keyValues(row);
        return switch (member.bound().kind()) {
            case DEFAULT -> partitionFor(values) == member || partitionFor(values) == null;
            case LIST -> listed(member, values[0]);
            case RANGE -> !hasNull(values) && compareRange(member.lower(), values) <= 0
                    && compareRange(member.upper(), values) > 0;
            case HASH -> hashes(member, values);
        };
    }

    /**
     * Whether some row of a partition can have {@code key <operator> value} true for key
     * column {@code keyIndex} ({@code get_matching_partitions}' question): false lets the
     * planner leave the partition out. Answers true whenever it cannot tell (a later column of
     * a multi-column range key, a hash partition); the default partition is left out for
     * equality only, when another partition holds the value.
     */
    public boolean mayHold(Member member, int keyIndex, String operator, Object value) {
        if (value == null) {
            return false; // a strict comparison with null is never true
        }
        return switch (member.bound().kind()) {
            case RANGE -> keyIndex > 0 || positions.length > 1 || switch (operator) {
                case "=" -> compareRange(member.lower(), new Object[] {value}) <= 0
                        && compareRange(member.upper(), new Object[] {value}) > 0;
                case "<" -> compareRange(member.lower(), new Object[] {value}) < 0;
                case "<=" -> compareRange(member.lower(), new Object[] {value}) <= 0;
                case ">", ">=" -> compareRange(member.upper(), new Object[] {value}) > 0;
                default -> true;
            };
            case LIST -> {
                for (Object listed : member.listValues()) {
                    if (listed != null && satisfies(comparators.getFirst().compare(listed, value), operator)) {
                        yield true;
                    }
                }
                yield false;
            }
            case DEFAULT -> !operator.equals("=") || positions.length > 1 || partitionFor(new Object[] {value}) == member
                    || partitionFor(new Object[] {value}) == null;
            case HASH -> true;
        };
    }

    /**
     * Whether a partition can hold a row whose key column is null ({@code isNull}) or not null:
     * a null key is only in the list partition listing NULL, else in the default partition.
     */
    public boolean mayHoldNull(Member member, boolean isNull) {
        return switch (member.bound().kind()) {
            case RANGE -> !isNull || positions.length > 1;
            case LIST -> isNull ? member.listValues().contains(null)
                    : member.listValues().stream().anyMatch(java.util.Objects::nonNull);
            case DEFAULT -> !isNull || positions.length > 1 || partitionFor(new Object[] {null}) == member;
            case HASH -> true;
        };
    }

    private static boolean satisfies(int order, String operator) {
        return switch (operator) {
            case "=" -> order == 0;
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            case ">=" -> order >= 0;
            case "<>" -> order != 0;
            default -> true;
        };
    }

    private boolean listed(Member member, Object value) {
        for (Object listed : member.listValues()) {
            if (listed == null ? value == null : value != null && comparators.getFirst().compare(listed, value) == 0) {
                return true;
            }
        }
        return false;
    }

    /** The partition holding those key values, or null. */
    public Member partitionFor(Object[] values) {
        Member fallback = null;
        for (Member member : members) {
            switch (member.bound().kind()) {
                case DEFAULT -> fallback = member;
                case LIST -> {
                    if (listed(member, values[0])) {
                        return member;
                    }
                }
                case RANGE -> {
                    if (!hasNull(values) && compareRange(member.lower(), values) <= 0
                            && compareRange(member.upper(), values) > 0) {
                        return member;
                    }
                }
                case HASH -> {
                    if (hashes(member, values)) {
                        return member;
                    }
                }
            }
        }
        return fallback;
    }

    /**
     * Whether key values hash into a hash partition: the row's hash
     * ({@code compute_partition_hash_value}: each non-null column's extended hash with
     * {@code HASH_PARTITION_SEED}, folded by {@code hash_combine64}) modulo its modulus, taken
     * unsigned, is its remainder.
     */
    private boolean hashes(Member member, Object[] values) {
        return Long.remainderUnsigned(rowHash(values), member.bound().modulus()) == member.bound().remainder();
    }

    /** {@code compute_partition_hash_value}: the hash of a row's key values; null columns add nothing. */
    public long rowHash(Object[] values) {
        long hash = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                hash = ExtendedHash.combine(hash,
                        ExtendedHash.hash(typeOids[i], values[i], ExtendedHash.HASH_PARTITION_SEED));
            }
        }
        return hash;
    }

    /**
     * Refuses a hash partition whose modulus does not divide the next larger existing modulus,
     * or is not divisible by the next smaller one ({@code check_new_partition_bound}): with
     * moduli that divide one another every row hashes into exactly one remainder class.
     */
    public void checkModulus(Member candidate) {
        int modulus = candidate.bound().modulus();
        Member previous = null;
        Member next = null;
        for (Member member : ordered()) {
            if (member.relation().oid() == candidate.relation().oid()) {
                continue;
            }
            PartitionBound bound = member.bound();
            boolean notAbove = bound.modulus() < modulus
                    || bound.modulus() == modulus && bound.remainder() <= candidate.bound().remainder();
            if (notAbove) {
                previous = member;
            } else if (next == null) {
                next = member;
            }
        }
        if (previous != null && modulus % previous.bound().modulus() != 0) {
            throw modulusError("The new modulus %d is not divisible by %d, the modulus of existing partition \"%s\".",
                    modulus, previous);
        }
        if (next != null && next.bound().modulus() % modulus != 0) {
            throw modulusError("The new modulus %d is not a factor of %d, the modulus of existing partition \"%s\".",
                    modulus, next);
        }
    }

    private static SqlException modulusError(String detail, int modulus, Member existing) {
        return SqlException.of(SqlState.INVALID_OBJECT_DEFINITION,
                "every hash partition modulus must be a factor of the next larger modulus")
                .withDetail(detail.formatted(modulus, existing.bound().modulus(), existing.relation().name()));
    }

    /**
     * The existing hash partition a new one would share rows with, as PostgreSQL finds it: the
     * first taker of the new remainder, and of each remainder above it that the new modulus
     * reaches, below the greatest existing modulus.
     */
    private Member hashOverlap(Member candidate) {
        int greatest = 0;
        for (Member member : members) {
            if (member.bound().kind() == PartitionBound.Kind.HASH && member.relation().oid() != candidate.relation().oid()) {
                greatest = Math.max(greatest, member.bound().modulus());
            }
        }
        if (greatest == 0) {
            return null;
        }
        int modulus = candidate.bound().modulus();
        for (int remainder = candidate.bound().remainder() % greatest; remainder < greatest; remainder += modulus) {
            for (Member member : members) {
                PartitionBound bound = member.bound();
                if (bound.kind() == PartitionBound.Kind.HASH && member.relation().oid() != candidate.relation().oid()
                        && remainder % bound.modulus() == bound.remainder()) {
                    return member;
                }
            }
        }
        return null;
    }

    private static boolean hasNull(Object[] values) {
        for (Object value : values) {
            if (value == null) {
                return true;
            }
        }
        return false;
    }

    /** A range bound against key values: negative when the bound is below them ({@code partition_rbound_cmp}). */
    private int compareRange(List<Object> bound, Object[] values) {
        for (int i = 0; i < bound.size(); i++) {
            Object datum = bound.get(i);
            if (datum instanceof PartitionBound.Datum infinite) {
                return infinite.infinite();
            }
            int order = comparators.get(i).compare(datum, values[i]);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    /** Two range bounds ({@code partition_rbound_cmp}): an upper bound equal to a lower bound sorts before it. */
    private int compareBounds(List<Object> left, boolean leftUpper, List<Object> right, boolean rightUpper) {
        for (int i = 0; i < left.size(); i++) {
            Object a = left.get(i);
            Object b = right.get(i);
            int aInfinite = a instanceof PartitionBound.Datum d ? d.infinite() : 0;
            int bInfinite = b instanceof PartitionBound.Datum d ? d.infinite() : 0;
            if (aInfinite != 0 || bInfinite != 0) {
                if (aInfinite != bInfinite) {
                    return Integer.compare(aInfinite, bInfinite);
                }
                return 0;
            }
            int order = comparators.get(i).compare(a, b);
            if (order != 0) {
                return order;
            }
        }
        return leftUpper == rightUpper ? 0 : leftUpper ? -1 : 1;
    }

    /** Whether a range's lower bound is not below its upper bound (an empty range). */
    public boolean emptyRange(Member member) {
        return compareBounds(member.lower(), false, member.upper(), true) >= 0;
    }

    /** An existing partition the new one would overlap ({@code check_new_partition_bound}), or null. */
    public Member overlapping(Member candidate) {
        return overlapping(candidate, null);
    }

    /** As {@link #overlapping(Member)} against one member only, or all when {@code only} is null. */
    public Member overlapping(Member candidate, Member only) {
        Member lowest = null;
        for (Member member : only == null ? members : List.of(only)) {
            if (only == null && member.relation().oid() == candidate.relation().oid()) {
                continue;
            }
            PartitionBound.Kind kind = candidate.bound().kind();
            if (kind == PartitionBound.Kind.HASH) {
                return hashOverlap(candidate);
            }
            if (kind == PartitionBound.Kind.DEFAULT) {
                if (member.bound().kind() == PartitionBound.Kind.DEFAULT) {
                    return member;
                }
            } else if (kind == PartitionBound.Kind.LIST && member.bound().kind() == PartitionBound.Kind.LIST) {
                for (Object value : candidate.listValues()) {
                    for (Object other : member.listValues()) {
                        if (value == null ? other == null
                                : other != null && comparators.getFirst().compare(value, other) == 0) {
                            return member;
                        }
                    }
                }
            } else if (kind == PartitionBound.Kind.RANGE && member.bound().kind() == PartitionBound.Kind.RANGE) {
                // of several, PostgreSQL names the lowest: the one holding the new lower bound, else the next above
                if (compareBounds(candidate.lower(), false, member.upper(), true) < 0
                        && compareBounds(member.lower(), false, candidate.upper(), true) < 0
                        && (lowest == null || compareBounds(member.lower(), false, lowest.lower(), false) < 0)) {
                    lowest = member;
                }
            }
        }
        return lowest;
    }

    /**
     * Whether {@code candidate}'s lower bound falls inside {@code member}'s range: the overlap is
     * then reported at the new lower bound, else at its upper one ({@code check_new_partition_bound}).
     */
    public boolean startsInside(Member candidate, Member member) {
        return compareBounds(member.lower(), false, candidate.lower(), false) <= 0;
    }

    /** The default partition, or null. */
    public Member defaultPartition() {
        for (Member member : members) {
            if (member.bound().kind() == PartitionBound.Kind.DEFAULT) {
                return member;
            }
        }
        return null;
    }

    /** A row of {@code parent} laid out as a row of {@code child}, column by column name. */
    public static Object[] rowFor(RelationInfo parent, RelationInfo child, Object[] parentRow) {
        Object[] row = new Object[child.attributes().size()];
        for (int i = 0; i < parent.attributes().size(); i++) {
            AttributeInfo column = child.attribute(parent.attributes().get(i).name());
            row[child.position(column.number())] = parentRow[i];
        }
        return row;
    }

    /** The key values of a row as PostgreSQL's DETAIL prints them: {@code (a, b) = (1, x)}. */
    public String describeKey(Object[] row, FormatSettings settings) {
        StringBuilder names = new StringBuilder();
        StringBuilder values = new StringBuilder();
        Object[] keyValues = keyValues(row);
        for (int i = 0; i < positions.length; i++) {
            names.append(i == 0 ? "" : ", ").append(keyColumnName(i));
            Object value = keyValues[i];
            values.append(i == 0 ? "" : ", ").append(value == null ? "null"
                    : types.type(typeOids[i]).io().output(value, settings));
        }
        return "(%s) = (%s)".formatted(names, values);
    }
}
