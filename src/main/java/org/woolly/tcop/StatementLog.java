package org.woolly.tcop;

import org.woolly.nodes.parse.RawStatement;
import org.woolly.nodes.parse.Statement;
import org.woolly.utils.error.ServerLog;
import org.woolly.utils.error.Severity;
import org.woolly.utils.guc.SessionSettings;

import java.util.List;
import java.util.Locale;

/**
 * {@code log_statement}, {@code log_duration} and {@code log_min_duration_statement} as
 * {@code postgres.c} applies them ({@code check_log_statement}, {@code check_log_duration},
 * {@code GetCommandLogLevel} of {@code utility.c}): a qualifying statement is logged before it
 * runs ({@code statement: text}, or {@code execute <name>: text} in the extended protocol); a
 * completed one logs {@code duration: 0.123 ms}, with its text appended when it exceeded
 * log_min_duration_statement and was not logged already.
 */
final class StatementLog {
    /** {@code LogStmtLevel}: the least log_statement value that logs a statement. */
    enum Level { DDL, MOD, ALL }

    private StatementLog() {}

    /** Whether log_statement asks for any of {@code statements}. */
    static boolean shouldLog(SessionSettings settings, List<RawStatement> statements) {
        String setting = settings.getString("log_statement").toLowerCase(Locale.ROOT);
        if (setting.equals("none")) {
            return false;
        }
        for (RawStatement statement : statements) {
            if (reaches(setting, level(statement.statement()))) {
                return true;
            }
        }
        return false;
    }

    static boolean shouldLog(SessionSettings settings, Statement statement) {
        String setting = settings.getString("log_statement").toLowerCase(Locale.ROOT);
        return !setting.equals("none") && reaches(setting, level(statement));
    }

    private static boolean reaches(String setting, Level level) {
        return switch (setting) {
            case "all" -> true;
            case "mod" -> level != Level.ALL;
            case "ddl" -> level == Level.DDL;
            default -> false;
        };
    }

    /** {@code GetCommandLogLevel}: what kind of statement this is for log_statement. */
    static Level level(Statement statement) {
        return switch (statement) {
            case Statement.Insert ignored -> Level.MOD;
            case Statement.Update ignored -> Level.MOD;
            case Statement.Delete ignored -> Level.MOD;
            case Statement.Merge ignored -> Level.MOD;
            case Statement.Truncate ignored -> Level.MOD;
            case Statement.Copy copy -> copy.isFrom() ? Level.MOD : Level.ALL;
            case Statement.Prepare prepare -> level(prepare.statement());
            case Statement.Explain explain -> explain.options().stream()
                    .anyMatch(option -> option.name().equalsIgnoreCase("analyze")
                            && (option.value() == null || !option.value().equalsIgnoreCase("false")
                            && !option.value().equalsIgnoreCase("off") && !option.value().equals("0")))
                    ? level(explain.statement()) : Level.ALL;
            case Statement.CreateTable ignored -> Level.DDL;
            case Statement.CreateTableAs ignored -> Level.DDL;
            case Statement.CreateIndex ignored -> Level.DDL;
            case Statement.CreateSequence ignored -> Level.DDL;
            case Statement.AlterSequence ignored -> Level.DDL;
            case Statement.AlterTable ignored -> Level.DDL;
            case Statement.Drop ignored -> Level.DDL;
            case Statement.Comment ignored -> Level.DDL;
            default -> Level.ALL;
        };
    }

    static void logStatement(String text) {
        ServerLog.log(Severity.LOG, "statement: " + text);
    }

    static String displayName(String name) {
        return name == null || name.isEmpty() ? "<unnamed>" : name;
    }

    /**
     * {@code check_log_duration} and its callers: nothing, {@code duration: x ms}, or, when the
     * statement passed log_min_duration_statement and was not logged yet,
     * {@code duration: x ms  <what>} where {@code what} is {@code statement: text} or
     * {@code execute <name>: text}.
     */
    static void logDuration(SessionSettings settings, long startNanos, boolean alreadyLogged, String what) {
        boolean logDuration = settings.getBoolean("log_duration");
        int minimum = settings.getInt("log_min_duration_statement");
        if (!logDuration && minimum < 0) {
            return;
        }
        long micros = (System.nanoTime() - startNanos) / 1000;
        boolean exceeded = minimum == 0 || minimum > 0 && micros / 1000 >= minimum;
        if (!logDuration && !exceeded) {
            return;
        }
        String duration = String.format("%d.%03d", micros / 1000, micros % 1000);
        if (exceeded && !alreadyLogged) {
            ServerLog.log(Severity.LOG, "duration: " + duration + " ms  " + what);
        } else {
            ServerLog.log(Severity.LOG, "duration: " + duration + " ms");
        }
    }
}
