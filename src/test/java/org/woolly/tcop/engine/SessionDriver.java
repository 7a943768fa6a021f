package org.woolly.tcop.engine;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.RawStatement;
import org.woolly.nodes.parse.Statement;
import org.woolly.tcop.Portal;
import org.woolly.tcop.PreparedQuery;
import org.woolly.tcop.SessionEngine;
import org.woolly.utils.error.SqlException;

/** Drives a session the way the simple-query loop does: prepare, bind, run, then end the implicit transaction. */
final class SessionDriver {
    final SessionEngine session;
    final List<SqlException> notices;

    record Result(List<Object[]> rows, String tag, PreparedQuery query) {
        Object value() {
            return rows.getFirst()[0];
        }
    }

    SessionDriver(SessionEngine session, List<SqlException> notices) {
        this.session = session;
        this.notices = notices;
    }

    Result run(Statement statement) {
        return run(new RawStatement(statement, 0, 0), "", new Object[0]);
    }

    Result run(RawStatement statement, String text, Object[] parameters) {
        try {
            PreparedQuery query = session.prepare(statement, text, new int[0]);
            List<Object[]> rows = new ArrayList<>();
            String tag;
            try (Portal portal = session.bind(query, parameters)) {
                tag = portal.run(0, row -> rows.add(row.clone()));
            }
            session.finishImplicitTransaction();
            return new Result(rows, tag, query);
        } catch (SqlException error) {
            session.abortAfterError();
            throw error;
        }
    }
}
