package org.woolly.catalog;

import java.util.ArrayList;
import java.util.List;
import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.Transaction;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.utils.adt.ArrayLiteral;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.adt.TypeOids;

import static org.woolly.catalog.CatalogDefinitions.PG_CLASS;
import static org.woolly.catalog.CatalogDefinitions.PG_STATISTIC;
import static org.woolly.catalog.CatalogDefinitions.PG_STATS;
import static org.woolly.catalog.CatalogDefinitions.STATISTIC_SLOTS;

/**
 * Reads and writes ANALYZE's results: pg_statistic rows ({@code update_attstats} in
 * {@code analyze.c}), the matching pg_stats rows, and pg_class.relpages/reltuples
 * ({@code vac_update_relstats}). The change is a catalog change of the relation, so the
 * transaction's own later statements and, once it commits, every session's plans see it.
 */
final class StatisticsRows {
    private final SystemCatalog system;
    private final int databaseOid;

    StatisticsRows(SystemCatalog system, int databaseOid) {
        this.system = system;
        this.databaseOid = databaseOid;
    }

    static TableStatistics.Column column(CatalogRow row) {
        List<TableStatistics.Slot> slots = new ArrayList<>();
        for (int slot = 1; slot <= STATISTIC_SLOTS; slot++) {
            short kind = row.getShort("stakind" + slot);
            if (kind == 0) {
                continue;
            }
            String numbers = row.getString("stanumbers" + slot);
            String values = row.getString("stavalues" + slot);
            slots.add(new TableStatistics.Slot(kind, row.getOid("staop" + slot),
                    numbers == null ? null : ArrayLiteral.parse(numbers).stream().mapToDouble(Double::parseDouble).toArray(),
                    values == null ? null : ArrayLiteral.parse(values)));
        }
        return new TableStatistics.Column(row.getShort("staattnum"), ((Number) row.get("stanullfrac")).doubleValue(),
                row.getInt("stawidth"), ((Number) row.get("stadistinct")).doubleValue(), List.copyOf(slots));
    }

    /**
     * Replaces the statistics of the given columns of {@code relation} and records its size.
     * ANALYZE holds SHARE UPDATE EXCLUSIVE on the relation, so two ANALYZEs of one table do not
     * overlap.
     */
    void store(Transaction tx, RelationInfo relation, int relpages, double reltuples, int relallvisible,
               List<TableStatistics.Column> columns) {
        CatalogRow classRow = RelationDdl.lockForChange(system, databaseOid, tx, relation,
                LockMode.SHARE_UPDATE_EXCLUSIVE);
        Snapshot snapshot = tx.takeSnapshot();
        CatalogHeap heap = system.heap();
        Object[] classValues = classRow.values().clone();
        classValues[PG_CLASS.column("relpages")] = relpages;
        classValues[PG_CLASS.column("reltuples")] = (float) reltuples;
        if (relallvisible >= 0) {
            classValues[PG_CLASS.column("relallvisible")] = relallvisible;
        }
        heap.update(classRow, databaseOid, classValues, tx, snapshot);
        List<Integer> replaced = columns.stream().map(TableStatistics.Column::attnum).toList();
        for (CatalogRow row : heap.scan(PG_STATISTIC, databaseOid, snapshot, row -> row.getOid("starelid")
                == relation.oid() && replaced.contains((int) row.getShort("staattnum")))) {
            heap.delete(row, databaseOid, tx, snapshot);
        }
        List<String> names = new ArrayList<>();
        for (TableStatistics.Column column : columns) {
            names.add(attributeName(relation, column.attnum()));
        }
        for (CatalogRow row : heap.scan(PG_STATS, databaseOid, snapshot, row -> row.getString("schemaname")
                .equals(relation.namespaceName()) && row.getString("tablename").equals(relation.name())
                && names.contains(row.getString("attname")))) {
            heap.delete(row, databaseOid, tx, snapshot);
        }
        for (TableStatistics.Column column : columns) {
            heap.insert(PG_STATISTIC, databaseOid, statisticValues(relation.oid(), column), tx);
            heap.insert(PG_STATS, databaseOid, statsValues(relation, column), tx);
        }
        tx.incrementCommandId();
    }

