package org.woolly.access.transam;

import java.util.LinkedHashMap;
import java.util.Map;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The access methods of a running server by name, as {@code pg_am} lists them: each entry is
 * the routine a table or index access method hands out ({@code TableAmRoutine},
 * {@code IndexAmRoutine}). This package does not know their types; an access method registers
 * itself from the composition root and its users ask for it with the type they expect, so the
 * heap, the B-tree and those after them are entries, not edits of transam.
 */
public final class AccessMethodRegistry {

    /** {@code pg_am.amtype}: 't' for table, 'i' for index access methods. */
    public enum Kind { TABLE, INDEX }

    private record Entry(Kind kind, Object routine) {}

    private final Map<String, Entry> methods = new LinkedHashMap<>();

    /** Adds an access method; a name already taken is refused. */
    public synchronized void register(String name, Kind kind, Object routine) {
        if (methods.putIfAbsent(name, new Entry(kind, routine)) != null) {
            throw new SqlException(SqlState.DUPLICATE_OBJECT, "access method \"" + name + "\" already exists");
        }
    }

    /** The access method {@code name} as {@code type}; 42704 if none of that name and type exists. */
    public synchronized <T> T get(String name, Class<T> type) {
        Entry entry = methods.get(name);
        if (entry == null || !type.isInstance(entry.routine())) {
            throw new SqlException(SqlState.UNDEFINED_OBJECT, "access method \"" + name + "\" does not exist");
        }
        return type.cast(entry.routine());
    }

    /** Whether an access method of that name and kind is registered. */
    public synchronized boolean contains(String name, Kind kind) {
        Entry entry = methods.get(name);
        return entry != null && entry.kind() == kind;
    }
}
