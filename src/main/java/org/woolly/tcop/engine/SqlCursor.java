package org.woolly.tcop.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.woolly.access.common.Tid;
import org.woolly.executor.CursorPositions;
import org.woolly.nodes.parse.Statement;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * A cursor of SQL's DECLARE, FETCH, MOVE and CLOSE ({@code portalcmds.c} and the fetch logic of
 * {@code DoPortalRunFetch} in {@code pquery.c}): a portal read a few rows at a time. Its position
 * counts as PostgreSQL's: 0 before the first row, n on the n-th, count + 1 after the last.
 * A NO SCROLL cursor streams its rows and moves only forward; any other keeps the rows it has
 * read so it can go back; WITH HOLD reads them all at DECLARE, so it outlives its transaction.
 * With each row it keeps the TIDs of the table rows it came from, for WHERE CURRENT OF.
 */
final class SqlCursor implements AutoCloseable {
    private final String name;
    private final SessionPreparedQuery query;
    private final boolean scrollable;
    private final boolean holdable;
    private SessionPortal portal;
    /** Rows read so far (a scrollable cursor) — all of them once {@link #exhausted}. */
    private final List<Object[]> rows = new ArrayList<>();
    /** How many rows the portal has produced. */
    private long produced;
    private boolean exhausted;
    private long position;
    /** Where the plan tells its current row's TIDs; per row read, what it told ({@link #rowTids} if scrollable). */
    private final CursorPositions positions;
    private final List<Tid[]> rowTids = new ArrayList<>();
    private Tid[] lastTids;
    /** A WITH HOLD cursor after its transaction ended: its rows are kept, its plan is gone. */
    private boolean held;

    SqlCursor(String name, SessionPreparedQuery query, SessionPortal portal, boolean scrollable, boolean holdable) {
        this.name = name;
        this.query = query;
        this.portal = portal;
        this.positions = portal.cursorPositions();
        this.scrollable = scrollable || holdable;
        this.holdable = holdable;
        if (holdable) {
            // PersistHoldablePortal: the rows are read now, while the declaring transaction is open
            while (!exhausted) {
                pull();
            }
        }
    }

    String name() {
        return name;
    }

    SessionPreparedQuery query() {
        return query;
    }

    boolean holdable() {
        return holdable;
    }

    /**
     * FETCH (rows to {@code sink}) or MOVE ({@code sink} null); returns how many rows it passed
     * over, for the tag {@code FETCH n} / {@code MOVE n}.
     */
    long fetch(Statement.FetchDirection direction, long count, Consumer<Object[]> sink) {
        return switch (direction) {
            case FORWARD -> count >= 0 ? forward(count, sink) : backward(-count, sink);
            case BACKWARD -> count >= 0 ? backward(count, sink) : forward(-count, sink);
            case ABSOLUTE -> absolute(count, sink);
            case RELATIVE -> count == 0 ? current(sink) : absolute(addClamped(position, count), sink);
        };
    }

    private long forward(long count, Consumer<Object[]> sink) {
        long moved = 0;
        while (moved < count) {
            Object[] row = rowAt(position + 1);
            if (row == null) {
                position = produced + 1;
                break;
            }
            position++;
            moved++;
            if (sink != null) {
                sink.accept(row);
            }
        }
        return moved;
    }

    private long backward(long count, Consumer<Object[]> sink) {
        requireScroll();
        long moved = 0;
        while (moved < count && position > 1) {
            position = Math.min(position, produced + 1) - 1;
            moved++;
            if (sink != null) {
                sink.accept(rows.get((int) position - 1));
            }
        }
        if (moved < count) {
            position = 0;
        }
        return moved;
    }

    /** ABSOLUTE n: to row n (from the end when negative); 0 or 1 rows. */
    private long absolute(long target, Consumer<Object[]> sink) {
        if (target < 0) {
            requireScroll();
            while (!exhausted) {
                pull();
            }
            target = produced + 1 + target;
            if (target < 1) {
                position = 0;
                return 0;
            }
        }
        if (target <= position) {
            requireScroll();
        }
        if (target == 0) {
            position = 0;
            return 0;
        }
        Object[] row;
        if (target <= position) {
            row = rowAt(target);
        } else {
            // a forward-only cursor passes over the rows in between
            while (position + 1 < target && rowAt(position + 1) != null) {
                position++;
            }
            row = position + 1 == target ? rowAt(target) : null;
        }
        if (row == null) {
            position = produced + 1;
            return 0;
        }
        position = target;
        if (sink != null) {
            sink.accept(row);
        }
        return 1;
    }

    /** RELATIVE 0: the current row again, if the cursor is on one. */
    private long current(Consumer<Object[]> sink) {
        if (position < 1 || position > produced) {
            return 0;
        }
        requireScroll();
        if (sink != null) {
            sink.accept(rows.get((int) position - 1));
        }
        return 1;
    }

    /** Row {@code index} (1-based), reading the portal as far as needed; null past the end. */
    private Object[] rowAt(long index) {
        while (produced < index && !exhausted) {
            Object[] row = pull();
            if (!scrollable && produced == index) {
                return row;
            }
        }
        if (index > produced || index < 1) {
            return null;
        }
        return scrollable ? rows.get((int) index - 1) : null;
    }

    /** Whether {@code other} is this cursor's portal. */
    boolean reads(SessionPortal other) {
        return portal == other;
    }

    /** One row from the portal, or null at its end. */
    private Object[] pull() {
        if (portal == null) {
            // the portal failed in an earlier FETCH (a PORTAL_FAILED portal)
            throw SqlException.of(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "portal \"%s\" cannot be run", name);
        }
        Object[][] got = new Object[1][];
        String tag;
        try {
            tag = portal.run(1, row -> got[0] = row.clone());
        } catch (RuntimeException failure) {
            releasePortal();
            throw failure;
        }
        if (got[0] != null) {
            produced++;
            Tid[] tids = portal.capturePositions(positions);
            if (scrollable) {
                rows.add(got[0]);
                rowTids.add(tids);
            } else {
                lastTids = tids;
            }
        }
        if (tag != null) {
            exhausted = true;
            releasePortal();
        }
        return got[0];
    }

    /** The transaction this WITH HOLD cursor was declared in has ended. */
    void markHeld() {
        held = true;
    }

    /**
     * WHERE CURRENT OF on table {@code tableOid}: the TID of the table's row this cursor is on, or
     * null when its row is another table's ({@code execCurrentOf}).
     */
    Tid currentOf(int tableOid, String tableName) {
        if (held) {
            throw SqlException.of(SqlState.INVALID_CURSOR_STATE, "cursor \"%s\" is held from a previous transaction",
                    name);
        }
        Tid[] at = null;
        if (position >= 1 && position <= produced) {
            at = scrollable ? rowTids.get((int) position - 1) : lastTids;
        }
        return positions.find(at, name, tableOid, tableName);
    }

    private void requireScroll() {
        if (!scrollable) {
            throw SqlException.of(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cursor can only scan forward")
                    .withHint("Declare it with SCROLL option to enable backward scan.");
        }
    }

    private static long addClamped(long position, long count) {
        long sum = position + count;
        return sum < 0 ? 0 : sum;
    }

    private void releasePortal() {
        if (portal != null) {
            portal.close();
            portal = null;
        }
    }

    @Override
    public void close() {
        releasePortal();
        rows.clear();
        rowTids.clear();
    }
}
