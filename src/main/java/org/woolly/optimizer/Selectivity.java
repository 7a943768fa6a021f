package org.woolly.optimizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.woolly.analyzer.TypeSystem;
import org.woolly.catalog.IndexInfo;
import org.woolly.catalog.TableStatistics;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.adt.PgType;
import org.woolly.utils.adt.TypeOids;

/**
 * Selectivity of WHERE clauses on one table ({@code clausesel.c} and {@code selfuncs.c}):
 * AND multiplies, OR is {@code s1 + s2 - s1*s2}, NOT is {@code 1 - s}; {@code col = const} is
 * {@code eqsel} (the MCV frequency, else the share of the non-MCV rows of one of the other
 * distinct values), {@code col < const} and friends are {@code scalarineqsel} (MCVs that
 * satisfy it plus the histogram fraction, interpolated within the bucket as
 * {@code convert_to_scalar} does for numbers, date/times and C-collated strings), IS [NOT] NULL
 * is the null fraction. Without statistics the estimates are PostgreSQL's defaults
 * ({@code DEFAULT_EQ_SEL}, {@code DEFAULT_INEQ_SEL}, 200 distinct values).
 */
final class Selectivity {
    static final double DEFAULT_EQ_SEL = 0.005;
    static final double DEFAULT_INEQ_SEL = 1.0 / 3.0;
    static final double DEFAULT_UNK_SEL = 0.005;
    static final double DEFAULT_NUM_DISTINCT = 200;

    /** A column of a base table with what ANALYZE knows of it (statistics null when none). */
    record ColumnData(int typeOid, TableStatistics.Column statistics, double tableTuples, boolean unique) {}

    private final CostModel costs;
    private final TypeSystem types;

    Selectivity(CostModel costs, TypeSystem types) {
        this.costs = costs;
        this.types = types;
    }

    /** The fraction of {@code entry}'s rows (null: rows of unknown origin) that satisfy {@code qual}. */
    double of(QueryExpr qual, RangeEntry entry) {
        if (qual == null) {
            return 1.0;
        }
        return clamp(switch (qual) {
            case QueryExpr.BoolOp bool when bool.kind() == QueryExpr.BoolOp.BoolKind.AND -> conjunction(bool.args(), entry);
            case QueryExpr.BoolOp bool when bool.kind() == QueryExpr.BoolOp.BoolKind.OR -> {
                double result = 0.0;
                for (QueryExpr arg : bool.args()) {
                    double next = of(arg, entry);
                    result = result + next - result * next;
                }
                yield result;
            }
            case QueryExpr.BoolOp bool -> 1.0 - of(bool.args().getFirst(), entry);
            case QueryExpr.NullTest test -> nullTest(test, entry);
            case QueryExpr.FuncCall call when call.operator() && call.args().size() == 2 -> operator(call, entry);
            case QueryExpr.Var var when var.type() == TypeOids.BOOL -> {
                ColumnData column = column(var, entry);
                yield equality(column, Boolean.TRUE, TypeOids.BOOL);
            }
            default -> DEFAULT_EQ_SEL;
        });
    }

    /** The bounds seen for one column in a conjunction: {@code col < x} (high) and {@code col > y} (low). */
    private static final class Range {
        double high = -1;
        double low = -1;
        QueryExpr.Var var;
    }

    static final double DEFAULT_RANGE_INEQ_SEL = 0.005;

