package org.woolly.protocol;

import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.guc.GucSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies the startup packet's parameters to a new session: every name other than user,
 * database, options and replication is a GUC; {@code options} holds command-line style
 * {@code -c name=value} and {@code --name=value} switches, separated by spaces (backslash
 * escapes a space). Counterpart of {@code process_startup_options} in {@code postgres.c}.
 * An unknown parameter or bad value is FATAL, as in PostgreSQL.
 */
public final class StartupOptions {

    private StartupOptions() {}

    public static void apply(Map<String, String> parameters, GucSession settings) {
        try {
            String options = parameters.get("options");
            if (options != null) {
                applyOptions(splitOptions(options), settings);
            }
            for (Map.Entry<String, String> parameter : parameters.entrySet()) {
                switch (parameter.getKey()) {
                    case "user", "database", "options" -> { }
                    case "replication" -> throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                            "replication connections are not supported yet");
                    default -> settings.setStartupOption(parameter.getKey(), parameter.getValue());
                }
            }
        } catch (SqlException e) {
            throw e.withSeverity(Severity.FATAL);
        }
    }

    private static void applyOptions(List<String> words, GucSession settings) {
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String assignment;
            if (word.equals("-c") && i + 1 < words.size()) {
                assignment = words.get(++i);
            } else if (word.startsWith("-c") && word.length() > 2) {
                assignment = word.substring(2);
            } else if (word.startsWith("--")) {
                assignment = word.substring(2);
            } else {
                throw SqlException.of(SqlState.SYNTAX_ERROR, "invalid command-line argument for server process: %s",
                        word).withHint("Try \"woolly --help\" for more information.");
            }
            int equals = assignment.indexOf('=');
            if (equals <= 0) {
                throw SqlException.of(SqlState.SYNTAX_ERROR, "-c %s requires a value", assignment);
            }
            settings.setStartupOption(assignment.substring(0, equals).replace('-', '_'),
                    assignment.substring(equals + 1));
        }
    }

    static List<String> splitOptions(String options) {
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < options.length(); i++) {
            char c = options.charAt(i);
            if (c == '\\' && i + 1 < options.length()) {
                current.append(options.charAt(++i));
            } else if (Character.isWhitespace(c)) {
                if (!current.isEmpty()) {
                    words.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            words.add(current.toString());
        }
        return words;
    }
}
