package org.woolly.commands;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.woolly.access.common.Attribute;
import org.woolly.access.common.Tid;
import org.woolly.access.common.TupleCodec;
import org.woolly.access.common.TupleDescriptor;
import org.woolly.access.heap.HeapAccess;
import org.woolly.access.heap.HeapScan;
import org.woolly.access.heap.HeapTuple;
import org.woolly.access.transam.Snapshot;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.RelationInfo;
import org.woolly.catalog.TableStatistics;
import org.woolly.nodes.parse.Statement;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.utils.adt.PgOperatorData;
import org.woolly.utils.adt.PgType;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * {@code ANALYZE [VERBOSE] [table [(columns)], ...]} ({@code analyze.c}'s {@code analyze_rel}):
 * for each table, a sample of {@code 300 * default_statistics_target} rows, the statistics of
 * each column ({@link ColumnStatisticsBuilder}) written to pg_statistic, and relpages/reltuples
 * to pg_class. Without a table list every table of the database is analyzed.
 *
 * <p>Sampling: PostgreSQL samples blocks first, then rows; Woolly reads every block (its heap has
 * no block-sampling read yet) and keeps a uniform reservoir sample of the visible rows (Vitter's
 * algorithm R), put back in physical order as PostgreSQL does. A table with no more rows than
 * the sample size is sampled completely, so its statistics are exact and equal PostgreSQL's.
 */
public final class AnalyzeCommand {
    /** {@code 300 * attstattarget} rows: the sample size the histogram error bound of Chaudhuri et al. needs. */
    static final int ROWS_PER_TARGET = 300;

    private AnalyzeCommand() {}

    public static String analyze(CommandContext context, HeapAccess heap, Statement.Analyze analyze) {
        int target = context.settings().getInt("default_statistics_target");
        if (analyze.targets().isEmpty()) {
            for (RelationInfo relation : context.catalog().tables(context.transaction())) {
                var locked = context.catalog().openRelation(context.transaction(), relation.namespaceName(),
                        relation.name(), LockMode.SHARE_UPDATE_EXCLUSIVE);
                if (locked.isPresent()) {
                    analyzeRelation(context, heap, locked.get(), List.of(), target, analyze.verbose());
                }
            }
            return "ANALYZE";
        }
        for (Statement.AnalyzeTarget table : analyze.targets()) {
            RelationInfo relation = context.catalog().openRelation(context.transaction(), table.table().schema(),
                    table.table().name(), LockMode.SHARE_UPDATE_EXCLUSIVE).orElseThrow(() -> SqlException.of(
                    SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", table.table()));
            if (relation.kind() != 'r') {
                context.notices().notice(new SqlException(Severity.WARNING, SqlState.WRONG_OBJECT_TYPE,
                        "skipping \"%s\" --- cannot analyze non-tables or special system tables".formatted(
                                relation.name()), null, null, 0, null));
                continue;
            }
            analyzeRelation(context, heap, relation, columns(relation, table.columns()), target, analyze.verbose());
        }
        return "ANALYZE";
    }

    private static List<AttributeInfo> columns(RelationInfo relation, List<String> names) {
        List<AttributeInfo> columns = new ArrayList<>();
        for (String name : names) {
            AttributeInfo attribute = relation.attribute(name);
            if (attribute == null) {
                throw SqlException.of(SqlState.UNDEFINED_COLUMN, "column \"%s\" of relation \"%s\" does not exist",
                        name, relation.name());
            }
            if (columns.contains(attribute)) {
                throw SqlException.of(SqlState.DUPLICATE_COLUMN, "column \"%s\" of relation \"%s\" appears more than once",
                        name, relation.name());
            }
            columns.add(attribute);
        }
        return columns;
    }

    /** {@code do_analyze_rel} under pg_stat_progress_analyze. */
    private static void analyzeRelation(CommandContext context, HeapAccess heap, RelationInfo relation,
                                        List<AttributeInfo> requested, int target, boolean verbose) {
        org.woolly.pgstat.CommandProgress.start("ANALYZE", relation.oid());
        try {
            analyzeSampled(context, heap, relation, requested, target, verbose);
        } finally {
            org.woolly.pgstat.CommandProgress.end();
        }
    }

    private static void analyzeSampled(CommandContext context, HeapAccess heap, RelationInfo relation,
                                       List<AttributeInfo> requested, int target, boolean verbose) {
        if (verbose) {
            context.notices().notice(new SqlException(Severity.INFO, SqlState.SUCCESSFUL_COMPLETION,
                    "analyzing \"%s.%s\"".formatted(relation.namespaceName(), relation.name()), null, null, 0, null));
        }
        List<AttributeInfo> columns = requested.isEmpty() ? relation.attributes() : requested;
        int sampleSize = ROWS_PER_TARGET * target;
        Snapshot snapshot = context.transaction().takeSnapshot();
        int pages = heap.blockCount(relation.locator());
        org.woolly.pgstat.CommandProgress.update(org.woolly.pgstat.CommandProgress.ANALYZE_TOTAL_BLOCKS, pages);
        org.woolly.pgstat.CommandProgress.update(org.woolly.pgstat.CommandProgress.ANALYZE_PHASE,
                org.woolly.pgstat.CommandProgress.ANALYZE_PHASE_ACQUIRE_SAMPLE_ROWS);
        List<Object[]> sample = new ArrayList<>();
        long liveRows = 0;
        // a fixed seed: ANALYZE of unchanged data gives the same statistics, as tests and EXPLAIN output want
        Random random = new Random(relation.oid());
        try (HeapScan scan = heap.beginScan(relation.locator(), snapshot)) {
            for (HeapTuple tuple = scan.next(); tuple != null; tuple = scan.next()) {
                liveRows++;
                if (sample.size() < sampleSize) {
                    sample.add(new Object[] {tuple.tid(), tuple.body()});
                } else {
                    long slot = (long) (random.nextDouble() * liveRows);
                    if (slot < sampleSize) {
                        sample.set((int) slot, new Object[] {tuple.tid(), tuple.body()});
                    }
                }
            }
        }
        sample.sort((a, b) -> {
            var left = (Tid) a[0];
            var right = (Tid) b[0];
            int byBlock = Integer.compareUnsigned(left.block(), right.block());
            return byBlock != 0 ? byBlock : Integer.compare(left.offset(), right.offset());
        });
        List<Object[]> rows = new ArrayList<>(sample.size());
        for (Object[] entry : sample) {
            rows.add(TupleCodec.decode(relation.descriptor(), (byte[]) entry[1]));
        }
        double totalRows = liveRows;
        org.woolly.pgstat.CommandProgress.update(org.woolly.pgstat.CommandProgress.ANALYZE_BLOCKS_DONE, pages);
        org.woolly.pgstat.CommandProgress.update(org.woolly.pgstat.CommandProgress.ANALYZE_PHASE,
                org.woolly.pgstat.CommandProgress.ANALYZE_PHASE_COMPUTE_STATS);
        List<TableStatistics.Column> statistics = new ArrayList<>();
        for (AttributeInfo column : columns) {
            int index = relation.attributes().indexOf(column);
            List<Object> values = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                values.add(row[index]);
            }
            TableStatistics.Column computed = compute(context, relation.descriptor().get(index), column, values,
                    totalRows, target);
            if (computed != null) {
                statistics.add(fitted(computed));
            }
        }
        // do_analyze_rel counts the visibility map for relallvisible too
        org.woolly.pgstat.CommandProgress.update(org.woolly.pgstat.CommandProgress.ANALYZE_PHASE,
                org.woolly.pgstat.CommandProgress.ANALYZE_PHASE_FINALIZE_ANALYZE);
        int allVisible = Math.min(heap.visibilityCounts(relation.locator())[0], pages);
        context.catalog().storeStatistics(context.transaction(), relation, pages, totalRows, allVisible, statistics);
        if (context.maintenance() != null) {
            // the scan sees live rows only, so the dead-tuple estimate stays VACUUM's and the writers'
            context.maintenance().analyzed(relation.oid(), liveRows, -1);
        }
    }

    private static TableStatistics.Column compute(CommandContext context, Attribute attribute, AttributeInfo column,
                                                  List<Object> values, double totalRows, int target) {
        PgType type = context.types().type(column.typeOid());
        if (type == null) {
            return null;
        }
        var equality = PgOperatorData.find("=", column.typeOid(), column.typeOid());
        var lessThan = PgOperatorData.find("<", column.typeOid(), column.typeOid());
        // as std_typanalyze, the operators come from the type's btree operator class: path has = and <
        // (by point count) but no class, so no statistics
        if (equality == null || lessThan == null
                || !org.woolly.utils.adt.BuiltinTypes.hasBtreeOrdering(column.typeOid())) {
            return null;
        }
        TupleDescriptor single = new TupleDescriptor(List.of(attribute));
        return ColumnStatisticsBuilder.compute(column.number(), values, totalRows, target,
                context.types().comparator(column.typeOid()), attribute.length() > 0 ? attribute.length() : -1,
                value -> storedWidth(single, value), value -> type.io().output(value, context.formatSettings()),
                new ColumnStatisticsBuilder.Operators(equality.oid(), lessThan.oid()));
    }

    /**
     * Drops the histogram, then the most common values, while the pg_statistic row would not fit
     * in a heap page: PostgreSQL moves such arrays out of line (TOAST), which Woolly's heap does
     * not do yet, so a column of long values keeps its null fraction, width, distinct count and
     * correlation only.
     */
    static TableStatistics.Column fitted(TableStatistics.Column column) {
        TableStatistics.Column result = column;
        for (int kind : new int[] {TableStatistics.KIND_HISTOGRAM, TableStatistics.KIND_MCV}) {
            if (arrayBytes(result) <= STATISTICS_ROW_BUDGET) {
                break;
            }
            int dropped = kind;
            result = new TableStatistics.Column(result.attnum(), result.nullFraction(), result.width(),
                    result.distinct(), result.slots().stream().filter(slot -> slot.kind() != dropped).toList());
        }
        return result;
    }

    /** Room for a pg_statistic row's arrays (pg_stats holds them again), well inside a heap tuple's limit. */
    static final int STATISTICS_ROW_BUDGET = 3500;

    private static int arrayBytes(TableStatistics.Column column) {
        int bytes = 0;
        for (TableStatistics.Slot slot : column.slots()) {
            if (slot.values() != null) {
                for (String value : slot.values()) {
                    bytes += value == null ? 5 : value.getBytes(StandardCharsets.UTF_8).length + 3;
                }
            }
            if (slot.numbers() != null) {
                bytes += slot.numbers().length * 12;
            }
        }
        return bytes;
    }

    /** {@code VARSIZE_ANY} of the value as the heap stores it: 1-byte header up to 126 bytes of data, else 4. */
    private static int storedWidth(TupleDescriptor single, Object value) {
        int encoded = TupleCodec.encode(single, new Object[] {value}).length - 2;
        return encoded <= 127 ? encoded : encoded - 2;
    }
}
