package org.woolly.utils.guc;

import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads {@code postgresql.conf} syntax: {@code name [=] value} per line, values unquoted or in
 * single quotes ({@code ''} or backslash escapes inside), {@code #} comments, and the
 * {@code include}, {@code include_if_exists} and {@code include_dir} directives. Counterpart of
 * {@code src/backend/utils/misc/guc-file.l}.
 */
final class ConfigFileParser {

    /** One assignment found in a file, with where it was, for messages. */
    record Entry(String name, String value, Path file, int line) {}

    private static final int MAXIMUM_INCLUDE_DEPTH = 10;

    private ConfigFileParser() {}

    static List<Entry> parse(Path file, boolean missingOk) {
        List<Entry> entries = new ArrayList<>();
        parseInto(file, missingOk, 0, entries);
        return entries;
    }

    private static void parseInto(Path file, boolean missingOk, int depth, List<Entry> entries) {
        if (depth > MAXIMUM_INCLUDE_DEPTH) {
            throw SqlException.of(SqlState.CONFIG_FILE_ERROR,
                    "could not open configuration file \"%s\": maximum nesting depth exceeded", file);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            if (missingOk && !Files.exists(file)) {
                return;
            }
            throw SqlException.of(SqlState.CONFIG_FILE_ERROR, "could not open configuration file \"%s\": %s", file,
                    e.getMessage());
        }
        for (int i = 0; i < lines.size(); i++) {
            Entry entry = parseLine(lines.get(i), file, i + 1);
            if (entry == null) {
                continue;
            }
            switch (entry.name()) {
                case "include" -> parseInto(resolve(file, entry.value()), false, depth + 1, entries);
                case "include_if_exists" -> parseInto(resolve(file, entry.value()), true, depth + 1, entries);
                case "include_dir" -> includeDirectory(resolve(file, entry.value()), depth, entries);
                default -> entries.add(entry);
            }
        }
    }

    private static void includeDirectory(Path directory, int depth, List<Entry> entries) {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path included : files.filter(p -> p.getFileName().toString().endsWith(".conf")
                    && !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                parseInto(included, false, depth + 1, entries);
            }
        } catch (IOException e) {
            throw SqlException.of(SqlState.CONFIG_FILE_ERROR, "could not open configuration directory \"%s\": %s",
                    directory, e.getMessage());
        }
    }

    private static Path resolve(Path including, String name) {
        Path target = Path.of(name);
        return target.isAbsolute() ? target : including.toAbsolutePath().getParent().resolve(target);
    }

    /** Parses one line; null for blank and comment lines. */
    static Entry parseLine(String line, Path file, int lineNumber) {
        int position = skipSpaces(line, 0);
        if (position >= line.length() || line.charAt(position) == '#') {
            return null;
        }
        int nameStart = position;
        while (position < line.length() && isNameCharacter(line.charAt(position))) {
            position++;
        }
        if (position == nameStart) {
            throw syntaxError(file, lineNumber, line.substring(nameStart).trim());
        }
        String name = line.substring(nameStart, position);
        position = skipSpaces(line, position);
        if (position < line.length() && line.charAt(position) == '=') {
            position = skipSpaces(line, position + 1);
        }
        if (position >= line.length() || line.charAt(position) == '#') {
            throw syntaxError(file, lineNumber, "end of line");
        }
        String value;
        if (line.charAt(position) == '\'') {
            StringBuilder builder = new StringBuilder();
            position++;
            while (true) {
                if (position >= line.length()) {
                    throw syntaxError(file, lineNumber, line.substring(nameStart).trim());
                }
                char c = line.charAt(position);
                if (c == '\'' && position + 1 < line.length() && line.charAt(position + 1) == '\'') {
                    builder.append('\'');
                    position += 2;
                } else if (c == '\'') {
                    position++;
                    break;
                } else if (c == '\\' && position + 1 < line.length()) {
                    char escaped = line.charAt(position + 1);
                    builder.append(switch (escaped) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        default -> escaped;
                    });
                    position += 2;
                } else {
                    builder.append(c);
                    position++;
                }
            }
            value = builder.toString();
        } else {
            int valueStart = position;
            while (position < line.length() && !Character.isWhitespace(line.charAt(position))
                    && line.charAt(position) != '#') {
                position++;
            }
            value = line.substring(valueStart, position);
        }
        position = skipSpaces(line, position);
        if (position < line.length() && line.charAt(position) != '#') {
            throw syntaxError(file, lineNumber, line.substring(position).trim());
        }
        return new Entry(name, value, file, lineNumber);
    }

    private static boolean isNameCharacter(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
    }

    private static int skipSpaces(String line, int position) {
        while (position < line.length() && Character.isWhitespace(line.charAt(position))) {
            position++;
        }
        return position;
    }

    private static SqlException syntaxError(Path file, int line, String token) {
        return SqlException.of(SqlState.CONFIG_FILE_ERROR, "syntax error in file \"%s\" line %d, near token \"%s\"",
                file, line, token);
    }
}
