package org.woolly.optimizer;

import java.util.HashMap;
import java.util.Map;
import org.woolly.analyzer.TypeSystem;
import org.woolly.catalog.TableStatistics;
import org.woolly.nodes.plan.Plan;
import org.woolly.nodes.query.ExpressionWalker;
import org.woolly.nodes.query.Query;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;
import org.woolly.utils.adt.PgType;
import org.woolly.utils.adt.TypeOids;

/**
 * Cost and size estimates ({@code costsize.c}, {@code plancat.c}'s {@code estimate_rel_size},
 * {@code get_typavgwidth}) with the session's cost parameters and what ANALYZE recorded. One
 * instance plans one statement.
 */
public final class CostModel {
    /** PostgreSQL assumes at least 10 pages for a table it has never analyzed or vacuumed. */
    static final int DEFAULT_PAGES = 10;
    static final int BLOCK_SIZE = 8192;
    static final int PAGE_HEADER_SIZE = 24;
    static final int ITEM_ID_SIZE = 4;
    /** {@code SizeofHeapTupleHeader}, before alignment. */
    static final int TUPLE_HEADER_SIZE = 24;
    static final double DEFAULT_GROUPS = 200;

    private final TypeSystem types;
    private final CostParameters parameters;
    private final PlannerStatistics statistics;
    private final Selectivity selectivity;
    private final Map<Integer, RelationSize> sizes = new HashMap<>();
    /** The last execution parameter the planner made; they count down from -1, apart from the analyzer's. */
    private int lastPlannerParam;

    /** A table's estimated size: pages, tuples, and its statistics (null when never analyzed). */
    record RelationSize(double pages, double tuples, TableStatistics statistics) {}

    public CostModel(TypeSystem types, CostParameters parameters, PlannerStatistics statistics) {
        this.types = types;
        this.parameters = parameters;
        this.statistics = statistics;
        this.selectivity = new Selectivity(this, types);
    }

    /**
     * A new execution parameter for a value the planner passes down a plan (a nested loop's
     * outer column read by its inner index scan, {@code nestParams}); negative, so it never
     * collides with the analyzer's parameters, which count up from 0.
     */
    int newPlannerParam() {
        return --lastPlannerParam;
    }

    CostParameters parameters() {
        return parameters;
    }

    PlannerStatistics statistics() {
        return statistics;
    }

    double cpuOperatorCost() {
        return parameters.cpuOperatorCost();
    }

    /** The ordering of a type's values (sorts the planner adds for windows). */
    java.util.Comparator<Object> comparator(int type) {
        return types.comparator(type);
    }

    double cpuTupleCost() {
        return parameters.cpuTupleCost();
    }

    Selectivity selectivities() {
        return selectivity;
    }

