package org.woolly.catalog;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One session's temporary schema ({@code myTempNamespace} of {@code namespace.c}): the
 * {@code pg_temp_N} and {@code pg_toast_temp_N} schemas of the backend id it holds, and the
 * ON COMMIT actions of its temporary tables ({@code on_commits} of {@code tablecmds.c}).
 *
 * <p>The backend id is taken from {@link BackendIds} on first use and given back when the session
 * ends, so two live sessions never share a schema. The schema rows stay in pg_namespace after the
 * session (as in PostgreSQL); the next session that takes the same id drops what is left in them
 * before using them ({@code InitTempTableNamespace} calling {@code RemoveTempRelations}), which is
 * also how the relations of a session that never ended (a crash) disappear.
 */
public final class TemporarySchema {
    /** What happens to a temporary table when a transaction commits ({@code OnCommitAction}). */
    public enum OnCommit { PRESERVE_ROWS, DELETE_ROWS, DROP }

    /** The name by which a session means its own temporary schema, wherever it lives. */
    public static final String ALIAS = "pg_temp";
    static final String PREFIX = "pg_temp_";
    static final String TOAST_PREFIX = "pg_toast_temp_";

    private final BackendIds backendIds;
    private int backendId;
    /** Whether leftovers of an earlier holder of this id were dropped (once per session). */
    boolean cleaned;
    private final Map<Integer, OnCommit> onCommitActions = new LinkedHashMap<>();

    TemporarySchema(BackendIds backendIds) {
        this.backendIds = backendIds;
    }

    /** This session's backend id, taken now if it has none yet. */
    synchronized int backendId() {
        if (backendId == 0) {
            backendId = backendIds.acquire();
        }
        return backendId;
    }

    /** Whether the session took a backend id (it used its temporary schema). */
    synchronized boolean hasBackendId() {
        return backendId != 0;
    }

    String name() {
        return PREFIX + backendId();
    }

    String toastName() {
        return TOAST_PREFIX + backendId();
    }

    /** Gives the backend id back at session end. */
    public synchronized void release() {
        if (backendId != 0) {
            backendIds.release(backendId);
            backendId = 0;
            cleaned = false;
        }
        onCommitActions.clear();
    }

    synchronized void onCommit(int relationOid, OnCommit action) {
        if (action == OnCommit.PRESERVE_ROWS) {
            onCommitActions.remove(relationOid);
        } else {
            onCommitActions.put(relationOid, action);
        }
    }

    synchronized Map<Integer, OnCommit> onCommitActions() {
        return Map.copyOf(onCommitActions);
    }

    synchronized void forget(int relationOid) {
        onCommitActions.remove(relationOid);
    }

    /** Whether a schema name is some session's temporary schema ({@code isAnyTempNamespace}). */
    static boolean isTemporaryName(String schema) {
        return schema.startsWith(PREFIX) || schema.startsWith(TOAST_PREFIX);
    }

    /**
     * The backend ids of the live sessions (PostgreSQL's {@code ProcGlobal} slots): the lowest
     * free one is handed out, as a new backend takes the first free PGPROC.
     */
    static final class BackendIds {
        private final BitSet taken = new BitSet();

        synchronized int acquire() {
            int id = taken.nextClearBit(1);
            taken.set(id);
            return id;
        }

        synchronized void release(int id) {
            taken.clear(id);
        }
    }
}
