package org.woolly.optimizer;

import org.woolly.analyzer.TypeSystem;
import org.woolly.nodes.query.ExpressionWalker;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;
import org.woolly.utils.adt.PgType;
import org.woolly.utils.adt.TypeOids;

/**
 * Cost and size estimates ({@code costsize.c}, {@code plancat.c}'s {@code estimate_rel_size},
 * {@code get_typavgwidth}) with PostgreSQL's default parameters.
 */
public final class CostModel {
    static final double SEQ_PAGE_COST = 1.0;
    static final double CPU_TUPLE_COST = 0.01;
    static final double CPU_OPERATOR_COST = 0.0025;
    /** PostgreSQL assumes 10 pages for a table it has never analyzed or vacuumed. */
    static final int DEFAULT_PAGES = 10;
    static final int BLOCK_SIZE = 8192;
    static final int PAGE_HEADER_SIZE = 24;
    static final int ITEM_ID_SIZE = 4;
    /** {@code SizeofHeapTupleHeader}, before alignment. */
    static final int TUPLE_HEADER_SIZE = 24;
    /** Selectivity of a qual PostgreSQL cannot estimate ({@code DEFAULT_EQ_SEL}-like guesses). */
    static final double DEFAULT_SELECTIVITY = 0.005;
    static final double DEFAULT_INEQUALITY_SELECTIVITY = 1.0 / 3.0;
    static final double DEFAULT_GROUPS = 200;

    private final TypeSystem types;

    public CostModel(TypeSystem types) {
        this.types = types;
    }

    /** Average stored width of a value of the type. */
    int width(int typeOid, int typmod) {
        PgType type = types.type(typeOid);
        if (type != null && type.length() > 0) {
            return type.length();
        }
        if (typmod > 4 && (typeOid == TypeOids.VARCHAR || typeOid == TypeOids.BPCHAR)) {
            int maxWidth = (typmod - 4) * 4 + 4;
            if (typeOid == TypeOids.BPCHAR || maxWidth <= 32) {
                return maxWidth;
            }
            return maxWidth < 1000 ? 32 + (maxWidth - 32) / 2 : 32 + (1000 - 32) / 2;
        }
        if (typmod > 4 && typeOid == TypeOids.NUMERIC) {
            int precision = ((typmod - 4) >> 16) & 0xffff;
            int digits = (precision + 2 * (NUMERIC_DECIMAL_DIGITS - 1)) / NUMERIC_DECIMAL_DIGITS;
            return NUMERIC_HEADER_SIZE + digits * 2;
        }
        return 32;
    }

    /** numeric stores base-10000 digits of 2 bytes after an 8-byte header ({@code numeric_maximum_size}). */
    private static final int NUMERIC_DECIMAL_DIGITS = 4;
    private static final int NUMERIC_HEADER_SIZE = 8;

    int width(RangeEntry entry) {
        int width = 0;
        for (int i = 0; i < entry.columnTypes().length; i++) {
            width += width(entry.columnTypes()[i], entry.columnTypmods()[i]);
        }
        return width;
    }

    /** Rows of a table: 10 pages filled at the density the tuple width allows. */
    double tableRows(RangeEntry entry) {
        int tupleWidth = maxAlign(TUPLE_HEADER_SIZE - 1) + width(entry);
        double density = Math.floor((double) (BLOCK_SIZE - PAGE_HEADER_SIZE) / (tupleWidth + ITEM_ID_SIZE));
        return DEFAULT_PAGES * density;
    }

    private static int maxAlign(int length) {
        return (length + 7) & ~7;
    }

    double seqScanTotal(double rows, QueryExpr qual) {
        return DEFAULT_PAGES * SEQ_PAGE_COST + rows * (CPU_TUPLE_COST + operatorCount(qual) * CPU_OPERATOR_COST);
    }

    double selectivity(QueryExpr qual) {
        if (qual == null) {
            return 1.0;
        }
        return switch (qual) {
            case QueryExpr.BoolOp bool when bool.kind() == QueryExpr.BoolOp.BoolKind.AND ->
                    bool.args().stream().mapToDouble(this::selectivity).reduce(1.0, (a, b) -> a * b);
            case QueryExpr.BoolOp bool when bool.kind() == QueryExpr.BoolOp.BoolKind.OR ->
                    Math.min(1.0, bool.args().stream().mapToDouble(this::selectivity).sum());
            case QueryExpr.FuncCall call when call.operator() && call.function().name().equals("=") -> DEFAULT_SELECTIVITY;
            case QueryExpr.FuncCall call when call.operator() -> DEFAULT_INEQUALITY_SELECTIVITY;
            default -> DEFAULT_SELECTIVITY;
        };
    }

    static int operatorCount(QueryExpr expr) {
        if (expr == null) {
            return 0;
        }
        int[] count = {0};
        ExpressionWalker.rewrite(expr, node -> {
            if (node instanceof QueryExpr.FuncCall || node instanceof QueryExpr.DistinctFrom
                    || node instanceof QueryExpr.NullIf) {
                count[0]++;
            }
            return null;
        });
        return count[0];
    }

    /** Comparison sort: 2 * cpu_operator_cost * N log2 N, as {@code cost_sort} in memory. */
    double sortCost(double rows, double limitRows) {
        double tuples = Math.max(rows, 2.0);
        double comparison = 2.0 * CPU_OPERATOR_COST;
        if (limitRows > 0 && tuples > 2 * limitRows) {
            // bounded heap sort: only the first limitRows are kept (cost_sort's top-N case)
            return comparison * tuples * log2(2.0 * limitRows);
        }
        return comparison * tuples * log2(tuples);
    }

    private static double log2(double value) {
        return Math.log(value) / Math.log(2.0);
    }
}