    /** {@code clamp_row_est}: at least one row, a whole number. */
    static double clampRows(double rows) {
        return rows <= 1.0 ? 1.0 : Math.rint(rows);
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

    /** Row width: ANALYZE's average width of each column where known ({@code get_attavgwidth}), else the type's. */
    int width(RangeEntry entry) {
        TableStatistics tableStatistics = entry.kind() == RangeEntry.Kind.RELATION
                ? statistics.statistics(entry.relation().oid()) : null;
        int width = 0;
        for (int i = 0; i < entry.columnTypes().length; i++) {
            TableStatistics.Column column = tableStatistics == null ? null
                    : tableStatistics.columns().get((int) entry.relation().attributeNumbers()[i]);
            width += column != null && column.width() > 0 ? column.width()
                    : width(entry.columnTypes()[i], entry.columnTypmods()[i]);
        }
        return width;
    }

    /** Width of an output expression: a table column's ANALYZE width where known, else its type's. */
    int width(QueryExpr expr, Query query) {
        if (expr instanceof QueryExpr.Var var) {
            for (RangeEntry entry : query.rangeTable()) {
                int local = var.position() - entry.offset();
                if (entry.kind() == RangeEntry.Kind.RELATION && local >= 0
                        && local < entry.relation().attributeNumbers().length) {
                    TableStatistics known = statistics.statistics(entry.relation().oid());
                    TableStatistics.Column column = known == null ? null
                            : known.columns().get((int) entry.relation().attributeNumbers()[local]);
                    if (column != null && column.width() > 0) {
                        return column.width();
                    }
                }
            }
        }
        return width(expr.type(), expr.typmod());
    }

    /**
     * {@code estimate_rel_size} for a heap: the current number of pages (at least 10 for a table
     * never analyzed) times the tuple density ANALYZE saw, or the density the row width allows.
     */
    RelationSize size(RangeEntry entry) {
        return sizes.computeIfAbsent(entry.relation().oid(), oid -> {
            TableStatistics known = statistics.statistics(oid);
            int current = statistics.currentPages(oid);
            double reltuples = known == null ? -1 : known.reltuples();
            int relpages = known == null ? 0 : known.relpages();
            double pages = current < 0 ? DEFAULT_PAGES : current;
            if (pages < DEFAULT_PAGES && reltuples < 0) {
                pages = DEFAULT_PAGES;
            }
            if (pages == 0) {
                return new RelationSize(0, 0, known);
            }
            double density;
            if (reltuples >= 0 && relpages > 0) {
                density = reltuples / relpages;
            } else {
                int tupleWidth = maxAlign(TUPLE_HEADER_SIZE - 1) + width(entry) + ITEM_ID_SIZE;
                density = Math.floor((double) (BLOCK_SIZE - PAGE_HEADER_SIZE) / tupleWidth);
            }
            return new RelationSize(pages, Math.rint(density * pages), known);
        });
    }

    double tableRows(RangeEntry entry) {
        return size(entry).tuples();
    }

    private static int maxAlign(int length) {
        return (length + 7) & ~7;
    }

    /** {@code cost_valuesscan}: a cpu_operator_cost and a cpu_tuple_cost per row of the list. */
    double valuesScanTotal(int rows) {
        return rows * (parameters.cpuOperatorCost() + parameters.cpuTupleCost());
    }

    /** {@code cost_seqscan}'s startup: only the penalty of enable_seqscan = off. */
    double seqScanStartup() {
        return CostParameters.penalty(parameters.enableSeqscan());
    }

    /** {@code cost_seqscan}: pages read in order plus each tuple and its qual's operators. */
    double seqScanTotal(RangeEntry entry, QueryExpr qual) {
        RelationSize size = size(entry);
        return seqScanStartup() + size.pages() * parameters.seqPageCost()
                + size.tuples() * (parameters.cpuTupleCost() + operatorCount(qual) * parameters.cpuOperatorCost());
    }

    /** Selectivity of a qual over rows whose origin is not traced (above joins). */
    double selectivity(QueryExpr qual) {
        return selectivity.of(qual, null);
    }

    /** Selectivity of a qual over the rows of one scanned table (positions relative to it). */
    double selectivity(QueryExpr qual, RangeEntry entry) {
        return selectivity.of(qual, entry);
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

    /**
     * Comparison sort: 2 * cpu_operator_cost * N log2 N, as {@code cost_sort} in memory, plus
     * disable_cost when enable_sort is off.
     */
    double sortCost(double rows, double limitRows) {
        double tuples = Math.max(rows, 2.0);
        double comparison = 2.0 * parameters.cpuOperatorCost();
        double penalty = CostParameters.penalty(parameters.enableSort());
        if (limitRows > 0 && tuples > 2 * limitRows) {
            // bounded heap sort: only the first limitRows are kept (cost_sort's top-N case)
            return penalty + comparison * tuples * log2(2.0 * limitRows);
        }
        return penalty + comparison * tuples * log2(tuples);
    }

    /** {@code relation_byte_size}: bytes of {@code rows} tuples of {@code width}, headers included. */
    static double relationByteSize(double rows, int width) {
        return rows * (maxAlign(width) + maxAlign(TUPLE_HEADER_SIZE - 1));
    }

    /** Pages a kept result beyond work_mem spills to, read again on each rescan; 0 when it fits. */
    private double spilledPages(double rows, int width) {
        double bytes = relationByteSize(rows, width);
        return bytes > parameters.workMem() * 1024.0 ? Math.ceil(bytes / BLOCK_SIZE) : 0;
    }

    /**
     * {@code cost_material}: the input's cost plus 2 * cpu_operator_cost per tuple kept (writing
     * and reading it), plus a sequential write of the pages it spills to beyond work_mem.
     */
    Plan.Cost materialCost(Plan input) {
        Plan.Cost cost = input.cost();
        double run = cost.total() - cost.startup() + 2 * parameters.cpuOperatorCost() * cost.rows()
                + parameters.seqPageCost() * spilledPages(cost.rows(), cost.width());
        return new Plan.Cost(cost.startup(), cost.startup() + run, cost.rows(), cost.width());
    }

    /**
     * {@code cost_rescan}'s total: what running {@code plan} again costs. Nodes that keep their
     * result (Material and Sort: cpu_operator_cost per tuple; CTE and work table scans:
     * cpu_tuple_cost per tuple; plus spilled pages) replay it; a function scan runs all but its
     * startup (the call) again; any other node costs as much as the first time.
     */
    double rescanCost(Plan plan) {
        Plan.Cost cost = plan.cost();
        return switch (shown(plan)) {
            case Plan.Material ignored -> parameters.cpuOperatorCost() * cost.rows()
                    + parameters.seqPageCost() * spilledPages(cost.rows(), cost.width());
            case Plan.Sort ignored -> parameters.cpuOperatorCost() * cost.rows()
                    + parameters.seqPageCost() * spilledPages(cost.rows(), cost.width());
            case Plan.CteScan ignored -> parameters.cpuTupleCost() * cost.rows()
                    + parameters.seqPageCost() * spilledPages(cost.rows(), cost.width());
            case Plan.WorkTableScan ignored -> parameters.cpuTupleCost() * cost.rows()
                    + parameters.seqPageCost() * spilledPages(cost.rows(), cost.width());
            case Plan.FunctionScan ignored -> cost.total() - cost.startup();
            default -> cost.total();
        };
    }

    /** {@code ExecMaterializesOutput}: whether the node keeps its whole result, so a Material above it gains nothing. */
    static boolean materializesOutput(Plan plan) {
        plan = shown(plan);
        return plan instanceof Plan.Material || plan instanceof Plan.Sort || plan instanceof Plan.CteScan
                || plan instanceof Plan.WorkTableScan || plan instanceof Plan.FunctionScan;
    }

    /**
     * The node EXPLAIN shows for {@code plan}: a projection is part of the node below it, as
     * PostgreSQL's targetlists, and so is a filter over a CTE, work table or function scan (its
     * qual in PostgreSQL).
     */
    private static Plan shown(Plan plan) {
        while (plan instanceof Plan.Project project) {
            plan = project.input();
        }
        if (plan instanceof Plan.Filter filter && (filter.input() instanceof Plan.CteScan
                || filter.input() instanceof Plan.WorkTableScan || filter.input() instanceof Plan.FunctionScan)) {
            return filter.input();
        }
        return plan;
    }

    private static double log2(double value) {
        return Math.log(value) / Math.log(2.0);
    }
}
