package org.woolly.postmaster;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.woolly.tcop.SessionEngine;

/**
 * What postgres_exporter collects by default, read with SQL from the statistics views of one
 * session and written in the Prometheus text exposition format (version 0.0.4): {@code pg_up},
 * {@code pg_stat_activity_count} by database and state, the {@code pg_stat_database_*} and
 * {@code pg_stat_bgwriter_*} counters, and {@code pg_settings_*} for every numeric or boolean
 * setting, in base units (bytes, seconds) as the exporter converts them. Metric names and labels
 * are the exporter's, so its dashboards work unchanged.
 */
final class PrometheusMetrics {
    private static final List<String> STATES = List.of("active", "idle", "idle in transaction",
            "idle in transaction (aborted)", "fastpath function call", "disabled");
    private static final List<String> DATABASE_COUNTERS = List.of("numbackends", "xact_commit", "xact_rollback",
            "blks_read", "blks_hit", "tup_returned", "tup_fetched", "tup_inserted", "tup_updated", "tup_deleted",
            "conflicts", "temp_files", "temp_bytes", "deadlocks", "blk_read_time", "blk_write_time");
    private static final List<String> BGWRITER_COUNTERS = List.of("checkpoints_timed", "checkpoints_req",
            "checkpoint_write_time", "checkpoint_sync_time", "buffers_checkpoint", "buffers_clean",
            "maxwritten_clean", "buffers_backend", "buffers_backend_fsync", "buffers_alloc");

    private final StringBuilder out = new StringBuilder();

    private PrometheusMetrics() {}

    /** The page for a server that answered none of the queries: only {@code pg_up 0}. */
    static String down() {
        PrometheusMetrics metrics = new PrometheusMetrics();
        metrics.family("pg_up", "gauge", "Whether the last scrape of the server was able to connect.");
        metrics.sample("pg_up", "", 0);
        return metrics.out.toString();
    }

    /** Every metric, read through {@code session}. */
    static String collect(SessionEngine session) {
        PrometheusMetrics metrics = new PrometheusMetrics();
        metrics.family("pg_up", "gauge", "Whether the last scrape of the server was able to connect.");
        metrics.sample("pg_up", "", 1);
        metrics.activity(session);
        metrics.databases(session);
        metrics.backgroundWriter(session);
        metrics.settings(session);
        return metrics.out.toString();
    }

    private void activity(SessionEngine session) {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        for (Object[] row : AutovacuumWorker.execute(session, "SELECT datname FROM pg_database "
                + "WHERE datallowconn")) {
            Map<String, Long> byState = new TreeMap<>();
            STATES.forEach(state -> byState.put(state, 0L));
            counts.put((String) row[0], byState);
        }
        for (Object[] row : AutovacuumWorker.execute(session, "SELECT datname, state, count(*) FROM pg_stat_activity "
                + "WHERE datname IS NOT NULL AND state IS NOT NULL GROUP BY datname, state")) {
            counts.computeIfAbsent((String) row[0], ignored -> new TreeMap<>())
                    .merge((String) row[1], ((Number) row[2]).longValue(), Long::sum);
        }
        family("pg_stat_activity_count", "gauge", "number of connections in this state");
        counts.forEach((database, byState) -> byState.forEach((state, count) -> sample("pg_stat_activity_count",
                labels("datname", database, "state", state), count)));
    }

    private void databases(SessionEngine session) {
        List<Object[]> rows = AutovacuumWorker.execute(session, "SELECT datid, datname, "
                + String.join(", ", DATABASE_COUNTERS)
                + ", extract(epoch from stats_reset) FROM pg_stat_database WHERE datname IS NOT NULL ORDER BY datname");
        for (int column = 0; column < DATABASE_COUNTERS.size(); column++) {
            String name = "pg_stat_database_" + DATABASE_COUNTERS.get(column);
            family(name, column == 0 ? "gauge" : "counter", DATABASE_COUNTERS.get(column) + " of pg_stat_database");
            for (Object[] row : rows) {
                sample(name, labels("datid", String.valueOf(row[0]), "datname", (String) row[1]), row[column + 2]);
            }
        }
        family("pg_stat_database_stats_reset", "gauge", "Time at which these statistics were last reset");
        for (Object[] row : rows) {
            sample("pg_stat_database_stats_reset", labels("datid", String.valueOf(row[0]), "datname",
                    (String) row[1]), row[row.length - 1]);
        }
    }

    private void backgroundWriter(SessionEngine session) {
        Object[] row = AutovacuumWorker.execute(session, "SELECT " + String.join(", ", BGWRITER_COUNTERS)
                + ", extract(epoch from stats_reset) FROM pg_stat_bgwriter").getFirst();
        for (int column = 0; column < BGWRITER_COUNTERS.size(); column++) {
            String name = "pg_stat_bgwriter_" + BGWRITER_COUNTERS.get(column) + "_total";
            family(name, "counter", BGWRITER_COUNTERS.get(column) + " of pg_stat_bgwriter");
            sample(name, "", row[column]);
        }
        family("pg_stat_bgwriter_stats_reset_total", "counter", "Time at which these statistics were last reset");
        sample("pg_stat_bgwriter_stats_reset_total", "", row[row.length - 1]);
    }

    private void settings(SessionEngine session) {
        for (Object[] row : AutovacuumWorker.execute(session, "SELECT name, setting, unit, vartype, short_desc "
                + "FROM pg_settings WHERE vartype IN ('bool', 'integer', 'real') ORDER BY name")) {
            String unit = row[2] == null ? "" : (String) row[2];
            String setting = (String) row[1];
            double value;
            if ("bool".equals(row[3])) {
                value = "on".equals(setting) ? 1 : 0;
            } else {
                try {
                    value = Double.parseDouble(setting);
                } catch (NumberFormatException notNumeric) {
                    continue;
                }
            }
            String suffix = "";
            switch (unit) {
                case "B" -> suffix = "_bytes";
                case "kB" -> {
                    value *= 1024;
                    suffix = "_bytes";
                }
                case "8kB" -> {
                    value *= 8192;
                    suffix = "_bytes";
                }
                case "MB" -> {
                    value *= 1024 * 1024;
                    suffix = "_bytes";
                }
                case "ms" -> {
                    value = value < 0 ? value : value / 1000;
                    suffix = "_seconds";
                }
                case "s" -> suffix = "_seconds";
                case "min" -> {
                    value = value < 0 ? value : value * 60;
                    suffix = "_seconds";
                }
                default -> { }
            }
            String name = "pg_settings_" + ((String) row[0]).toLowerCase(Locale.ROOT).replace('.', '_') + suffix;
            family(name, "gauge", row[4] == null ? "Server Parameter: " + row[0] : "Server Parameter: " + row[4]);
            sample(name, "", value);
        }
    }

    private void family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n"))
                .append('\n').append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(String name, String labels, Object value) {
        out.append(name).append(labels).append(' ').append(number(value)).append('\n');
    }

    private static String number(Object value) {
        if (value == null) {
            return "NaN";
        }
        if (value instanceof Double d) {
            return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15
                    ? Long.toString(d.longValue()) : Double.toString(d);
        }
        return value.toString();
    }

    /** {@code {a="x",b="y"}} with the exposition format's escapes. */
    private static String labels(String... namesAndValues) {
        StringBuilder labels = new StringBuilder("{");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            labels.append(i == 0 ? "" : ",").append(namesAndValues[i]).append("=\"")
                    .append(namesAndValues[i + 1].replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
                    .append('"');
        }
        return labels.append('}').toString();
    }
}