    /**
     * {@code vac_update_relstats}: the relation's pg_class row, as the VACUUM's snapshot sees
     * it, overwritten in place ({@link CatalogHeap#updateInPlace}). The caller holds SHARE UPDATE
     * EXCLUSIVE on the relation (or VACUUM's database-wide pass over the catalogs), which keeps
     * DDL that would write a new version of the row away.
     */
    void updateInPlace(Transaction tx, RelationInfo relation, int relpages, double reltuples, int relallvisible,
                       long frozenXid) {
        List<CatalogRow> rows = system.heap().scan(PG_CLASS, databaseOid, tx.takeSnapshot(),
                row -> row.getOid("oid") == relation.oid());
        if (rows.isEmpty()) {
            return;
        }
        CatalogRow classRow = rows.getFirst();
        Object[] values = classRow.values().clone();
        if (relpages >= 0) {
            values[PG_CLASS.column("relpages")] = relpages;
        }
        if (reltuples >= 0) {
            values[PG_CLASS.column("reltuples")] = (float) reltuples;
        }
        if (relallvisible >= 0) {
            values[PG_CLASS.column("relallvisible")] = relallvisible;
        }
        if (frozenXid > classRow.getXid("relfrozenxid")) {
            values[PG_CLASS.column("relfrozenxid")] = frozenXid;
        }
        if (!java.util.Arrays.equals(values, classRow.values())) {
            system.heap().updateInPlace(classRow, databaseOid, values);
            system.noteInplaceUpdate(relation.oid());
        }
    }

    /** Deletes a dropped relation's pg_statistic and pg_stats rows. */
    void delete(Transaction tx, Snapshot snapshot, RelationInfo relation) {
        CatalogHeap heap = system.heap();
        for (CatalogRow row : heap.scan(PG_STATISTIC, databaseOid, snapshot,
                row -> row.getOid("starelid") == relation.oid())) {
            heap.delete(row, databaseOid, tx, snapshot);
        }
        for (CatalogRow row : heap.scan(PG_STATS, databaseOid, snapshot, row -> row.getString("schemaname")
                .equals(relation.namespaceName()) && row.getString("tablename").equals(relation.name()))) {
            heap.delete(row, databaseOid, tx, snapshot);
        }
    }

    private static String attributeName(RelationInfo relation, int attnum) {
        for (AttributeInfo attribute : relation.attributes()) {
            if (attribute.number() == attnum) {
                return attribute.name();
            }
        }
        throw new IllegalArgumentException("no column " + attnum + " in " + relation.name());
    }

    private static Object[] statisticValues(int relationOid, TableStatistics.Column column) {
        RowBuilder row = new RowBuilder(PG_STATISTIC).set("starelid", relationOid)
                .set("staattnum", (short) column.attnum()).set("stainherit", false)
                .set("stanullfrac", (float) column.nullFraction()).set("stawidth", column.width())
                .set("stadistinct", (float) column.distinct());
        for (int slot = 1; slot <= STATISTIC_SLOTS; slot++) {
            TableStatistics.Slot content = slot <= column.slots().size() ? column.slots().get(slot - 1) : null;
            row.set("stakind" + slot, (short) (content == null ? 0 : content.kind()))
                    .set("staop" + slot, content == null ? 0 : content.operator())
                    .set("stacoll" + slot, 0)
                    .set("stanumbers" + slot, content == null ? null : numbers(content.numbers()))
                    .set("stavalues" + slot, content == null || content.values() == null ? null
                            : ArrayLiteral.format(content.values()));
        }
        return row.build();
    }

    private static Object[] statsValues(RelationInfo relation, TableStatistics.Column column) {
        TableStatistics.Slot mcv = column.slot(TableStatistics.KIND_MCV);
        TableStatistics.Slot histogram = column.slot(TableStatistics.KIND_HISTOGRAM);
        TableStatistics.Slot correlation = column.slot(TableStatistics.KIND_CORRELATION);
        return new RowBuilder(PG_STATS).set("schemaname", relation.namespaceName()).set("tablename", relation.name())
                .set("attname", attributeName(relation, column.attnum())).set("inherited", false)
                .set("null_frac", (float) column.nullFraction()).set("avg_width", column.width())
                .set("n_distinct", (float) column.distinct())
                .set("most_common_vals", mcv == null ? null : ArrayLiteral.format(mcv.values()))
                .set("most_common_freqs", mcv == null ? null : numbers(mcv.numbers()))
                .set("histogram_bounds", histogram == null ? null : ArrayLiteral.format(histogram.values()))
                .set("correlation", correlation == null ? null : (float) correlation.numbers()[0])
                .build();
    }

    /** A float4[]'s text: each number as float4 output prints it (shortest form that reads back). */
    private static String numbers(double[] numbers) {
        if (numbers == null) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (double number : numbers) {
            texts.add(BuiltinTypes.byOid(TypeOids.FLOAT4).io().output((float) number, FormatSettings.DEFAULT));
        }
        return ArrayLiteral.format(texts);
    }
}
