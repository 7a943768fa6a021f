package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The system views clients read (pg_roles, pg_user, pg_shadow, pg_tables, pg_views) through
 * pgjdbc: PostgreSQL 15's columns and types, their rows, and DML into them refused as PostgreSQL
 * refuses it.
 */
class SystemViewsIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(result.getString(i));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }

    private static ServerErrorMessage error(Connection connection, String sql) {
        return WoollyServerExtension.errorOf(connection, sql);
    }

    @Test
    void viewsHavePostgresColumnsAndTheirQueriesReturnThoseTypes() throws Exception {
        try (Connection connection = server.connect()) {
            assertThat(rows(connection, "SELECT c.relname, c.oid, c.reltype, c.relkind, c.relnatts FROM pg_class c "
                    + "WHERE c.relkind = 'v' AND c.relnamespace = 'pg_catalog'::regnamespace ORDER BY c.oid"))
                    .containsExactly("pg_stat_statements|9320|9322|v|43", "pg_stat_statements_info|9324|9326|v|2",
                            "pg_rules|9700|9702|v|4", "woolly_stat_activity|9750|9752|v|24",
                            "pg_roles|12000|12002|v|13", "pg_shadow|12005|12007|v|9", "pg_user|12014|12016|v|9",
                            "pg_views|12028|12030|v|4", "pg_tables|12033|12035|v|8", "pg_matviews|12038|12040|v|7",
                            "pg_indexes|12043|12045|v|5", "pg_sequences|12048|12050|v|11",
                            "pg_locks|12073|12075|v|16", "pg_prepared_xacts|12090|12092|v|5",
                            "pg_seclabels|12099|12101|v|8",
                            "pg_settings|12104|12106|v|17",
                            "pg_stat_all_tables|12142|12144|v|23", "pg_stat_sys_tables|12152|12154|v|23",
                            "pg_stat_user_tables|12161|12163|v|23", "pg_statio_all_tables|12170|12172|v|11",
                            "pg_statio_sys_tables|12175|12177|v|11", "pg_statio_user_tables|12179|12181|v|11",
                            "pg_stat_all_indexes|12183|12185|v|8",
                            "pg_stat_sys_indexes|12188|12190|v|8", "pg_stat_user_indexes|12192|12194|v|8",
                            "pg_statio_all_indexes|12196|12198|v|7", "pg_statio_sys_indexes|12201|12203|v|7",
                            "pg_statio_user_indexes|12205|12207|v|7", "pg_statio_all_sequences|12209|12211|v|5",
                            "pg_statio_sys_sequences|12214|12216|v|5", "pg_statio_user_sequences|12218|12220|v|5",
                            "pg_stat_activity|12222|12224|v|22", "pg_stat_database|12266|12268|v|28",
                            "pg_stat_bgwriter|12289|12291|v|11", "pg_stat_wal|12293|12295|v|9",
                            "pg_stat_progress_analyze|12297|12299|v|12", "pg_stat_progress_vacuum|12302|12304|v|11",
                            "pg_stat_progress_create_index|12312|12314|v|16", "pg_stat_progress_copy|12322|12324|v|10");
            assertThat(rows(connection, "SELECT a.attname, t.typname FROM pg_attribute a JOIN pg_type t "
                    + "ON t.oid = a.atttypid WHERE a.attrelid = 12033 ORDER BY a.attnum"))
                    .containsExactly("schemaname|name", "tablename|name", "tableowner|name", "tablespace|name",
                            "hasindexes|bool", "hasrules|bool", "hastriggers|bool", "rowsecurity|bool");
            // every system view, so one added later is checked too: its query returns what pg_attribute declares
            List<String> views = rows(connection, "SELECT viewname FROM pg_views WHERE schemaname = 'pg_catalog'");
            assertThat(views).contains("pg_roles", "pg_shadow", "pg_user", "pg_views", "pg_tables");
            for (String view : views) {
                List<String> declared = rows(connection, "SELECT a.attname, t.typname FROM pg_attribute a "
                        + "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid "
                        + "WHERE c.relname = '" + view + "' AND a.attnum > 0 ORDER BY a.attnum");
                List<String> returned = new ArrayList<>();
                try (Statement statement = connection.createStatement();
                     ResultSet result = statement.executeQuery("SELECT * FROM " + view)) {
                    ResultSetMetaData meta = result.getMetaData();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        returned.add(meta.getColumnName(i) + "|" + meta.getColumnTypeName(i));
                    }
                }
                assertThat(returned).as(view).isEqualTo(declared);
            }
        }
    }

    @Test
    void rolesUsersAndTablesAreListed() throws Exception {
        try (Connection connection = server.connect()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE sv_listed (a int)");
            }
            String user = connection.getMetaData().getUserName();
            assertThat(rows(connection, "SELECT rolname, rolsuper, rolcanlogin, rolconnlimit, rolpassword, "
                    + "rolconfig, oid FROM pg_roles WHERE oid = 10"))
                    .containsExactly(user + "|t|t|-1|********|null|10");
            assertThat(rows(connection, "SELECT u.usename, u.usesysid, u.usesuper, u.passwd FROM pg_user u"))
                    .containsExactly(user + "|10|t|********");
            assertThat(rows(connection, "SELECT usename, usesysid FROM pg_shadow")).containsExactly(user + "|10");
            assertThat(rows(connection, "SELECT schemaname, tablename, tableowner, tablespace, hasindexes "
                    + "FROM pg_tables WHERE schemaname = 'public'"))
                    .containsExactly("public|sv_listed|" + user + "|null|f");
            assertThat(rows(connection, "SELECT count(*) FROM pg_tables WHERE schemaname = 'pg_catalog' "
                    + "AND tablename IN ('pg_class', 'pg_authid', 'pg_rewrite')")).containsExactly("3");
            assertThat(rows(connection, "SELECT schemaname, viewowner, definition FROM pg_views "
                    + "WHERE viewname = 'pg_user'"))
                    .containsExactly("pg_catalog|" + user + "| SELECT pg_shadow.usename,\n    pg_shadow.usesysid,\n"
                            + "    pg_shadow.usecreatedb,\n    pg_shadow.usesuper,\n    pg_shadow.userepl,\n"
                            + "    pg_shadow.usebypassrls,\n    '********'::text AS passwd,\n    pg_shadow.valuntil,\n"
                            + "    pg_shadow.useconfig\n   FROM pg_shadow;");
            // views join like tables, with aliases and column aliases
            assertThat(rows(connection, "SELECT r.n, t.tablename FROM pg_roles r(n) JOIN pg_tables t "
                    + "ON t.tableowner = r.n WHERE t.tablename = 'sv_listed'"))
                    .containsExactly(user + "|sv_listed");
        }
    }

    @Test
    void aViewsQueryReadsTheCatalogsWhateverTheSearchPath() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE public.pg_authid (rolname text)");
            statement.execute("CREATE TABLE public.pg_shadow (usename text)");
            statement.execute("SET search_path = public, pg_catalog");
            assertThat(rows(connection, "SELECT count(*) FROM pg_roles WHERE oid = 10")).containsExactly("1");
            assertThat(rows(connection, "SELECT count(*) FROM pg_catalog.pg_user")).containsExactly("1");
            assertThat(error(connection, "DELETE FROM pg_catalog.pg_user").getMessage())
                    .isEqualTo("cannot delete from view \"pg_shadow\"");
            assertThat(rows(connection, "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = 'public' "
                    + "AND tablename LIKE 'pg_%' ORDER BY 1")).containsExactly("pg_authid", "pg_shadow");
            statement.execute("RESET search_path");
            statement.execute("DROP TABLE public.pg_authid, public.pg_shadow");
        }
    }

    @Test
    void preparedStatementsOnViewsAreReplannedAfterDdlOnTheTablesBehind() throws Exception {
        try (Connection connection = server.connect()) {
            try (var statement = connection.prepareStatement(
                    "SELECT count(*) FROM pg_tables WHERE tablename = ?")) {
                org.postgresql.PGStatement pg = statement.unwrap(org.postgresql.PGStatement.class);
                pg.setPrepareThreshold(1);
                for (int i = 0; i < 3; i++) {
                    statement.setString(1, "sv_replanned");
                    try (ResultSet result = statement.executeQuery()) {
                        result.next();
                        assertThat(result.getInt(1)).isZero();
                    }
                }
                try (Statement ddl = connection.createStatement()) {
                    ddl.execute("CREATE TABLE sv_replanned (a int)");
                }
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    assertThat(result.getInt(1)).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void dmlIntoAViewIsRefusedAsPostgresRefusesIt() throws Exception {
        try (Connection connection = server.connect()) {
            ServerErrorMessage insert = error(connection, "INSERT INTO pg_roles (rolname) VALUES ('x')");
            assertThat(insert.getSQLState()).isEqualTo("55000");
            assertThat(insert.getMessage()).isEqualTo("cannot insert into view \"pg_roles\"");
            assertThat(insert.getDetail())
                    .isEqualTo("Views that do not select from a single table or view are not automatically updatable.");
            assertThat(insert.getHint()).isEqualTo("To enable inserting into the view, provide an INSTEAD OF INSERT "
                    + "trigger or an unconditional ON INSERT DO INSTEAD rule.");
            // pg_user reads only pg_shadow: the statement passes on to it, as PostgreSQL's rewriter does
            ServerErrorMessage update = error(connection, "UPDATE pg_user SET usename = 'x'");
            assertThat(update.getMessage()).isEqualTo("cannot update view \"pg_shadow\"");
            assertThat(update.getHint()).isEqualTo("To enable updating the view, provide an INSTEAD OF UPDATE "
                    + "trigger or an unconditional ON UPDATE DO INSTEAD rule.");
            ServerErrorMessage delete = error(connection, "DELETE FROM pg_tables");
            assertThat(delete.getSQLState()).isEqualTo("55000");
            assertThat(delete.getMessage()).isEqualTo("cannot delete from view \"pg_tables\"");
            ServerErrorMessage drop = error(connection, "DROP TABLE pg_views");
            assertThat(drop.getSQLState()).isEqualTo("42809");
            assertThat(drop.getMessage()).isEqualTo("\"pg_views\" is not a table");
            assertThat(drop.getHint()).isEqualTo("Use DROP VIEW to remove a view.");
        }
    }
}