    /**
     * {@code clauselist_selectivity}: the product of the clauses, except that an upper and a
     * lower bound on the same column are taken together as a range, {@code high + low - 1}
     * (plus the null fraction counted out twice), not as independent conditions.
     */
    private double conjunction(List<QueryExpr> clauses, RangeEntry entry) {
        double product = 1.0;
        java.util.Map<Integer, Range> ranges = new java.util.LinkedHashMap<>();
        for (QueryExpr clause : clauses) {
            QueryExpr.Var var = null;
            Boolean upper = null;
            if (clause instanceof QueryExpr.FuncCall call && call.operator() && call.args().size() == 2) {
                String name = call.function().name();
                QueryExpr left = call.args().get(0);
                QueryExpr right = call.args().get(1);
                if (left instanceof QueryExpr.Var leftVar && folded(right) != null) {
                    var = leftVar;
                } else if (right instanceof QueryExpr.Var rightVar && folded(left) != null) {
                    var = rightVar;
                    name = commuted(name);
                }
                if (var != null && (name.equals("<") || name.equals("<="))) {
                    upper = true;
                } else if (var != null && (name.equals(">") || name.equals(">="))) {
                    upper = false;
                }
            }
            double selectivity = of(clause, entry);
            if (upper == null) {
                product *= selectivity;
                continue;
            }
            Range range = ranges.computeIfAbsent(var.position(), position -> new Range());
            range.var = var;
            if (upper) {
                range.high = range.high < 0 ? selectivity : Math.min(range.high, selectivity);
            } else {
                range.low = range.low < 0 ? selectivity : Math.min(range.low, selectivity);
            }
        }
        for (Range range : ranges.values()) {
            if (range.high < 0 || range.low < 0) {
                product *= range.high < 0 ? range.low : range.high;
                continue;
            }
            double selectivity;
            if (range.high == DEFAULT_INEQ_SEL || range.low == DEFAULT_INEQ_SEL) {
                selectivity = DEFAULT_RANGE_INEQ_SEL;
            } else {
                selectivity = range.high + range.low - 1.0;
                selectivity += nullTest(new QueryExpr.NullTest(range.var, Expr.NullTest.Test.IS_NULL), entry);
                if (selectivity <= 0.0) {
                    selectivity = selectivity < -0.01 ? DEFAULT_RANGE_INEQ_SEL : 1.0e-10;
                }
            }
            product *= selectivity;
        }
        return product;
    }

    private double nullTest(QueryExpr.NullTest test, RangeEntry entry) {
        ColumnData column = test.arg() instanceof QueryExpr.Var var ? column(var, entry) : null;
        boolean isNull = test.test() == Expr.NullTest.Test.IS_NULL;
        if (test.test() != Expr.NullTest.Test.IS_NULL && test.test() != Expr.NullTest.Test.IS_NOT_NULL) {
            return DEFAULT_EQ_SEL;
        }
        if (column == null || column.statistics() == null) {
            return isNull ? DEFAULT_UNK_SEL : 1.0 - DEFAULT_UNK_SEL;
        }
        double nullFraction = column.statistics().nullFraction();
        return isNull ? nullFraction : 1.0 - nullFraction;
    }

    private double operator(QueryExpr.FuncCall call, RangeEntry entry) {
        String name = call.function().name();
        QueryExpr left = call.args().get(0);
        QueryExpr right = call.args().get(1);
        if (!(left instanceof QueryExpr.Var) && right instanceof QueryExpr.Var) {
            QueryExpr swap = left;
            left = right;
            right = swap;
            name = commuted(name);
        }
        boolean comparison = List.of("=", "<>", "<", "<=", ">", ">=").contains(name);
        if (!comparison) {
            return DEFAULT_INEQ_SEL;
        }
        ColumnData column = left instanceof QueryExpr.Var var ? column(var, entry) : null;
        Object constant = null;
        boolean known = false;
        QueryExpr.Const value = folded(right);
        if (value != null && column != null && value.type() == column.typeOid()) {
            if (value.value() == null) {
                return 0.0;
            }
            constant = value.value();
            known = true;
        }
        return switch (name) {
            case "=" -> known ? equality(column, constant, column.typeOid()) : equalityUnknown(column);
            case "<>" -> {
                double nullFraction = column != null && column.statistics() != null
                        ? column.statistics().nullFraction() : 0.0;
                yield 1.0 - nullFraction - (known ? equality(column, constant, column.typeOid())
                        : equalityUnknown(column));
            }
            default -> known ? inequality(column, constant, name.startsWith(">"), name.endsWith("="))
                    : DEFAULT_INEQ_SEL;
        };
    }

    /**
     * The expression as a constant, casts of constants folded ({@code estimate_expression_value}):
     * the analyzer leaves {@code 10} compared with a float8 column as a cast of an int4 constant.
     * Null when it is not constant or its cast cannot run without a session.
     */
    static QueryExpr.Const folded(QueryExpr expr) {
        if (expr instanceof QueryExpr.Const constant) {
            return constant;
        }
        if (!(expr instanceof QueryExpr.Cast cast)) {
            return null;
        }
        QueryExpr.Const argument = folded(cast.arg());
        if (argument == null) {
            return null;
        }
        if (argument.value() == null || cast.coercion().function() == null) {
            return new QueryExpr.Const(cast.type(), cast.typmod(), argument.value());
        }
        try {
            return new QueryExpr.Const(cast.type(), cast.typmod(),
                    cast.coercion().function().convert(argument.value(), cast.typmod(), null));
        } catch (RuntimeException needsSession) {
            return null;
        }
    }

