package org.woolly.testfs;

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

/** A session on an engine driven like the simple-query loop: each call is one Query message. */
final class SqlClient implements AutoCloseable {
    static final String SUPERUSER = "alice";

    private final SessionEngine session;

    SqlClient(Engine engine, int processId) {
        RoleInfo role = engine.lookupRole(SUPERUSER).orElseThrow();
        session = engine.openSession(role, "postgres", ServerConfiguration.defaults().newSession(), notice -> { }, processId);
    }

    /** Runs every statement of {@code text}; returns the last one's rows. */
    List<Object[]> query(String text) {
        List<Object[]> rows = new ArrayList<>();
        try {
            for (RawStatement statement : session.parse(text)) {
                rows.clear();
                PreparedQuery query = session.prepare(statement, text, new int[0]);
                try (Portal portal = session.bind(query, new Object[0])) {
                    portal.run(0, row -> rows.add(row.clone()));
                }
            }
            session.finishImplicitTransaction();
            return rows;
        } catch (SqlException error) {
            session.abortAfterError();
            throw error;
        }
    }

    long count(String table) {
        return ((Number) query("SELECT count(*) FROM " + table).getFirst()[0]).longValue();
    }

    @Override
    public void close() {
        session.close();
    }
}
