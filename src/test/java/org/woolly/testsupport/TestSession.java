package org.woolly.testsupport;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.RawStatement;
import org.woolly.tcop.Engine;
import org.woolly.tcop.Portal;
import org.woolly.tcop.PreparedQuery;
import org.woolly.catalog.RoleInfo;
import org.woolly.tcop.SessionEngine;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.guc.ServerConfiguration;

/**
 * One session driven the way the simple-query loop drives it: each {@link #run} is one Query
 * message (every statement of the text in turn, then the implicit transaction ends; after an
 * error the session aborts as the loop would). Notices are collected in {@link #notices}.
 */
public final class TestSession implements AutoCloseable {
    /** The rows and command tag of the last statement of a message. */
    public record Result(List<Object[]> rows, String tag, PreparedQuery query) {
        public Object value() {
            return rows.getFirst()[0];
        }
    }

    public final List<SqlException> notices = new ArrayList<>();
    private final SessionEngine session;

    TestSession(Engine engine, RoleInfo role, String database, int processId) {
        session = engine.openSession(role, database, ServerConfiguration.defaults().newSession(), notices::add, processId);
    }

    public SessionEngine engine() {
        return session;
    }

    /** Runs every statement of {@code text} as one Query message; returns the last one's result. */
    public Result run(String text) {
        return run(text, new Object[0]);
    }

    /** Runs one statement with {@code $n} parameters bound to {@code parameters} (types inferred). */
    public Result run(String text, Object... parameters) {
        try {
            Result result = null;
            List<RawStatement> statements = session.parse(text);
            if (statements.size() > 1) {
                session.beginImplicitBlock();
            }
            for (RawStatement statement : statements) {
                PreparedQuery query = session.prepare(statement, text, new int[0]);
                List<Object[]> rows = new ArrayList<>();
                String tag;
                try (Portal portal = session.bind(query, parameters)) {
                    tag = portal.run(0, row -> rows.add(row.clone()));
                }
                result = new Result(rows, tag, query);
            }
            session.finishImplicitTransaction();
            return result;
        } catch (SqlException error) {
            session.abortAfterError();
            throw error;
        }
    }

    /** The first column of the first row of the last statement. */
    public Object value(String text) {
        return run(text).value();
    }

    /** Analyzes and plans one statement without running it (the Parse message). */
    public PreparedQuery prepare(String text) {
        try {
            return session.prepare(session.parse(text).getFirst(), text, new int[0]);
        } catch (SqlException error) {
            session.abortAfterError();
            throw error;
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
