package org.woolly.postmaster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.catalog.RoleInfo;
import org.woolly.tcop.Engine;
import org.woolly.testsupport.TestCluster;
import org.woolly.testsupport.TestSession;
import org.woolly.utils.guc.ServerConfiguration;

/**
 * Autovacuum and the frozen-XID age ({@code do_start_worker}'s wraparound databases): every
 * database whose datfrozenxid is older than autovacuum_freeze_max_age is chosen, template0
 * included, and its worker gets in although datallowconn is false, vacuums the whole database
 * (catalogs included) and moves datfrozenxid forward, so pg_xact can be cut.
 */
class AutovacuumFrozenXidAgeTest {
    @TempDir
    Path directory;

    private static long datfrozenxid(TestSession session, String database) {
        return Long.parseLong(session.value("SELECT datfrozenxid::text FROM pg_database WHERE datname = '"
                + database + "'").toString());
    }

    @Test
    void aWorkerVacuumsTemplate0ThoughItTakesNoConnectionsAndItsDatfrozenxidAdvances() {
        try (TestCluster cluster = TestCluster.create(directory);
             TestSession session = cluster.session()) {
            Engine engine = cluster.engine();
            // XIDs used after initdb's VACUUM FREEZE: every database is now that much older
            session.run("CREATE TABLE t (a int)");
            for (int i = 0; i < 5; i++) {
                session.run("INSERT INTO t VALUES (" + i + ")");
            }
            long lastXid = Long.parseLong(session.value("SELECT txid_current()::text").toString());
            int template0 = Integer.parseInt(session.value(
                    "SELECT oid::text FROM pg_database WHERE datname = 'template0'").toString());
            long before = datfrozenxid(session, "template0");
            assertThat(engine.databasesOlderThan(0)).contains(template0);
            assertThat(engine.databasesOlderThan(1_000_000)).isEmpty();

            RoleInfo superuser = engine.lookupRole(TestCluster.SUPERUSER).orElseThrow();
            ServerConfiguration configuration = ServerConfiguration.defaults();
            assertThatThrownBy(() -> engine.openSession(superuser, "template0", configuration.newSession(),
                    report -> { }, 901)).hasMessage("database \"template0\" is not currently accepting connections");

            new AutovacuumWorker(engine, configuration, template0, "template0", 902, true).run();

            // every XID in template0 was frozen by initdb, so its horizon is now the VACUUM's oldest xmin
            assertThat(datfrozenxid(session, "template0")).isGreaterThan(before).isGreaterThan(lastXid);
        }
    }
}
