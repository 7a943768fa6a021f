package org.woolly.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;

/**
 * A PostgreSQL isolation-tester spec ({@code src/test/isolation/specs/*.spec}) run through
 * JDBC: a setup and teardown, sessions with their setup and named steps, and permutations that
 * interleave the steps one at a time (no step here blocks). The transcript names each step and
 * shows its rows (columns joined by '|') or its error, so the same spec run against the reference
 * PostgreSQL 15 gives the expected transcript ({@code -Disolation.reference=jdbc:...} rewrites it).
 */
final class IsolationSpec {
    private record Step(String session, String sql) {}

    private final List<String> setup = new ArrayList<>();
    private final List<String> teardown = new ArrayList<>();
    private final Map<String, List<String>> sessionSetup = new LinkedHashMap<>();
    private final Map<String, List<String>> sessionTeardown = new LinkedHashMap<>();
    private final Map<String, Step> steps = new LinkedHashMap<>();
    private final List<List<String>> permutations = new ArrayList<>();

    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(?:#[^\\n]*|(setup|teardown|session|step|permutation)\\b|\\{((?:[^{}]|\\{[^{}]*\\})*)\\}|(\"[^\"]*\"|[\\w-]+))",
            Pattern.DOTALL);

    static IsolationSpec parse(String text) {
        IsolationSpec spec = new IsolationSpec();
        Matcher matcher = TOKEN.matcher(text);
        String session = null;
        String keyword = null;
        String stepName = null;
        List<String> permutation = null;
        int at = 0;
        while (at < text.length() && matcher.find(at) && matcher.start() == at) {
            at = matcher.end();
            if (matcher.group(1) != null) {
                keyword = matcher.group(1);
                if (keyword.equals("permutation")) {
                    permutation = new ArrayList<>();
                    spec.permutations.add(permutation);
                }
            } else if (matcher.group(2) != null) {
                String sql = matcher.group(2).trim();
                switch (keyword) {
                    case "setup" -> (session == null ? spec.setup
                            : spec.sessionSetup.computeIfAbsent(session, s -> new ArrayList<>())).add(sql);
                    case "teardown" -> (session == null ? spec.teardown
                            : spec.sessionTeardown.computeIfAbsent(session, s -> new ArrayList<>())).add(sql);
                    case "step" -> spec.steps.put(stepName, new Step(session, sql));
                    default -> throw new IllegalArgumentException("block after " + keyword);
                }
            } else if (matcher.group(3) != null) {
                String word = matcher.group(3).replace("\"", "");
                switch (keyword) {
                    case "session" -> {
                        session = word;
                        spec.sessionSetup.computeIfAbsent(session, s -> new ArrayList<>());
                    }
                    case "step" -> stepName = word;
                    case "permutation" -> permutation.add(word);
                    default -> throw new IllegalArgumentException("name after " + keyword);
                }
            }
        }
        if (at < text.trim().length()) {
            throw new IllegalArgumentException("cannot parse spec at: " + text.substring(at, Math.min(text.length(), at + 40)));
        }
        return spec;
    }

    /** Runs every permutation on connections from {@code connect}; returns the transcript. */
    String run(Supplier<Connection> connect) throws SQLException {
        StringBuilder out = new StringBuilder();
        out.append("Parsed test spec with ").append(sessionSetup.size()).append(" sessions\n");
        for (List<String> permutation : permutations) {
            out.append("\nstarting permutation: ").append(String.join(" ", permutation)).append('\n');
            try (Connection admin = connect.get()) {
                for (String sql : setup) {
                    run(admin, sql, out, null);
                }
                Map<String, Connection> sessions = new LinkedHashMap<>();
                try {
                    for (var session : sessionSetup.entrySet()) {
                        Connection connection = connect.get();
                        sessions.put(session.getKey(), connection);
                        for (String sql : session.getValue()) {
                            run(connection, sql, out, null);
                        }
                    }
                    for (String name : permutation) {
                        Step step = steps.get(name);
                        if (step == null) {
                            throw new IllegalArgumentException("no step " + name);
                        }
                        run(sessions.get(step.session()), step.sql(), out, name);
                    }
                    for (var session : sessionTeardown.entrySet()) {
                        for (String sql : session.getValue()) {
                            run(sessions.get(session.getKey()), sql, out, null);
                        }
                    }
                } finally {
                    for (Connection connection : sessions.values()) {
                        connection.close();
                    }
                }
                for (String sql : teardown) {
                    run(admin, sql, out, null);
                }
            }
        }
        return out.toString();
    }

    private static void run(Connection connection, String sql, StringBuilder out, String stepName) {
        if (stepName != null) {
            out.append("step ").append(stepName).append(": ").append(sql).append('\n');
        }
        try (Statement statement = connection.createStatement()) {
            boolean rows = statement.execute(sql);
            if (rows && stepName != null) {
                try (ResultSet result = statement.getResultSet()) {
                    int columns = result.getMetaData().getColumnCount();
                    List<String> names = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        names.add(result.getMetaData().getColumnLabel(i));
                    }
                    out.append(String.join("|", names)).append('\n');
                    int count = 0;
                    while (result.next()) {
                        List<String> values = new ArrayList<>();
                        for (int i = 1; i <= columns; i++) {
                            values.add(String.valueOf(result.getString(i)));
                        }
                        out.append(String.join("|", values)).append('\n');
                        count++;
                    }
                    out.append(count == 1 ? "(1 row)\n" : "(" + count + " rows)\n");
                }
            }
        } catch (PSQLException error) {
            String message = error.getServerErrorMessage() == null ? error.getMessage()
                    : error.getServerErrorMessage().getMessage();
            out.append("ERROR:  ").append(message).append('\n');
        } catch (SQLException error) {
            out.append("ERROR:  ").append(error.getMessage()).append('\n');
        }
    }

    /** The transcript expected for {@code name} (rewritten from the reference server when asked). */
    static String expected(String name, Supplier<Connection> reference) throws IOException, SQLException {
        Path expected = Path.of("src/test/resources/isolation", name + "-pg15.out");
        if (reference != null) {
            Files.writeString(expected, parse(Files.readString(Path.of("src/test/resources/isolation", name + ".spec")))
                    .run(reference));
        }
        return Files.readString(expected);
    }
}
