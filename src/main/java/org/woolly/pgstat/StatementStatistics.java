package org.woolly.pgstat;

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
 * top-level flag, holding the first normalized text seen and the execution counters. An entry
 * is updated under its own monitor (PostgreSQL's per-entry spinlock); the table itself is a
 * concurrent map, so backends running different statements never wait on each other.
 *
 * <p>When a new entry would exceed {@code pg_stat_statements.max}, the least used 5% are
 * dropped first ({@code entry_dealloc}, usage being the number of calls here) and
 * {@code pg_stat_statements_info.dealloc} counts it.
 */
public final class StatementStatistics {

    /** The hash key: {@code pgssHashKey}. */
    public record Key(int userOid, int databaseOid, long queryId, boolean topLevel) {}

    /** A consistent copy of one entry for the view. */
    public record Row(Key key, String query, long calls, double totalMillis, double minMillis, double maxMillis,
                      double meanMillis, double stddevMillis, long rows, long sharedBlocksHit,
                      long sharedBlocksRead) {}

    private static final double DEALLOC_FRACTION = 0.05;

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private volatile long deallocations;
    private volatile long resetMicros = BackendStatus.nowMicros();

    /** One entry's counters ({@code Counters}); the running variance by Welford's method, as pgss_store does. */
    private static final class Entry {
        final String query;
        long calls;
        double totalMillis;
        double minMillis;
        double maxMillis;
        double meanMillis;
        double sumVarianceMillis;
        long rows;
        long sharedBlocksHit;
        long sharedBlocksRead;

        Entry(String query) {
            this.query = query;
        }

        synchronized void add(double millis, long rowCount, long hits, long reads) {
            calls++;
            totalMillis += millis;
            if (calls == 1) {
                minMillis = millis;
                maxMillis = millis;
                meanMillis = millis;
            } else {
                double oldMean = meanMillis;
                meanMillis += (millis - oldMean) / calls;
                sumVarianceMillis += (millis - oldMean) * (millis - meanMillis);
                minMillis = Math.min(minMillis, millis);
                maxMillis = Math.max(maxMillis, millis);
            }
            rows += rowCount;
            sharedBlocksHit += hits;
            sharedBlocksRead += reads;
        }

        synchronized Row row(Key key) {
            double stddev = calls > 1 ? Math.sqrt(sumVarianceMillis / calls) : 0.0;
            return new Row(key, query, calls, totalMillis, minMillis, maxMillis, meanMillis, stddev, rows,
                    sharedBlocksHit, sharedBlocksRead);
        }

        synchronized long calls() {
            return calls;
        }
    }

    /**
     * {@code pgss_store}: one finished execution of the statement whose normalized text
     * {@code normalizedText} gives (asked only when the entry is new, as pgss_store calls
     * {@code generate_normalized_query} only then), {@code max} the {@code pg_stat_statements.max} setting.
     */
    public void record(Key key, Supplier<String> normalizedText, double millis, long rows, long blocksHit,
                       long blocksRead, int max) {
        Entry entry = entries.get(key);
        if (entry == null) {
            if (entries.size() >= max) {
                deallocate(max);
            }
            entry = entries.computeIfAbsent(key, ignored -> new Entry(normalizedText.get()));
        }
        entry.add(millis, rows, blocksHit, blocksRead);
    }

    private synchronized void deallocate(int max) {
        if (entries.size() < max) {
            return;
        }
        List<Map.Entry<Key, Entry>> byUse = new ArrayList<>(entries.entrySet());
        byUse.sort(Comparator.comparingLong(e -> e.getValue().calls()));
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

    /** The lines {@link ServerStatistics#save} writes: one per entry, the text last (it may hold spaces). */
    List<String> persistentLines() {
        List<String> lines = new ArrayList<>();
        lines.add("statements_info dealloc=" + deallocations + " stats_reset=" + resetMicros);
        for (Row row : rows()) {
            Key key = row.key();
            lines.add("statement " + key.userOid() + ' ' + key.databaseOid() + ' ' + key.queryId() + ' '
                    + key.topLevel() + ' ' + row.calls() + ' ' + row.totalMillis() + ' ' + row.minMillis() + ' '
                    + row.maxMillis() + ' ' + row.meanMillis() + ' ' + row.stddevMillis() * row.stddevMillis()
                    * row.calls() + ' ' + row.rows() + ' ' + row.sharedBlocksHit() + ' ' + row.sharedBlocksRead()
                    + ' ' + escape(row.query()));
        }
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
        if (!line.startsWith("statement ")) {
            return false;
        }
        String[] parts = line.split(" ", 15);
        Key key = new Key(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), Long.parseLong(parts[3]),
                Boolean.parseBoolean(parts[4]));
        Entry entry = new Entry(unescape(parts[14]));
        entry.calls = Long.parseLong(parts[5]);
        entry.totalMillis = Double.parseDouble(parts[6]);
        entry.minMillis = Double.parseDouble(parts[7]);
        entry.maxMillis = Double.parseDouble(parts[8]);
        entry.meanMillis = Double.parseDouble(parts[9]);
        entry.sumVarianceMillis = Double.parseDouble(parts[10]);
        entry.rows = Long.parseLong(parts[11]);
        entry.sharedBlocksHit = Long.parseLong(parts[12]);
        entry.sharedBlocksRead = Long.parseLong(parts[13]);
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
