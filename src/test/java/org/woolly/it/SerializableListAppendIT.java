package org.woolly.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;

/**
 * An Elle-style list-append check of SERIALIZABLE: several sessions run short transactions
 * that append unique values to lists kept in keyed rows and read whole lists, retrying on
 * 40001 (and 40P01). From the committed transactions and the final lists the test builds the dependency
 * graph (ww: consecutive appends to one list; wr: the last value a read saw and its appender;
 * rw: a read and the appender of the first value it did not see) and searches it for a cycle,
 * which would be a G1c or G2-item anomaly (Adya). Every read must also be a prefix of the final
 * list, and no aborted append may appear. The randomness is seeded and the seed printed;
 * {@code -Dlistappend.isolation="REPEATABLE READ"} runs the same workload under snapshot
 * isolation, where the check finds write-skew cycles.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SerializableListAppendIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    private static final int KEYS = 4;
    private static final int CLIENTS = 4;
    private static final int TRANSACTIONS_PER_CLIENT = 120;

    /** One micro-operation: an append of {@code value} to {@code key}, or a read of it (value < 0) with what it saw. */
    private record Operation(int key, int value, List<Integer> seen) {}

    /** A committed transaction: its id and operations in order. */
    private record Committed(int id, List<Operation> operations) {}

    @Test
    void committedHistoryHasNoDependencyCycle() throws Exception {
        long seed = Long.getLong("listappend.seed", System.nanoTime());
        String isolation = System.getProperty("listappend.isolation", "SERIALIZABLE");
        System.out.println("SerializableListAppendIT seed " + seed + ", isolation " + isolation);
        Connection admin = sessions.connect();
        execute(admin, "CREATE TABLE lists (k int PRIMARY KEY, vals text NOT NULL)");
        execute(admin, "INSERT INTO lists SELECT g, '' FROM generate_series(0, " + (KEYS - 1) + ") g");
        AtomicInteger nextValue = new AtomicInteger(1);
        AtomicInteger nextTransaction = new AtomicInteger(1);
        ConcurrentLinkedQueue<Committed> committed = new ConcurrentLinkedQueue<>();
        Set<Integer> abortedValues = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicInteger serializationFailures = new AtomicInteger();
        List<Future<Void>> clients = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            Random random = new Random(seed + client);
            Connection connection = sessions.connect();
            clients.add(sessions.inBackground(() -> {
                runClient(connection, random, isolation, nextValue, nextTransaction, committed, abortedValues,
                        serializationFailures);
                return null;
            }));
        }
        for (Future<Void> client : clients) {
            client.get(100, TimeUnit.SECONDS);
        }
        Map<Integer, List<Integer>> finalLists = new HashMap<>();
        for (String row : TestSessions.rows(admin, "SELECT k, vals FROM lists")) {
            String[] parts = row.split("\\|", -1);
            finalLists.put(Integer.parseInt(parts[0]), parse(parts[1]));
        }
        System.out.println("committed " + committed.size() + ", serialization failures " + serializationFailures.get());
        assertThat(committed).hasSizeGreaterThan(CLIENTS * TRANSACTIONS_PER_CLIENT / 4);
        List<String> problems = check(new ArrayList<>(committed), finalLists, abortedValues);
        assertThat(problems).as("seed " + seed).isEmpty();
    }

    private static void runClient(Connection connection, Random random, String isolation, AtomicInteger nextValue,
                                  AtomicInteger nextTransaction, ConcurrentLinkedQueue<Committed> committed,
                                  Set<Integer> abortedValues, AtomicInteger serializationFailures) throws SQLException {
        connection.setAutoCommit(false);
        execute(connection, "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL " + isolation);
        connection.commit();
        try (PreparedStatement read = connection.prepareStatement("SELECT vals FROM lists WHERE k = ?");
             PreparedStatement append = connection.prepareStatement(
                     "UPDATE lists SET vals = vals || ',' || ? WHERE k = ?")) {
            for (int transaction = 0; transaction < TRANSACTIONS_PER_CLIENT; transaction++) {
                List<Operation> operations = new ArrayList<>();
                int count = 2 + random.nextInt(3);
                try {
                    for (int i = 0; i < count; i++) {
                        int key = random.nextInt(KEYS);
                        if (random.nextBoolean()) {
                            read.setInt(1, key);
                            try (ResultSet rows = read.executeQuery()) {
                                rows.next();
                                operations.add(new Operation(key, -1, parse(rows.getString(1))));
                            }
                        } else {
                            int value = nextValue.getAndIncrement();
                            operations.add(new Operation(key, value, null));
                            append.setInt(1, value);
                            append.setInt(2, key);
                            append.executeUpdate();
                        }
                    }
                    connection.commit();
                    committed.add(new Committed(nextTransaction.getAndIncrement(), operations));
                } catch (PSQLException failure) {
                    connection.rollback();
                    for (Operation operation : operations) {
                        if (operation.value() > 0) {
                            abortedValues.add(operation.value());
                        }
                    }
                    // two appends to the same lists in opposite orders deadlock (40P01): retried too
                    if (!"40001".equals(failure.getSQLState()) && !"40P01".equals(failure.getSQLState())) {
                        throw failure;
                    }
                    serializationFailures.incrementAndGet();
                }
            }
        }
    }

    private static List<Integer> parse(String text) {
        List<Integer> values = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isEmpty()) {
                values.add(Integer.parseInt(part));
            }
        }
        return values;
    }

    /** Anomalies found in the history: aborted or unknown values, non-prefix reads, dependency cycles. */
    static List<String> check(List<Committed> history, Map<Integer, List<Integer>> finalLists,
                              Set<Integer> abortedValues) {
        List<String> problems = new ArrayList<>();
        Map<Integer, Integer> appender = new HashMap<>();
        for (Committed transaction : history) {
            for (Operation operation : transaction.operations()) {
                if (operation.value() > 0) {
                    appender.put(operation.value(), transaction.id());
                }
            }
        }
        for (var list : finalLists.entrySet()) {
            for (int value : list.getValue()) {
                if (abortedValues.contains(value) || !appender.containsKey(value)) {
                    problems.add("G1a: key " + list.getKey() + " holds value " + value + " of no committed transaction");
                }
            }
        }
        Map<Integer, Set<Integer>> edges = new LinkedHashMap<>();
        for (var list : finalLists.entrySet()) {
            List<Integer> values = list.getValue();
            for (int i = 0; i + 1 < values.size(); i++) {
                edge(edges, appender.get(values.get(i)), appender.get(values.get(i + 1)));
            }
        }
        for (Committed transaction : history) {
            for (Operation operation : transaction.operations()) {
                if (operation.seen() == null) {
                    continue;
                }
                List<Integer> full = finalLists.get(operation.key());
                List<Integer> seen = operation.seen();
                if (seen.size() > full.size() || !full.subList(0, seen.size()).equals(seen)) {
                    problems.add("read of key " + operation.key() + " by T" + transaction.id() + " saw " + seen
                            + ", not a prefix of " + full);
                    continue;
                }
                if (!seen.isEmpty()) {
                    edge(edges, appender.get(seen.get(seen.size() - 1)), transaction.id());
                }
                if (seen.size() < full.size()) {
                    edge(edges, transaction.id(), appender.get(full.get(seen.size())));
                }
            }
        }
        List<Integer> cycle = findCycle(edges);
        if (cycle != null) {
            problems.add("dependency cycle (G1c or G2-item): " + cycle.stream().map(id -> "T" + id + " "
                    + history.stream().filter(t -> t.id() == id).findFirst().map(Committed::operations).orElse(null))
                    .toList());
        }
        return problems;
    }

    private static void edge(Map<Integer, Set<Integer>> edges, Integer from, Integer to) {
        if (from != null && to != null && !from.equals(to)) {
            edges.computeIfAbsent(from, key -> new HashSet<>()).add(to);
        }
    }

    /** A cycle in the graph (iterative depth-first search, colours white/grey/black), or null. */
    private static List<Integer> findCycle(Map<Integer, Set<Integer>> edges) {
        Map<Integer, Integer> colour = new HashMap<>();
        Map<Integer, Integer> parent = new HashMap<>();
        for (Integer start : edges.keySet()) {
            if (colour.getOrDefault(start, 0) != 0) {
                continue;
            }
            ArrayList<Integer> stack = new ArrayList<>(List.of(start));
            ArrayList<java.util.Iterator<Integer>> iterators = new ArrayList<>(
                    List.of(edges.getOrDefault(start, Set.of()).iterator()));
            colour.put(start, 1);
            while (!stack.isEmpty()) {
                int node = stack.get(stack.size() - 1);
                java.util.Iterator<Integer> next = iterators.get(iterators.size() - 1);
                if (!next.hasNext()) {
                    colour.put(node, 2);
                    stack.remove(stack.size() - 1);
                    iterators.remove(iterators.size() - 1);
                    continue;
                }
                int target = next.next();
                int state = colour.getOrDefault(target, 0);
                if (state == 1) {
                    List<Integer> cycle = new ArrayList<>(stack.subList(stack.indexOf(target), stack.size()));
                    cycle.add(target);
                    return cycle;
                }
                if (state == 0) {
                    colour.put(target, 1);
                    parent.put(target, node);
                    stack.add(target);
                    iterators.add(edges.getOrDefault(target, Set.of()).iterator());
                }
            }
        }
        return null;
    }

    @Test
    void theCheckFindsAWriteSkewCycle() {
        // T1 reads key 0 (empty) and appends 1 to key 1; T2 reads key 1 (empty) and appends 2 to key 0
        List<Committed> history = List.of(
                new Committed(1, List.of(new Operation(0, -1, List.of()), new Operation(1, 1, null))),
                new Committed(2, List.of(new Operation(1, -1, List.of()), new Operation(0, 2, null))));
        List<String> problems = check(history, Map.of(0, List.of(2), 1, List.of(1)), Set.of());
        assertThat(problems).singleElement().asString().startsWith("dependency cycle");
        assertThat(check(history.subList(0, 1), Map.of(0, List.of(), 1, List.of(1)), Set.of())).isEmpty();
        assertThat(Arrays.asList(check(history, Map.of(0, List.of(2, 3), 1, List.of(1)), Set.of(3)).get(0)))
                .singleElement().asString().startsWith("G1a");
    }
}
