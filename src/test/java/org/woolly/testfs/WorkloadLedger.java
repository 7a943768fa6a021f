package org.woolly.testfs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * One worker's transactions against the engine, and what it was told: every acknowledged
 * commit, and the one statement in flight when the power went (whose outcome is unknown, as for
 * a client whose connection dropped during COMMIT). Each worker owns its rows and tables, so
 * what must survive recovery follows from its ledger alone.
 *
 * <p>Tables: {@code items_0..items_2 (thread, id, v)} shared by all workers,
 * {@code counters (thread, n)} with a row per worker counting its inserted items (checks that a
 * transaction is atomic after recovery), and per worker tables {@code d_T_J} created with two
 * rows and dropped later.
 */
final class WorkloadLedger {
    static final int ITEM_TABLES = 3;

    /** The statement whose outcome a crash may have left undecided. */
    sealed interface InFlight {}

    record InsertItem(int id) implements InFlight {}

    record UpdateItem(int id) implements InFlight {}

    record CreateTable(int number) implements InFlight {}

    record DropTable(int number) implements InFlight {}

    final int thread;
    /** Acknowledged items: id to its acknowledged v. */
    final Map<Integer, Integer> items = new TreeMap<>();
    /** Own tables whose CREATE was acknowledged, to whether their DROP was too. */
    final Map<Integer, Boolean> tables = new TreeMap<>();
    volatile InFlight inFlight;
    volatile Throwable failure;
    /** Transactions acknowledged so far, readable by the thread that decides when to crash. */
    private volatile int acknowledged;
    private int nextId;
    private int nextTable;

    WorkloadLedger(int thread) {
        this.thread = thread;
        this.nextId = thread * 1_000_000;
    }

    static String itemTable(int id) {
        return "items_" + Math.floorMod(id, ITEM_TABLES);
    }

    String ownTable(int number) {
        return "d_" + thread + "_" + number;
    }

    /** Runs one random transaction and records it once acknowledged. */
    void step(SqlClient client, Random random) {
        int choice = random.nextInt(100);
        List<Integer> live = new ArrayList<>();
        tables.forEach((number, dropped) -> {
            if (!dropped) {
                live.add(number);
            }
        });
        if (choice < 60 || items.isEmpty()) {
            int id = nextId++;
            inFlight = new InsertItem(id);
            client.query("BEGIN; INSERT INTO " + itemTable(id) + " VALUES (" + thread + ", " + id + ", 0); "
                    + "UPDATE counters SET n = n + 1 WHERE thread = " + thread + "; COMMIT");
            items.put(id, 0);
        } else if (choice < 90) {
            List<Integer> ids = new ArrayList<>(items.keySet());
            int id = ids.get(random.nextInt(ids.size()));
            inFlight = new UpdateItem(id);
            client.query("UPDATE " + itemTable(id) + " SET v = v + 1 WHERE thread = " + thread + " AND id = " + id);
            items.merge(id, 1, Integer::sum);
        } else if (live.size() < 2) {
            int number = nextTable++;
            inFlight = new CreateTable(number);
            client.query("BEGIN; CREATE TABLE " + ownTable(number) + " (x int); INSERT INTO " + ownTable(number)
                    + " VALUES (" + number + "), (" + (number + 1) + "); COMMIT");
            tables.put(number, false);
        } else {
            int number = live.get(random.nextInt(live.size()));
            inFlight = new DropTable(number);
            client.query("DROP TABLE " + ownTable(number));
            tables.put(number, true);
        }
        inFlight = null;
        acknowledged = acknowledged + 1;
    }

    /** How many of this worker's transactions were acknowledged (one writer: its own thread). */
    int acknowledgedSoFar() {
        return acknowledged;
    }

    int acknowledgedCommits() {
        return items.size() + tables.size();
    }

    /**
     * Compares the recovered database with the ledger; returns what is wrong. {@code rows} holds
     * this worker's recovered items (id to v) and {@code counter} its recovered counter.
     */
    List<String> check(Map<Integer, Integer> rows, int counter, SqlClient client) {
        List<String> problems = new ArrayList<>();
        InFlight pending = inFlight;
        for (Map.Entry<Integer, Integer> item : items.entrySet()) {
            Integer recovered = rows.get(item.getKey());
            int acknowledged = item.getValue();
            boolean updateInFlight = pending instanceof UpdateItem(int id) && id == item.getKey();
            if (recovered == null) {
                problems.add("acknowledged item " + item.getKey() + " is missing");
            } else if (recovered != acknowledged && !(updateInFlight && recovered == acknowledged + 1)) {
                problems.add("item " + item.getKey() + " has v = " + recovered + ", acknowledged " + acknowledged);
            }
        }
        for (int id : rows.keySet()) {
            if (!items.containsKey(id) && !(pending instanceof InsertItem(int inserted) && inserted == id)) {
                problems.add("item " + id + " was never acknowledged nor in flight");
            }
        }
        if (counter != rows.size()) {
            problems.add("counter says " + counter + " items but " + rows.size() + " were recovered: not atomic");
        }
        for (int number = 0; number <= lastTableNumber(pending); number++) {
            Boolean dropped = tables.get(number);
            boolean inFlightHere = pending instanceof CreateTable(int created) && created == number
                    || pending instanceof DropTable(int dropping) && dropping == number;
            Long count = countOrNull(client, ownTable(number));
            if (count != null && count != 2) {
                problems.add(ownTable(number) + " has " + count + " rows instead of 2");
            }
            boolean exists = count != null;
            boolean expected = dropped != null && !dropped;
            if (exists != expected && !inFlightHere) {
                problems.add(ownTable(number) + (exists ? " exists but was dropped or never created"
                        : " is missing though its CREATE was acknowledged"));
            }
        }
        return problems;
    }

    private int lastTableNumber(InFlight pending) {
        int last = tables.isEmpty() ? -1 : ((TreeMap<Integer, Boolean>) tables).lastKey();
        return pending instanceof CreateTable(int number) ? Math.max(last, number) : last;
    }

    private static Long countOrNull(SqlClient client, String table) {
        try {
            return client.count(table);
        } catch (SqlException error) {
            if (error.sqlState() == SqlState.UNDEFINED_TABLE) {
                return null;
            }
            throw error;
        }
    }
}
