package org.woolly.utils.guc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The values a session's SETs replaced inside a transaction and its savepoints, per parameter,
 * so that the end of each (sub)transaction can put back what it must: PostgreSQL's
 * {@code GucStack} with {@code NewGUCNestLevel}, {@code push_old_value} and
 * {@code AtEOXact_GUC} of {@code src/backend/utils/misc/guc.c}, whose README
 * ({@code src/backend/utils/misc/README}) states the rules followed here:
 *
 * <ul>
 *   <li>nest level 0 is outside any transaction, 1 the transaction, each open savepoint one more;
 *   <li>the first SET or SET LOCAL of a parameter at a level saves the value it replaces
 *       (the "prior"); a SET LOCAL after a SET at the same level also saves the SET's value
 *       (the "masked" value) for the level's commit to restore;
 *   <li>an abort, of the transaction or a savepoint, always restores the prior value;
 *   <li>a transaction commit keeps a SET's value, drops a SET LOCAL's (back to the masked value
 *       after SET then SET LOCAL, else to the prior);
 *   <li>a savepoint's release merges its entry into the level below: SET wins over anything
 *       there; SET LOCAL becomes the lower level's SET LOCAL.
 * </ul>
 *
 * <p>PostgreSQL's GUC_SAVE action (a function's own SET clause) has no user here yet.
 */
final class GucStack {

    /** What was done to a parameter at one level ({@code GucStackState}). */
    enum Action { SET, LOCAL, SET_LOCAL }

    private static final class Entry {
        int nestLevel;
        Action state;
        final Object prior;
        Object masked;

        Entry(int nestLevel, Action state, Object prior) {
            this.nestLevel = nestLevel;
            this.state = state;
            this.prior = prior;
        }
    }

    private final Map<String, Deque<Entry>> stacks = new HashMap<>();
    private int nestLevel;

    int nestLevel() {
        return nestLevel;
    }

    /** The transaction starts: level 1 ({@code AtStart_GUC}). */
    void startTransaction() {
        stacks.clear();
        nestLevel = 1;
    }

    /** A savepoint starts: one level deeper ({@code NewGUCNestLevel}). */
    void startSubtransaction() {
        nestLevel++;
    }

    /**
     * Records that a parameter whose value is {@code active} is about to be set at the current
     * level by SET ({@code local} false) or SET LOCAL ({@code push_old_value}). Outside a
     * transaction there is nothing to record.
     */
    void pushOldValue(String key, boolean local, Object active) {
        if (nestLevel == 0) {
            return;
        }
        Deque<Entry> stack = stacks.computeIfAbsent(key, k -> new ArrayDeque<>());
        Entry top = stack.peek();
        if (top != null && top.nestLevel == nestLevel) {
            if (!local) {
                // SET overrides whatever was done before at this level
                top.masked = null;
                top.state = Action.SET;
            } else if (top.state == Action.SET) {
                // SET then SET LOCAL: the commit of this level comes back to the SET's value
                top.masked = active;
                top.state = Action.SET_LOCAL;
            }
            return;
        }
        stack.push(new Entry(nestLevel, local ? Action.LOCAL : Action.SET, active));
    }

    /**
     * Ends the innermost level, committed or aborted, assigning through {@code restore} every
     * value that changes back ({@code AtEOXact_GUC(isCommit, nestLevel)}). Returns whether any
     * value was restored.
     */
    boolean endLevel(boolean commit, BiConsumer<String, Object> restore) {
        int ending = nestLevel;
        boolean restored = false;
        List<String> emptied = new ArrayList<>();
        for (Map.Entry<String, Deque<Entry>> perKey : stacks.entrySet()) {
            Deque<Entry> stack = perKey.getValue();
            while (!stack.isEmpty() && stack.peek().nestLevel >= ending) {
                Entry entry = stack.peek();
                Object restoreValue = entryEnds(entry, commit, stack);
                if (restoreValue == KEEP_ENTRY) {
                    continue;
                }
                stack.pop();
                if (restoreValue != NOTHING) {
                    restore.accept(perKey.getKey(), restoreValue);
                    restored = true;
                }
            }
            if (stack.isEmpty()) {
                emptied.add(perKey.getKey());
            }
        }
        emptied.forEach(stacks::remove);
        nestLevel = ending - 1;
        return restored;
    }

    /** Markers for {@link #entryEnds}: nothing to restore, or the entry stays (one level lower). */
    private static final Object NOTHING = new Object();
    private static final Object KEEP_ENTRY = new Object();

    /**
     * What the end of an entry's level means for it: the value to restore, {@link #NOTHING}, or
     * {@link #KEEP_ENTRY} when it moved down a level because the level below has no entry.
     */
    private static Object entryEnds(Entry entry, boolean commit, Deque<Entry> stack) {
        if (!commit) {
            return entry.prior;
        }
        if (entry.nestLevel == 1) {
            return switch (entry.state) {
                case SET_LOCAL -> entry.masked;
                case SET -> NOTHING;
                case LOCAL -> entry.prior;
            };
        }
        Entry previous = stack.size() > 1 ? secondOf(stack) : null;
        if (previous == null || previous.nestLevel < entry.nestLevel - 1) {
            entry.nestLevel--;
            return KEEP_ENTRY;
        }
        switch (entry.state) {
            case SET -> {
                previous.masked = null;
                previous.state = Action.SET;
            }
            case LOCAL -> {
                if (previous.state == Action.SET) {
                    previous.masked = entry.prior;
                    previous.state = Action.SET_LOCAL;
                }
            }
            case SET_LOCAL -> {
                previous.masked = entry.masked;
                previous.state = Action.SET_LOCAL;
            }
        }
        return NOTHING;
    }

    private static Entry secondOf(Deque<Entry> stack) {
        var iterator = stack.iterator();
        iterator.next();
        return iterator.next();
    }
}
