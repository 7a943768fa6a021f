package org.woolly.pgstat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The shared table behind {@code pg_stat_statements} ({@code contrib/pg_stat_statements}'s
 * {@code pgssHashKey} / {@code pgssEntry}): one entry per user, database, query id and
 * top-level flag, holding the first normalized text seen and the counters. An entry is updated
 * under its own monitor (PostgreSQL's per-entry spinlock); the table itself is a concurrent map,
 * so backends running different statements never wait on each other.
 *
 * <p>An execution adds its time, rows and the backend's {@link ResourceUsage} during it
 * ({@code PGSS_EXEC}); with {@code pg_stat_statements.track_planning} a planning adds its time
 * and usage too ({@code PGSS_PLAN}). When a new entry would exceed {@code pg_stat_statements.max},
 * the least used 5% are dropped first ({@code entry_dealloc}, usage being the number of calls and
 * plans here) and {@code pg_stat_statements_info.dealloc} counts it.
 */
public final class StatementStatistics {

    /** The hash key: {@code pgssHashKey}. */
    public record Key(int userOid, int databaseOid, long queryId, boolean topLevel) {}

    /**
     * A consistent copy of one entry for the view: its counters by pg_stat_statements column
     * name (Long, Double, wal_bytes a BigDecimal), in the view's order.
     */
    public record Row(Key key, String query, Map<String, Object> columns) {}

    /** The bigint columns a {@link ResourceUsage.Counts} fills, in the view's order. */
    private static final List<String> BLOCK_COLUMNS = List.of("shared_blks_hit", "shared_blks_read",
            "shared_blks_dirtied", "shared_blks_written", "local_blks_hit", "local_blks_read", "local_blks_dirtied",
            "local_blks_written", "temp_blks_read", "temp_blks_written");

    private static final double DEALLOC_FRACTION = 0.05;

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private volatile long deallocations;
    private volatile long resetMicros = BackendStatus.nowMicros();

    /** Calls and their times ({@code total_time}, {@code min_time}...), the variance by Welford's method as pgss_store. */
    private static final class Timing {
        long count;
        double total;
        double min;
        double max;
        double mean;
        double sumVariance;

        void add(double millis) {
            count++;
            total += millis;
            if (count == 1) {
                min = millis;
                max = millis;
                mean = millis;
            } else {
                double oldMean = mean;
                mean += (millis - oldMean) / count;
                sumVariance += (millis - oldMean) * (millis - mean);
                min = Math.min(min, millis);
                max = Math.max(max, millis);
            }
        }

        void put(Map<String, Object> columns, String countColumn, String kind) {
            columns.put(countColumn, count);
            columns.put("total_" + kind + "_time", total);
            columns.put("min_" + kind + "_time", min);
            columns.put("max_" + kind + "_time", max);
            columns.put("mean_" + kind + "_time", mean);
            columns.put("stddev_" + kind + "_time", count > 1 ? Math.sqrt(sumVariance / count) : 0.0);
        }

        String persistent() {
            return count + "," + total + "," + min + "," + max + "," + mean + "," + sumVariance;
        }

        void restore(String text) {
            String[] parts = text.split(",");
            count = Long.parseLong(parts[0]);
            total = Double.parseDouble(parts[1]);
            min = Double.parseDouble(parts[2]);
            max = Double.parseDouble(parts[3]);
            mean = Double.parseDouble(parts[4]);
            sumVariance = Double.parseDouble(parts[5]);
        }
    }

    /** One entry's counters ({@code Counters}). */
    private static final class Entry {
        final String query;
        final Timing plans = new Timing();
        final Timing calls = new Timing();
        long rows;
        ResourceUsage.Counts usage = ResourceUsage.Counts.ZERO;

        Entry(String query) {
            this.query = query;
        }

        synchronized void addExecution(double millis, long rowCount, ResourceUsage.Counts used) {
            calls.add(millis);
            rows += rowCount;
            usage = usage.plus(used);
        }

        synchronized void addPlanning(double millis, ResourceUsage.Counts used) {
            plans.add(millis);
            usage = usage.plus(used);
        }

        synchronized Row row(Key key) {
            Map<String, Object> columns = new LinkedHashMap<>();
            plans.put(columns, "plans", "plan");
            calls.put(columns, "calls", "exec");
            columns.put("rows", rows);
            long[] blocks = {usage.sharedHit(), usage.sharedRead(), usage.sharedDirtied(), usage.sharedWritten(),
                usage.localHit(), usage.localRead(), usage.localDirtied(), usage.localWritten(), usage.tempRead(),
                usage.tempWritten()};
            for (int i = 0; i < blocks.length; i++) {
                columns.put(BLOCK_COLUMNS.get(i), blocks[i]);
            }
            columns.put("blk_read_time", usage.readNanos() / 1_000_000.0);
            columns.put("blk_write_time", usage.writeNanos() / 1_000_000.0);
            columns.put("wal_records", usage.walRecords());
            columns.put("wal_fpi", usage.walFullPageImages());
            columns.put("wal_bytes", BigDecimal.valueOf(usage.walBytes()));
            return new Row(key, query, columns);
        }

        synchronized long use() {
            return calls.count + plans.count;
        }

        synchronized String persistent() {
            ResourceUsage.Counts u = usage;
            return plans.persistent() + ' ' + calls.persistent() + ' ' + rows + ' ' + u.sharedHit() + ','
                    + u.sharedRead() + ',' + u.sharedDirtied() + ',' + u.sharedWritten() + ',' + u.localHit() + ','
                    + u.localRead() + ',' + u.localDirtied() + ',' + u.localWritten() + ',' + u.tempRead() + ','
                    + u.tempWritten() + ',' + u.readNanos() + ',' + u.writeNanos() + ',' + u.walRecords() + ','
                    + u.walFullPageImages() + ',' + u.walBytes();
        }

        void restore(String planText, String callText, String rowText, String usageText) {
            plans.restore(planText);
            calls.restore(callText);
            rows = Long.parseLong(rowText);
            long[] u = java.util.Arrays.stream(usageText.split(",")).mapToLong(Long::parseLong).toArray();
            usage = new ResourceUsage.Counts(u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10],
                    u[11], u[12], u[13], u[14]);
        }
    }

    /**
     * {@code pgss_store} for an execution: the normalized text {@code normalizedText} gives is
     * asked for only when the entry is new (pgss_store calls {@code generate_normalized_query}
     * only then), {@code max} the {@code pg_stat_statements.max} setting.
     */
    public void recordExecution(Key key, Supplier<String> normalizedText, double millis, long rows, ResourceUsage.Counts usage,
                                int max) {
        entry(key, normalizedText, max).addExecution(millis, rows, usage);
    }

    /** {@code pgss_store} for a planning ({@code pgss_planner}, with track_planning on). */
    public void recordPlanning(Key key, Supplier<String> normalizedText, double millis, ResourceUsage.Counts usage, int max) {
        entry(key, normalizedText, max).addPlanning(millis, usage);
    }

    private Entry entry(Key key, Supplier<String> normalizedText, int max) {
        Entry entry = entries.get(key);
        if (entry == null) {
            if (entries.size() >= max) {
                deallocate(max);
            }
            entry = entries.computeIfAbsent(key, ignored -> new Entry(normalizedText.get()));
        }
        return entry;
    }

    private synchronized void deallocate(int max) {
        if (entries.size() < max) {
            return;
        }
        List<Map.Entry<Key, Entry>> byUse = new ArrayList<>(entries.entrySet());
        byUse.sort(Comparator.comparingLong(e -> e.getValue().use()));
        int drop = Math.max(1, (int) Math.ceil(byUse.size() * DEALLOC_FRACTION));
        for (int i = 0; i < drop && i < byUse.size(); i++) {
            entries.remove(byUse.get(i).getKey());
        }
        deallocations++;
    }

    /** Every entry, copied. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>(entries.size());
        entries.forEach((key, entry) -> rows.add(entry.row(key)));
        return rows;
    }

    /**
     * {@code pg_stat_statements_reset(userid, dbid, queryid)}: a zero argument matches any value.
     * Resetting everything also resets {@code pg_stat_statements_info}.
     */
    public void reset(int userOid, int databaseOid, long queryId) {
        entries.keySet().removeIf(key -> (userOid == 0 || key.userOid() == userOid)
                && (databaseOid == 0 || key.databaseOid() == databaseOid)
                && (queryId == 0 || key.queryId() == queryId));
        if (userOid == 0 && databaseOid == 0 && queryId == 0) {
            deallocations = 0;
            resetMicros = BackendStatus.nowMicros();
        }
    }

    /** {@code pg_stat_statements_info.dealloc}. */
    public long deallocations() {
        return deallocations;
    }

    /** {@code pg_stat_statements_info.stats_reset}, microseconds since 2000-01-01. */
    public long resetMicros() {
        return resetMicros;
    }

    private static final String ENTRY_LINE = "statement_entry ";

    /** The lines {@link ServerStatistics#save} writes: one per entry, the text last (it may hold spaces). */
    List<String> persistentLines() {
        List<String> lines = new ArrayList<>();
        lines.add("statements_info dealloc=" + deallocations + " stats_reset=" + resetMicros);
        entries.forEach((key, entry) -> lines.add(ENTRY_LINE + key.userOid() + ' ' + key.databaseOid() + ' '
                + key.queryId() + ' ' + key.topLevel() + ' ' + entry.persistent() + ' ' + escape(entry.query)));
        return lines;
    }

    /** Reads back one line of {@link #persistentLines}; false when it is not one. */
    boolean restoreLine(String line) {
        if (line.startsWith("statements_info ")) {
            Map<String, Long> values = new LinkedHashMap<>();
            for (String part : line.substring("statements_info ".length()).split(" ")) {
                int equals = part.indexOf('=');
                values.put(part.substring(0, equals), Long.parseLong(part.substring(equals + 1)));
            }
            deallocations = values.getOrDefault("dealloc", 0L);
            resetMicros = values.getOrDefault("stats_reset", resetMicros);
            return true;
        }
        if (line.startsWith("statement ")) {
            // an earlier build's format, without the block and WAL counters: not kept
            return true;
        }
        if (!line.startsWith(ENTRY_LINE)) {
            return false;
        }
        String[] parts = line.substring(ENTRY_LINE.length()).split(" ", 9);
        Key key = new Key(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Long.parseLong(parts[2]),
                Boolean.parseBoolean(parts[3]));
        Entry entry = new Entry(unescape(parts[8]));
        entry.restore(parts[4], parts[5], parts[6], parts[7]);
        entries.put(key, entry);
        return true;
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
