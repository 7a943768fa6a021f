package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.firstValue;
import static org.woolly.it.TestSessions.rows;
import static org.woolly.it.WoollyServerExtension.assertError;
import static org.woolly.it.WoollyServerExtension.errorOf;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Table inheritance as PostgreSQL 15 shows it: a psql script whose expected output PostgreSQL
 * produced (merged columns and their NOTICEs, reads of a parent with its children and with
 * ONLY, one Append in EXPLAIN, pg_inherits and the inheritance counts, {@code \d}, ADD/DROP
 * COLUMN recursion, DROP TABLE ... CASCADE); and through pgjdbc the errors clients match on and
 * a child created in a transaction becoming part of its parent's reads for others at commit.
 */
class InheritanceIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void psqlScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "inherit/inherit");
    }

    @Test
    void inheritanceErrorsCarryPostgresStatesAndTexts() throws SQLException {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE err_parent (a int, b text)");
            execute(connection, "CREATE TABLE err_child () INHERITS (err_parent)");
            assertError(errorOf(connection, "CREATE TABLE err_bad (b int) INHERITS (err_parent)"), "42804",
                    "column \"b\" has a type conflict", "text versus integer");
            assertError(errorOf(connection, "DROP TABLE err_parent"), "2BP01",
                    "cannot drop table err_parent because other objects depend on it",
                    "table err_child depends on table err_parent");
            assertError(errorOf(connection, "ALTER TABLE err_child DROP COLUMN a"), "42P16",
                    "cannot drop inherited column \"a\"", null);
            assertError(errorOf(connection, "CREATE SEQUENCE err_seq; CREATE TABLE err_s () INHERITS (err_seq)"),
                    "42809", "inherited relation \"err_seq\" is not a table or foreign table", null);
            execute(connection, "INSERT INTO err_child DEFAULT VALUES");
            assertThat(firstValue(connection, "SELECT tableoid::regclass FROM err_child")).isEqualTo("err_child");
            // read through the parent, tableoid names the child each row comes from
            assertThat(rows(connection, "SELECT tableoid::regclass, * FROM err_parent")).containsExactly("err_child|null|null");
            // DELETE through the parent reaches its children's rows (PostgreSQL's inheritance expansion)
            assertThat(rows(connection, "DELETE FROM err_parent RETURNING tableoid::regclass"))
                    .containsExactly("err_child");
        }
    }

    @Test
    void aChildCreatedInATransactionJoinsItsParentsReadsAtCommit() throws SQLException {
        try (Connection writer = server.connect(); Connection reader = server.connect()) {
            execute(writer, "CREATE TABLE tx_parent (id int)");
            execute(writer, "INSERT INTO tx_parent VALUES (1)");
            assertThat(rows(reader, "SELECT sum(id) FROM tx_parent")).containsExactly("1");
            writer.setAutoCommit(false);
            execute(writer, "CREATE TABLE tx_child (extra text) INHERITS (tx_parent)");
            execute(writer, "INSERT INTO tx_child VALUES (10, 'x')");
            assertThat(rows(writer, "SELECT sum(id) FROM tx_parent")).containsExactly("11");
            writer.commit();
            assertThat(rows(reader, "SELECT sum(id) FROM tx_parent")).containsExactly("11");
            assertThat(rows(reader, "SELECT sum(id) FROM ONLY tx_parent")).containsExactly("1");
        }
    }
}
