package org.woolly.server;

import org.woolly.catalog.DatabaseInfo;
import org.woolly.catalog.RoleInfo;
import org.woolly.nodes.parse.RawStatement;
import org.woolly.tcop.Portal;
import org.woolly.tcop.PreparedQuery;
import org.woolly.tcop.SessionEngine;
import org.woolly.utils.guc.GucSession;
import org.woolly.utils.guc.ServerConfiguration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * initdb's SQL step that creates the {@code information_schema} schema, its domains, helper
 * functions and views in every database, as {@code setup_schema} of PostgreSQL's initdb runs
 * {@code information_schema.sql} in template1 (which template0 and postgres are copied from
 * there; Woolly bootstraps each database itself, so the script runs in each). The script is the
 * resource {@code information_schema.sql} next to this class; its statements are separated by
 * lines holding only {@code ;;}. The objects are owned by the bootstrap superuser and get
 * ordinary OIDs; pg_dump and psql's lists leave the schema out by its name, as they do in
 * PostgreSQL.
 */
final class InformationSchemaSetup {
    private static final String SCRIPT = "information_schema.sql";

    private InformationSchemaSetup() {}

    /** Runs the script in every database of a freshly bootstrapped cluster, as its superuser. */
    static void run(WoollyEngine engine) {
        String script = script();
        RoleInfo superuser = engine.bootstrapSuperuser().flatMap(engine::lookupRole)
                .orElseThrow(() -> new IllegalStateException("no bootstrap superuser"));
        for (DatabaseInfo database : engine.databases()) {
            GucSession settings = ServerConfiguration.defaults().newSession();
            settings.setSessionUser(superuser.name(), true);
            try (SessionEngine session = engine.openInitSession(superuser, database, settings)) {
                for (String statement : script.split("\n;;\n")) {
                    if (!statement.isBlank()) {
                        execute(session, statement);
                    }
                }
                // initdb's vacuum_db: the catalogs start frozen, so datfrozenxid starts at initdb's
                // last XID and template0, which nobody can connect to and vacuum, holds no horizon back
                execute(session, "VACUUM FREEZE");
            }
        }
    }

    private static void execute(SessionEngine session, String text) {
        for (RawStatement statement : session.parse(text)) {
            PreparedQuery query = session.prepare(statement, text, new int[0]);
            try (Portal portal = session.bind(query, new Object[0])) {
                portal.run(0, row -> { });
            }
        }
        session.finishImplicitTransaction();
    }

    private static String script() {
        try (InputStream in = InformationSchemaSetup.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("resource " + SCRIPT + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
