package org.woolly.pgstat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statistics of one running server: the activity table and the cumulative counters
 * ({@code pgstat.c}'s shared memory). At a clean shutdown {@link #save} writes the counters to
 * {@code pg_stat/pgstat.stat}; the next start reads them back with {@link #restore} and removes
 * the file, so that a crash afterwards finds none; after crash recovery the file is removed
 * unread ({@code pgstat_discard_stats}): the counters restart from zero, as in PostgreSQL 15.
 *
 * <p>File format (text, one line per entry): {@code database <oid> name=value ...} and
 * {@code relation <database oid> <relation oid> name=value ...} and
 * {@code blocks <database oid> <relfilenode> hits=N reads=N} and
 * {@code bgwriter name=value ...} and {@code wal name=value ...}, after a first line
 * {@code woolly pgstat 1}; then, with
 * {@code pg_stat_statements.save} on, the pg_stat_statements entries
 * ({@link StatementStatistics#persistentLines}).
 */
public final class ServerStatistics {
    static final String DIRECTORY = "pg_stat";
    static final String FILE = "pgstat.stat";
    private static final String HEADER = "woolly pgstat 1";

    private final BackendStatusTable activity = new BackendStatusTable();
    private final DatabaseStatistics databases = new DatabaseStatistics();
    private final BackgroundWriterStatistics backgroundWriter = new BackgroundWriterStatistics();
    private final RelationStatistics relations = new RelationStatistics();
    private final StatementStatistics statements = new StatementStatistics();
    /** {@code pg_stat_statements.save}, as the sessions last saw it. */
    private volatile boolean saveStatements = true;

    private volatile WalStatistics wal = new WalStatistics();

    /** The WAL's counters this server's pg_stat_wal shows (a fresh set when there is no WAL). */
    public void wal(WalStatistics counters) {
        wal = counters == null ? new WalStatistics() : counters;
    }

    public WalStatistics wal() {
        return wal;
    }

    public RelationStatistics relations() {
        return relations;
    }

    /** The table behind pg_stat_statements. */
    public StatementStatistics statements() {
        return statements;
    }

    /** {@code pg_stat_statements.save}: whether {@link #save} writes the statements' entries. */
    public void saveStatements(boolean save) {
        if (saveStatements != save) {
            saveStatements = save;
        }
    }

    public BackendStatusTable activity() {
        return activity;
    }

    public DatabaseStatistics databases() {
        return databases;
    }

    public BackgroundWriterStatistics backgroundWriter() {
        return backgroundWriter;
    }

    /**
     * At start: after a clean shutdown, takes the counters the file holds; after crash recovery,
     * none. Either way the file is gone afterwards. A file that cannot be read is ignored.
     */
    public void restore(Path dataDirectory, boolean afterCrashRecovery) {
        Path file = dataDirectory.resolve(DIRECTORY).resolve(FILE);
        try {
            if (!afterCrashRecovery && Files.exists(file)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (!lines.isEmpty() && lines.getFirst().equals(HEADER)) {
                    for (String line : lines.subList(1, lines.size())) {
                        restoreLine(line);
                    }
                }
            }
            Files.deleteIfExists(file);
        } catch (IOException | RuntimeException e) {
            // PostgreSQL logs "corrupted statistics file" and starts from zero; so does Woolly
            org.woolly.utils.error.ServerLog.log(org.woolly.utils.error.Severity.LOG,
                    "corrupted statistics file \"" + DIRECTORY + "/" + FILE + "\"");
        }
    }

    private void restoreLine(String line) {
        if (statements.restoreLine(line)) {
            return;
        }
        String[] parts = line.split(" ");
        if (parts[0].equals("database") && parts.length >= 2) {
            databases.restore(Integer.parseInt(parts[1]), values(parts, 2));
        } else if (parts[0].equals("relation") && parts.length >= 3) {
            relations.restore(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), values(parts, 3));
        } else if (parts[0].equals("bgwriter")) {
            backgroundWriter.restore(values(parts, 1));
        } else if (parts[0].equals("wal")) {
            wal.restore(values(parts, 1));
        } else if (parts[0].equals("blocks") && parts.length >= 3) {
            Map<String, Long> counts = values(parts, 3);
            databases.blockCounters().restore(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                    counts.getOrDefault("hits", 0L), counts.getOrDefault("reads", 0L));
        }
    }

    private static Map<String, Long> values(String[] parts, int from) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (int i = from; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            if (equals > 0) {
                values.put(parts[i].substring(0, equals), Long.parseLong(parts[i].substring(equals + 1)));
            }
        }
        return values;
    }

    /** At a clean shutdown: writes the counters (temporary file, then rename). */
    public void save(Path dataDirectory) throws IOException {
        Path directory = dataDirectory.resolve(DIRECTORY);
        Files.createDirectories(directory);
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (Integer oid : databases.entries().keySet()) {
            out.append("database ").append(oid);
            databases.persistentValues(oid).forEach((name, value) -> out.append(' ').append(name).append('=')
                    .append(value));
            out.append('\n');
        }
        for (var relation : relations.entries().entrySet()) {
            out.append("relation ").append(relation.getKey().databaseOid()).append(' ')
                    .append(relation.getKey().relationOid());
            relation.getValue().values().forEach((name, value) -> out.append(' ').append(name).append('=')
                    .append(value));
            out.append('\n');
        }
        databases.blockCounters().persistentValues().forEach((key, counts) -> out.append("blocks ")
                .append(key.databaseOid()).append(' ').append(key.relNumber()).append(" hits=").append(counts[0])
                .append(" reads=").append(counts[1]).append('\n'));
        out.append("bgwriter");
        backgroundWriter.persistentValues().forEach((name, value) -> out.append(' ').append(name).append('=')
                .append(value));
        out.append('\n');
        out.append("wal");
        wal.persistentValues().forEach((name, value) -> out.append(' ').append(name).append('=').append(value));
        out.append('\n');
        if (saveStatements) {
            statements.persistentLines().forEach(line -> out.append(line).append('\n'));
        }
        Path temporary = directory.resolve(FILE + ".tmp");
        Files.writeString(temporary, out, StandardCharsets.UTF_8);
        Files.move(temporary, directory.resolve(FILE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}
