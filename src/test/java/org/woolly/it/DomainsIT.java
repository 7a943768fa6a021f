package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.rows;
import static org.woolly.it.WoollyServerExtension.errorOf;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.ServerErrorMessage;

/**
 * Domains as a client sees them: CREATE DOMAIN with NOT NULL, DEFAULT and CHECK enforced on
 * INSERT, UPDATE, COPY, casts and function arguments (23502, 23514 with PostgreSQL 15's
 * texts), domains over domains, ALTER DOMAIN checking the stored values, DROP DOMAIN with its
 * dependents (2BP01), JDBC metadata, the catalogs after a restart, and a psql script compared
 * with PostgreSQL 15's output (pieces of the regression test domain.sql).
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DomainsIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    @RegisterExtension
    final KillableServer killable = new KillableServer();

    @Test
    void theScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "domains/domains");
    }

    @Test
    void constraintsApplyToEveryWayAValueArrives() throws Exception {
        Connection c = ownSchema("arrivals");
        execute(c, "CREATE DOMAIN price AS numeric(8,2) NOT NULL DEFAULT 1 CONSTRAINT price_positive CHECK (VALUE > 0)");
        execute(c, "CREATE TABLE article (name text, cost price)");
        execute(c, "INSERT INTO article (name) VALUES ('default')");
        execute(c, "INSERT INTO article VALUES ('pen', 2.505)");
        assertThat(rows(c, "SELECT name, cost, cost * 2 FROM article ORDER BY cost"))
                .containsExactly("default|1.00|2.00", "pen|2.51|5.02");

        ServerErrorMessage negative = errorOf(c, "INSERT INTO article VALUES ('bad', -1)");
        assertThat(negative.getSQLState()).isEqualTo("23514");
        assertThat(negative.getMessage()).isEqualTo("value for domain price violates check constraint \"price_positive\"");
        ServerErrorMessage missing = errorOf(c, "UPDATE article SET cost = NULL");
        assertThat(missing.getSQLState()).isEqualTo("23502");
        assertThat(missing.getMessage()).isEqualTo("domain price does not allow null values");
        assertThat(errorOf(c, "SELECT (-3)::price").getSQLState()).isEqualTo("23514");

        try (PreparedStatement insert = c.prepareStatement("INSERT INTO article VALUES (?, ?)")) {
            insert.setString(1, "bound");
            insert.setBigDecimal(2, new java.math.BigDecimal("-4"));
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(java.sql.SQLException.class,
                    insert::executeUpdate).getSQLState()).isEqualTo("23514");
        }
        org.postgresql.copy.CopyManager copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(java.sql.SQLException.class,
                () -> copy.copyIn("COPY article FROM STDIN", new java.io.StringReader("copied\t0\n"))).getSQLState())
                .isEqualTo("23514");
        assertThat(copy.copyIn("COPY article FROM STDIN", new java.io.StringReader("copied\t3\n"))).isEqualTo(1);

        execute(c, "CREATE DOMAIN cheap AS price CHECK (VALUE < 10)");
        assertThat(rows(c, "SELECT 5::cheap, pg_typeof(5::cheap)")).containsExactly("5.00|cheap");
        ServerErrorMessage inner = errorOf(c, "SELECT 0::cheap");
        assertThat(inner.getMessage()).isEqualTo("value for domain cheap violates check constraint \"price_positive\"");
        execute(c, "CREATE FUNCTION twice(p cheap) RETURNS numeric LANGUAGE sql AS 'SELECT p * 2'");
        assertThat(rows(c, "SELECT twice(4) = 8")).containsExactly("t");
        assertThat(errorOf(c, "SELECT twice(40)").getSQLState()).isEqualTo("23514");
    }

    @Test
    void alterDomainChecksStoredValuesAndDropFollowsDependencies() throws Exception {
        Connection c = ownSchema("alterations");
        execute(c, "CREATE DOMAIN code AS text");
        execute(c, "CREATE TABLE item (c code)");
        execute(c, "INSERT INTO item VALUES ('a'), ('bbb'), (NULL)");
        ServerErrorMessage notNull = errorOf(c, "ALTER DOMAIN code SET NOT NULL");
        assertThat(notNull.getSQLState()).isEqualTo("23502");
        assertThat(notNull.getMessage()).isEqualTo("column \"c\" of table \"item\" contains null values");
        ServerErrorMessage check = errorOf(c, "ALTER DOMAIN code ADD CONSTRAINT short CHECK (length(VALUE) < 3)");
        assertThat(check.getSQLState()).isEqualTo("23514");
        assertThat(check.getMessage())
                .isEqualTo("column \"c\" of table \"item\" contains values that violate the new constraint");
        execute(c, "ALTER DOMAIN code ADD CONSTRAINT short CHECK (length(VALUE) < 3) NOT VALID");
        assertThat(rows(c, "SELECT conname, convalidated, pg_get_constraintdef(oid) FROM pg_constraint "
                + "WHERE contypid = 'code'::regtype")).containsExactly("short|f|CHECK ((length(VALUE) < 3)) NOT VALID");
        assertThat(errorOf(c, "INSERT INTO item VALUES ('cccc')").getSQLState()).isEqualTo("23514");
        execute(c, "DELETE FROM item WHERE c = 'bbb'");
        execute(c, "ALTER DOMAIN code VALIDATE CONSTRAINT short");
        execute(c, "ALTER DOMAIN code DROP CONSTRAINT short");
        execute(c, "INSERT INTO item VALUES ('cccc')");

        ServerErrorMessage dependents = errorOf(c, "DROP DOMAIN code");
        assertThat(dependents.getSQLState()).isEqualTo("2BP01");
        assertThat(dependents.getMessage()).isEqualTo("cannot drop type code because other objects depend on it");
        assertThat(dependents.getDetail()).isEqualTo("column c of table item depends on type code");
        execute(c, "DROP DOMAIN code CASCADE");
        assertThat(rows(c, "SELECT count(*) FROM pg_attribute WHERE attrelid = 'item'::regclass AND attnum > 0 "
                + "AND NOT attisdropped")).containsExactly("0");
        ServerErrorMessage notDomain = errorOf(c, "DROP DOMAIN int4");
        assertThat(notDomain.getSQLState()).isEqualTo("42809");
    }

    @Test
    void jdbcMetadataReportsTheBaseType() throws Exception {
        Connection c = ownSchema("metadata");
        execute(c, "CREATE DOMAIN counter AS integer CHECK (VALUE >= 0)");
        execute(c, "CREATE TABLE tally (n counter)");
        execute(c, "INSERT INTO tally VALUES (4)");
        try (ResultSet columns = c.getMetaData().getColumns(null, "metadata", "tally", "n")) {
            assertThat(columns.next()).isTrue();
            assertThat(columns.getInt("DATA_TYPE")).isEqualTo(Types.DISTINCT);
            assertThat(columns.getString("TYPE_NAME")).isEqualTo("counter");
        }
        try (ResultSet result = c.createStatement().executeQuery("SELECT n FROM tally")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isEqualTo(4);
            assertThat(result.getMetaData().getColumnType(1)).isEqualTo(Types.INTEGER);
        }
    }

    /** A session whose objects live in a schema of their own, out of the sight of the psql script's {@code \dD}. */
    private Connection ownSchema(String schema) throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE SCHEMA " + schema);
        execute(c, "SET search_path = " + schema);
        return c;
    }

    @Test
    void domainsSurviveARestart() throws Exception {
        killable.initAndStart();
        try (Connection c = killable.connect()) {
            execute(c, "CREATE DOMAIN grade AS int NOT NULL DEFAULT 3 CHECK (VALUE BETWEEN 1 AND 6)");
            execute(c, "CREATE TABLE exam (student text, mark grade)");
            execute(c, "INSERT INTO exam VALUES ('a', 1), ('b', DEFAULT)");
        }
        killable.kill();
        killable.restart();
        try (Connection c = killable.connect()) {
            assertThat(rows(c, "SELECT student, mark FROM exam ORDER BY student")).containsExactly("a|1", "b|3");
            assertThat(rows(c, "SELECT typtype, typbasetype::regtype, typnotnull, typdefault FROM pg_type "
                    + "WHERE typname = 'grade'")).containsExactly("d|integer|t|3");
            assertThat(errorOf(c, "INSERT INTO exam VALUES ('c', 7)").getMessage())
                    .isEqualTo("value for domain grade violates check constraint \"grade_check\"");
            execute(c, "INSERT INTO exam (student) VALUES ('d')");
            assertThat(rows(c, "SELECT mark FROM exam WHERE student = 'd'")).containsExactly("3");
        }
    }
}
