package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.WoollyServerExtension.errorOf;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.rows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.ServerErrorMessage;

/**
 * ALTER TABLE DROP COLUMN and what depends on the column, as PostgreSQL 15's dependency rules
 * have it: indexes on the column, expression and partial indexes that read it, and CHECK, UNIQUE
 * and PRIMARY KEY constraints over it go with it (automatic dependencies); a foreign key of
 * another table that references it needs CASCADE (2BP01 otherwise). Expected texts were checked
 * against PostgreSQL 15.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DropColumnDependentsIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    private static List<String> constraints(Connection connection, String tables) throws SQLException {
        return rows(connection, "SELECT conname FROM pg_constraint WHERE conrelid IN (" + tables + ") ORDER BY 1");
    }

    @Test
    void indexesAndConstraintsThatUseTheColumnGoWithIt() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TABLE items (id int PRIMARY KEY, a int, b int, c text, e int, "
                + "CONSTRAINT items_ab CHECK (a < b), CONSTRAINT items_e CHECK (e > 0), "
                + "CONSTRAINT items_be UNIQUE (b, e))");
        execute(c, "CREATE UNIQUE INDEX items_sum ON items ((a + b))");
        execute(c, "CREATE INDEX items_part ON items (id) WHERE b > 0");
        execute(c, "CREATE INDEX items_lower ON items (lower(c))");
        execute(c, "INSERT INTO items VALUES (1, 1, 2, 'x', 5)");
        execute(c, "ALTER TABLE items DROP COLUMN b");
        assertThat(constraints(c, "'items'::regclass")).containsExactly("items_e", "items_pkey");
        assertThat(rows(c, "SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = 'items'::regclass "
                + "ORDER BY 1")).containsExactly("CREATE INDEX items_lower ON public.items USING btree (lower(c))",
                "CREATE UNIQUE INDEX items_pkey ON public.items USING btree (id)");
        // the table stays usable: no index is left reading the dropped column
        execute(c, "INSERT INTO items VALUES (2, 1, 'x', 6)");
        ServerErrorMessage check = errorOf(c, "INSERT INTO items VALUES (3, 1, 'y', -1)");
        assertThat(check.getSQLState()).isEqualTo("23514");
        assertThat(check.getDetail()).isEqualTo("Failing row contains (3, 1, y, -1).");
        assertThat(rows(c, "SELECT id, a, c, e FROM items ORDER BY id")).containsExactly("1|1|x|5", "2|1|x|6");
        execute(c, "ALTER TABLE items DROP COLUMN c CASCADE");
        assertThat(rows(c, "SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = 'items'::regclass"))
                .containsExactly("items_pkey");
        execute(c, "ALTER TABLE items DROP COLUMN id");
        assertThat(constraints(c, "'items'::regclass")).containsExactly("items_e");
    }

    @Test
    void aForeignKeyReferencingTheColumnNeedsCascade() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TABLE parent (id int, code int CONSTRAINT parent_code UNIQUE)");
        execute(c, "CREATE TABLE child (id int, code int REFERENCES parent (code))");
        for (String drop : List.of("ALTER TABLE parent DROP COLUMN code", "ALTER TABLE parent DROP COLUMN code RESTRICT")) {
            ServerErrorMessage error = errorOf(c, drop);
            assertThat(error.getSQLState()).isEqualTo("2BP01");
            assertThat(error.getMessage())
                    .isEqualTo("cannot drop column code of table parent because other objects depend on it");
            assertThat(error.getDetail())
                    .isEqualTo("constraint child_code_fkey on table child depends on column code of table parent");
            assertThat(error.getHint()).isEqualTo("Use DROP ... CASCADE to drop the dependent objects too.");
        }
        c.setAutoCommit(false);
        try (Statement statement = c.createStatement()) {
            statement.execute("ALTER TABLE parent DROP COLUMN code CASCADE");
            assertThat(statement.getWarnings().getMessage())
                    .isEqualTo("drop cascades to constraint child_code_fkey on table child");
        }
        assertThat(constraints(c, "'parent'::regclass, 'child'::regclass")).isEmpty();
        c.rollback();
        c.setAutoCommit(true);
        assertThat(constraints(c, "'parent'::regclass, 'child'::regclass"))
                .containsExactly("child_code_fkey", "parent_code");
        // the referencing column itself takes only its own foreign key with it
        execute(c, "ALTER TABLE child DROP COLUMN code");
        assertThat(constraints(c, "'parent'::regclass, 'child'::regclass")).containsExactly("parent_code");
        execute(c, "CREATE TABLE child2 (id int, code int REFERENCES parent (code), CONSTRAINT child2_k UNIQUE (code))");
        execute(c, "CREATE TABLE child3 (id int, code int REFERENCES parent (code))");
        assertThat(errorOf(c, "ALTER TABLE parent DROP COLUMN code").getDetail()).isEqualTo(
                "constraint child2_code_fkey on table child2 depends on column code of table parent\n"
                        + "constraint child3_code_fkey on table child3 depends on column code of table parent");
        try (Statement statement = c.createStatement()) {
            statement.execute("ALTER TABLE parent DROP COLUMN code CASCADE");
            SQLWarning notice = statement.getWarnings();
            assertThat(notice.getMessage()).isEqualTo("drop cascades to 2 other objects");
        }
        assertThat(constraints(c, "'parent'::regclass, 'child2'::regclass, 'child3'::regclass"))
                .containsExactly("child2_k");
        // the foreign keys are gone, so a code with no parent is accepted
        execute(c, "INSERT INTO child2 VALUES (1, 999)");
    }
}