    private static String commuted(String name) {
        return switch (name) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> name;
        };
    }

    /** The base-table column a Var of {@code entry} reads, or null when it cannot be traced. */
    ColumnData column(QueryExpr.Var var, RangeEntry entry) {
        if (entry == null || entry.kind() != RangeEntry.Kind.RELATION || var.position() < 0
                || var.position() >= entry.relation().attributeNumbers().length) {
            return null;
        }
        CostModel.RelationSize size = costs.size(entry);
        int attnum = entry.relation().attributeNumbers()[var.position()];
        TableStatistics.Column statistics = size.statistics() == null ? null
                : size.statistics().columns().get(attnum);
        return new ColumnData(var.type(), statistics, size.tuples(), unique(entry.relation().oid(), attnum));
    }

    /** Whether a valid unique B-tree has exactly this column as its key ({@code VariableStatData.isunique}). */
    private boolean unique(int relationOid, int attnum) {
        for (IndexInfo index : costs.statistics().indexes(relationOid)) {
            if (index.valid() && index.unique() && index.keyColumnCount() == 1 && index.predicate() == null
                    && index.expressions() == null && index.columns().getFirst() == attnum) {
                return true;
            }
        }
        return false;
    }

    /** {@code get_variable_numdistinct}; a column with a unique index is taken as unique whatever ANALYZE saw. */
    static double distinct(ColumnData column) {
        if (column == null) {
            return DEFAULT_NUM_DISTINCT;
        }
        TableStatistics.Column statistics = column.statistics();
        if (column.unique()) {
            double nullFraction = statistics == null ? 0.0 : statistics.nullFraction();
            return CostModel.clampRows((1.0 - nullFraction) * column.tableTuples());
        }
        if (statistics != null && statistics.distinct() > 0) {
            return CostModel.clampRows(statistics.distinct());
        }
        if (statistics != null && statistics.distinct() < 0) {
            return CostModel.clampRows(-statistics.distinct() * column.tableTuples());
        }
        if (column.typeOid() == TypeOids.BOOL) {
            return 2;
        }
        if (column.tableTuples() > 0 && column.tableTuples() < DEFAULT_NUM_DISTINCT) {
            return CostModel.clampRows(column.tableTuples());
        }
        return DEFAULT_NUM_DISTINCT;
    }

    /** {@code var_eq_const}. */
    private double equality(ColumnData column, Object constant, int typeOid) {
        if (column == null || column.statistics() == null) {
            return 1.0 / distinct(column);
        }
        TableStatistics.Column statistics = column.statistics();
        TableStatistics.Slot mcv = statistics.slot(TableStatistics.KIND_MCV);
        Comparator<Object> comparator = types.comparator(typeOid);
        double sumCommon = 0;
        int count = 0;
        if (mcv != null) {
            List<Object> values = values(mcv, typeOid);
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) != null && comparator.compare(values.get(i), constant) == 0) {
                    return mcv.numbers()[i];
                }
                sumCommon += mcv.numbers()[i];
            }
            count = mcv.numbers().length;
        }
        double selectivity = clamp(1.0 - sumCommon - statistics.nullFraction());
        double otherDistinct = distinct(column) - count;
        if (otherDistinct > 1) {
            selectivity /= otherDistinct;
        }
        if (count > 0 && selectivity > mcv.numbers()[count - 1]) {
            selectivity = mcv.numbers()[count - 1];
        }
        return selectivity;
    }

    /** {@code var_eq_non_const}: a parameter or expression compared with the column. */
    private double equalityUnknown(ColumnData column) {
        if (column == null || column.statistics() == null) {
            return column == null ? DEFAULT_EQ_SEL : 1.0 / distinct(column);
        }
        double selectivity = 1.0 - column.statistics().nullFraction();
        double distinct = distinct(column);
        if (distinct > 1) {
            selectivity /= distinct;
        }
        TableStatistics.Slot mcv = column.statistics().slot(TableStatistics.KIND_MCV);
        if (mcv != null && mcv.numbers().length > 0 && selectivity > mcv.numbers()[0]) {
            selectivity = mcv.numbers()[0];
        }
        return selectivity;
    }

    /** {@code scalarineqsel}: MCVs that satisfy the comparison plus the histogram's share of the rest. */
    private double inequality(ColumnData column, Object constant, boolean greater, boolean orEqual) {
        if (column == null || column.statistics() == null) {
            return DEFAULT_INEQ_SEL;
        }
        TableStatistics.Column statistics = column.statistics();
        Comparator<Object> comparator = types.comparator(column.typeOid());
        double mcvSelectivity = 0;
        double sumCommon = 0;
        TableStatistics.Slot mcv = statistics.slot(TableStatistics.KIND_MCV);
        if (mcv != null) {
            List<Object> values = values(mcv, column.typeOid());
            for (int i = 0; i < values.size(); i++) {
                if (satisfies(comparator.compare(values.get(i), constant), greater, orEqual)) {
                    mcvSelectivity += mcv.numbers()[i];
                }
                sumCommon += mcv.numbers()[i];
            }
        }
        double histogramSelectivity = histogram(column, constant, comparator, greater, orEqual);
        double selectivity = 1.0 - statistics.nullFraction() - sumCommon;
        selectivity *= histogramSelectivity >= 0 ? histogramSelectivity : 0.5;
        return clamp(selectivity + mcvSelectivity);
    }

    private static boolean satisfies(int compared, boolean greater, boolean orEqual) {
        return compared == 0 ? orEqual : greater ? compared > 0 : compared < 0;
    }

    /** {@code ineq_histogram_selectivity}; -1 when there is no usable histogram. */
    private double histogram(ColumnData column, Object constant, Comparator<Object> comparator, boolean greater,
                             boolean orEqual) {
        TableStatistics.Slot slot = column.statistics().slot(TableStatistics.KIND_HISTOGRAM);
        if (slot == null || slot.values().size() < 2) {
            return -1;
        }
        List<Object> bounds = values(slot, column.typeOid());
        int count = bounds.size();
        int low = 0;
        int high = count;
        while (low < high) {
            int probe = (low + high) / 2;
            boolean below = satisfies(comparator.compare(bounds.get(probe), constant), greater, orEqual);
            if (greater) {
                below = !below;
            }
            if (below) {
                low = probe + 1;
            } else {
                high = probe;
            }
        }
        double fraction;
        if (low <= 0) {
            fraction = 0.0;
        } else if (low >= count) {
            fraction = 1.0;
        } else {
            int i = low;
            double equalSelectivity = 0;
            if (i == 1 || greater == orEqual) {
                double otherDistinct = distinct(column);
                TableStatistics.Slot mcv = column.statistics().slot(TableStatistics.KIND_MCV);
                if (mcv != null) {
                    otherDistinct -= mcv.numbers().length;
                }
                if (otherDistinct > 1) {
                    equalSelectivity = 1.0 / otherDistinct;
                }
            }
            double binFraction = binFraction(column.typeOid(), constant, bounds.get(i - 1), bounds.get(i));
            fraction = (i - 1 + binFraction) / (count - 1);
            if (i == 1) {
                fraction += equalSelectivity * (1.0 - binFraction);
            }
            if (greater == orEqual) {
                fraction -= equalSelectivity;
            }
        }
        double selectivity = greater ? 1.0 - fraction : fraction;
        double cutoff = 0.01 / (count - 1);
        return Math.min(Math.max(selectivity, cutoff), 1.0 - cutoff);
    }

    /** Where the constant lies in the bucket [low, high], by {@code convert_to_scalar}; 0.5 when it cannot tell. */
    private static double binFraction(int typeOid, Object constant, Object low, Object high) {
        double[] scaled = scalars(typeOid, constant, low, high);
        if (scaled == null) {
            return 0.5;
        }
        double value = scaled[0];
        if (scaled[2] <= scaled[1]) {
            return 0.5;
        }
        if (value <= scaled[1]) {
            return 0.0;
        }
        if (value >= scaled[2]) {
            return 1.0;
        }
        double fraction = (value - scaled[1]) / (scaled[2] - scaled[1]);
        return Double.isNaN(fraction) || fraction < 0 || fraction > 1 ? 0.5 : fraction;
    }

    private static double[] scalars(int typeOid, Object value, Object low, Object high) {
        if (value instanceof Number && low instanceof Number && high instanceof Number) {
            return new double[] {((Number) value).doubleValue(), ((Number) low).doubleValue(),
                    ((Number) high).doubleValue()};
        }
        if (value instanceof String text && low instanceof String lowText && high instanceof String highText
                && (typeOid == TypeOids.TEXT || typeOid == TypeOids.VARCHAR || typeOid == TypeOids.BPCHAR
                || typeOid == TypeOids.NAME)) {
            return strings(text.getBytes(StandardCharsets.UTF_8), lowText.getBytes(StandardCharsets.UTF_8),
                    highText.getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    /** {@code convert_string_to_scalar} for the C collation: bytes as digits of a base the bounds suggest. */
    private static double[] strings(byte[] value, byte[] low, byte[] high) {
        int rangeLow = high.length > 0 ? high[0] & 0xff : 0;
        int rangeHigh = rangeLow;
        for (byte[] bound : List.of(low, high)) {
            for (byte b : bound) {
                rangeLow = Math.min(rangeLow, b & 0xff);
                rangeHigh = Math.max(rangeHigh, b & 0xff);
            }
        }
        for (char[] span : new char[][] {{'A', 'Z'}, {'a', 'z'}, {'0', '9'}}) {
            if (rangeLow <= span[1] && rangeHigh >= span[0]) {
                rangeLow = Math.min(rangeLow, span[0]);
                rangeHigh = Math.max(rangeHigh, span[1]);
            }
        }
        if (rangeHigh - rangeLow < 9) {
            rangeLow = ' ';
            rangeHigh = 127;
        }
        int prefix = 0;
        while (prefix < low.length && prefix < high.length && prefix < value.length && low[prefix] == high[prefix]
                && low[prefix] == value[prefix]) {
            prefix++;
        }
        return new double[] {oneString(value, prefix, rangeLow, rangeHigh), oneString(low, prefix, rangeLow, rangeHigh),
                oneString(high, prefix, rangeLow, rangeHigh)};
    }

    private static double oneString(byte[] text, int from, int rangeLow, int rangeHigh) {
        int length = Math.min(text.length - from, 12);
        if (length <= 0) {
            return 0.0;
        }
        double base = rangeHigh - rangeLow + 1;
        double number = 0;
        double denominator = base;
        for (int i = 0; i < length; i++) {
            int c = text[from + i] & 0xff;
            c = c < rangeLow ? rangeLow - 1 : c > rangeHigh ? rangeHigh + 1 : c;
            number += (c - rangeLow) / denominator;
            denominator *= base;
        }
        return number;
    }

    /**
     * {@code eqjoinsel_inner} without MCV matching: {@code (1 - nullfrac1) * (1 - nullfrac2) /
     * max(nd1, nd2)} for {@code a.x = b.y}.
     */
    static double equiJoin(ColumnData outer, ColumnData inner) {
        double outerNulls = outer != null && outer.statistics() != null ? outer.statistics().nullFraction() : 0;
        double innerNulls = inner != null && inner.statistics() != null ? inner.statistics().nullFraction() : 0;
        return (1.0 - outerNulls) * (1.0 - innerNulls) / Math.max(distinct(outer), distinct(inner));
    }

    /**
     * {@code estimate_hash_bucket_stats}: the fraction of the inner rows in the average bucket a
     * probe visits: 1/nbuckets or 1/ndistinct (ndistinct scaled by the rows the scan keeps),
     * raised by how much the most common value exceeds the average frequency; 0.1 (or the top
     * MCV frequency) when the distinct count is only a guess.
     */
    static double bucketFraction(ColumnData column, int buckets, double innerRows) {
        TableStatistics.Slot mcv = column == null || column.statistics() == null ? null
                : column.statistics().slot(TableStatistics.KIND_MCV);
        double mcvFrequency = mcv != null && mcv.numbers().length > 0 ? mcv.numbers()[0] : 0.0;
        boolean guessed = column == null || column.statistics() == null && !column.unique()
                && column.typeOid() != TypeOids.BOOL
                && !(column.tableTuples() > 0 && column.tableTuples() < DEFAULT_NUM_DISTINCT);
        if (guessed) {
            return Math.max(0.1, mcvFrequency);
        }
        double distinct = distinct(column);
        double nullFraction = column.statistics() == null ? 0.0 : column.statistics().nullFraction();
        double averageFrequency = (1.0 - nullFraction) / distinct;
        if (column.tableTuples() > 0) {
            distinct = CostModel.clampRows(distinct * Math.min(innerRows, column.tableTuples()) / column.tableTuples());
        }
        double fraction = distinct > buckets ? 1.0 / buckets : 1.0 / distinct;
        if (averageFrequency > 0 && mcvFrequency > averageFrequency) {
            fraction *= mcvFrequency / averageFrequency;
        }
        return Math.min(Math.max(fraction, 1.0e-6), 1.0);
    }

    /** A slot's values read with the column type's input function. */
    private List<Object> values(TableStatistics.Slot slot, int typeOid) {
        PgType type = types.type(typeOid);
        List<Object> values = new ArrayList<>();
        for (String text : slot.values()) {
            values.add(text == null || type == null ? null : type.io().input(text, -1, FormatSettings.DEFAULT));
        }
        return values;
    }

    static double clamp(double selectivity) {
        return Math.min(Math.max(selectivity, 0.0), 1.0);
    }
}
