package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.firstValue;
import static org.woolly.it.TestSessions.rows;
import static org.woolly.it.WoollyServerExtension.errorOf;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.ServerErrorMessage;

/**
 * Composite types and row values as a client sees them: ROW(...) and (a, b) in the select list
 * in record_out's text form, CREATE TYPE ... AS (...) with its pg_type/pg_class rows, table
 * columns of a composite type (stored, compared, ordered, field selection), whole-row
 * references, row IS [NOT] NULL, and DROP TYPE with its dependency error. Expected texts were
 * checked against PostgreSQL 15.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CompositeTypesIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    @Test
    void rowConstructorsPrintAsRecordOut() throws Exception {
        Connection c = sessions.connect();
        assertThat(rows(c, "SELECT ROW(1, 'a b', NULL)")).containsExactly("(1,\"a b\",)");
        assertThat(rows(c, "SELECT (1, 2) AS r, ROW('', 'x\"y', 'a\\b')"))
                .containsExactly("(1,2)|(\"\",\"x\"\"y\",\"a\\\\b\")");
        assertThat(rows(c, "SELECT ROW(1, 2)::text, (ROW(1, 2)).f2, pg_typeof(ROW(1, 2))"))
                .containsExactly("(1,2)|2|record");
        ServerErrorMessage anonymous = errorOf(c, "SELECT '(1,2)'::record");
        assertThat(anonymous.getSQLState()).isEqualTo("0A000");
        assertThat(anonymous.getMessage()).isEqualTo("input of anonymous composite types is not implemented");
    }

    @Test
    void compositeColumnsStoreCompareAndSelectFields() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TYPE pair AS (x int, label text)");
        execute(c, "CREATE TABLE holder (id int, p pair)");
        execute(c, "INSERT INTO holder VALUES (1, ROW(1, 'one')), (2, '(2,\"two words\")'), (3, NULL), "
                + "(4, ROW(NULL, NULL))");
        assertThat(rows(c, "SELECT id, p, (p).x, (p).label FROM holder ORDER BY id")).containsExactly(
                "1|(1,one)|1|one", "2|(2,\"two words\")|2|two words", "3|null|null|null", "4|(,)|null|null");
        assertThat(rows(c, "SELECT h FROM holder h ORDER BY id")).containsExactly("(1,\"(1,one)\")",
                "(2,\"(2,\"\"two words\"\")\")", "(3,)", "(4,\"(,)\")");
        assertThat(rows(c, "SELECT id, p IS NULL, p IS NOT NULL FROM holder ORDER BY id")).containsExactly(
                "1|f|t", "2|f|t", "3|t|f", "4|t|f");
        assertThat(rows(c, "SELECT id FROM holder WHERE p = ROW(1, 'one')::pair")).containsExactly("1");
        assertThat(rows(c, "SELECT p FROM holder WHERE p IS NOT NULL ORDER BY p DESC"))
                .containsExactly("(2,\"two words\")", "(1,one)");
        assertThat(rows(c, "SELECT count(h), pg_typeof(min(id)) FROM holder h")).containsExactly("4|integer");
        assertThat(firstValue(c, "SELECT pg_typeof(p) FROM holder LIMIT 1")).isEqualTo("pair");
        try (Statement statement = c.createStatement();
             ResultSet result = statement.executeQuery("SELECT p FROM holder WHERE id = 2")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo("(2,\"two words\")");
            assertThat(result.getMetaData().getColumnTypeName(1)).isEqualTo("pair");
        }

        ServerErrorMessage noField = errorOf(c, "SELECT (p).nope FROM holder");
        assertThat(noField.getSQLState()).isEqualTo("42703");
        assertThat(noField.getMessage()).isEqualTo("column \"nope\" not found in data type pair");
        ServerErrorMessage notComposite = errorOf(c, "SELECT (id).x FROM holder");
        assertThat(notComposite.getSQLState()).isEqualTo("42809");
        assertThat(notComposite.getMessage())
                .isEqualTo("column notation .x applied to type integer, which is not a composite type");
        ServerErrorMessage malformed = errorOf(c, "SELECT '(1,2'::pair");
        assertThat(malformed.getSQLState()).isEqualTo("22P02");
        assertThat(malformed.getMessage()).isEqualTo("malformed record literal: \"(1,2\"");
        assertThat(malformed.getDetail()).isEqualTo("Unexpected end of input.");
    }

    @Test
    void createTypeWritesCatalogRowsAndDropTypeChecksDependents() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TYPE point3 AS (x float8, y float8, z float8)");
        assertThat(rows(c, "SELECT typtype, typrelid::regclass, typarray <> 0 FROM pg_type WHERE typname = 'point3'"))
                .containsExactly("c|point3|t");
        assertThat(rows(c, "SELECT relkind, relnatts FROM pg_class WHERE relname = 'point3'")).containsExactly("c|3");
        assertThat(rows(c, "SELECT attname, atttypid::regtype FROM pg_attribute WHERE attrelid = 'point3'::regclass "
                + "ORDER BY attnum")).containsExactly("x|double precision", "y|double precision", "z|double precision");
        execute(c, "CREATE TABLE shapes (id int, corner point3)");
        execute(c, "INSERT INTO shapes VALUES (1, ROW(1, 2.5, -3))");
        assertThat(rows(c, "SELECT corner, (corner).y FROM shapes")).containsExactly("(1,2.5,-3)|2.5");

        ServerErrorMessage dependent = errorOf(c, "DROP TYPE point3");
        assertThat(dependent.getSQLState()).isEqualTo("2BP01");
        assertThat(dependent.getMessage()).isEqualTo("cannot drop type point3 because other objects depend on it");
        assertThat(dependent.getDetail()).isEqualTo("column corner of table shapes depends on type point3");
        execute(c, "DROP TYPE point3 CASCADE");
        assertThat(rows(c, "SELECT * FROM shapes")).containsExactly("1");
        assertThat(rows(c, "SELECT count(*) FROM pg_class WHERE relname = 'point3'")).containsExactly("0");
        execute(c, "DROP TYPE IF EXISTS point3");
    }

    @Test
    void fieldsAreAssignedByUpdateAndInsert() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TYPE inner_t AS (a int, b text)");
        execute(c, "CREATE TYPE outer_t AS (i inner_t, n numeric)");
        execute(c, "CREATE TABLE nest (id int, o outer_t, p inner_t)");
        execute(c, "INSERT INTO nest VALUES (1, ROW(ROW(1, 'x'), 2.5), ROW(3, 'y'))");
        execute(c, "INSERT INTO nest (id, p.a, p.b) VALUES (2, 7, 'seven')");
        execute(c, "UPDATE nest SET p.b = 'changed', o.n = 9 WHERE id = 1");
        execute(c, "UPDATE nest SET o.i.a = 42 WHERE id = 1");
        assertThat(rows(c, "SELECT * FROM nest ORDER BY id")).containsExactly("1|(\"(42,x)\",9)|(3,changed)",
                "2|null|(7,seven)");
        assertThat(rows(c, "SELECT ((o).i).a, (o).n FROM nest ORDER BY id")).containsExactly("42|9", "null|null");
        ServerErrorMessage noField = errorOf(c, "UPDATE nest SET p.zz = 1");
        assertThat(noField.getSQLState()).isEqualTo("42703");
        assertThat(noField.getMessage()).isEqualTo(
                "cannot assign to field \"zz\" of column \"p\" because there is no such column in data type inner_t");
        ServerErrorMessage notComposite = errorOf(c, "UPDATE nest SET id.zz = 1");
        assertThat(notComposite.getSQLState()).isEqualTo("42804");
        assertThat(notComposite.getMessage()).isEqualTo(
                "cannot assign to field \"zz\" of column \"id\" because its type integer is not a composite type");
    }

    @Test
    void sqlFunctionsReturnCompositeValues() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TYPE made AS (a int, b text)");
        execute(c, "CREATE FUNCTION mk(int) RETURNS made LANGUAGE sql AS $$ SELECT $1, 'made' $$");
        assertThat(rows(c, "SELECT mk(5), (mk(7)).b")).containsExactly("(5,made)|made");
        assertThat(rows(c, "SELECT * FROM mk(6)")).containsExactly("6|made");
    }

    @Test
    void alterTypeChangesAttributes() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TYPE two AS (a int, b text)");
        execute(c, "ALTER TYPE two ADD ATTRIBUTE c numeric");
        execute(c, "ALTER TYPE two RENAME ATTRIBUTE b TO bb");
        execute(c, "ALTER TYPE two DROP ATTRIBUTE IF EXISTS zz");
        execute(c, "ALTER TYPE two DROP ATTRIBUTE a");
        assertThat(rows(c, "SELECT '(x,1.5)'::two, ('(x,1.5)'::two).bb")).containsExactly("(x,1.5)|x");
        execute(c, "ALTER TYPE two RENAME TO three");
        assertThat(rows(c, "SELECT '(y,2)'::three")).containsExactly("(y,2)");
        ServerErrorMessage duplicate = errorOf(c, "ALTER TYPE three ADD ATTRIBUTE bb int");
        assertThat(duplicate.getSQLState()).isEqualTo("42701");
        assertThat(duplicate.getMessage()).isEqualTo("column \"bb\" of relation \"three\" already exists");
    }

    @Test
    void searchDepthFirstAndCycleAddRecordColumns() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TABLE graph (f int, t int, label text)");
        execute(c, "INSERT INTO graph VALUES (1, 2, 'arc 1 -> 2'), (1, 3, 'arc 1 -> 3'), (2, 3, 'arc 2 -> 3'), "
                + "(1, 4, 'arc 1 -> 4'), (4, 5, 'arc 4 -> 5'), (5, 1, 'arc 5 -> 1')");
        String recursive = "WITH RECURSIVE search_graph(f, t, label) AS (SELECT * FROM graph g UNION ALL "
                + "SELECT g.f, g.t, g.label FROM graph g, search_graph sg WHERE g.f = sg.t) ";
        assertThat(rows(c, recursive + "SEARCH DEPTH FIRST BY f, t SET seq CYCLE f, t SET is_cycle TO 'Y' DEFAULT 'N' "
                + "USING path SELECT f, t, seq, is_cycle FROM search_graph ORDER BY seq LIMIT 8")).containsExactly(
                "1|2|{\"(1,2)\"}|N", "2|3|{\"(1,2)\",\"(2,3)\"}|N", "1|3|{\"(1,3)\"}|N", "1|4|{\"(1,4)\"}|N",
                "4|5|{\"(1,4)\",\"(4,5)\"}|N", "5|1|{\"(1,4)\",\"(4,5)\",\"(5,1)\"}|N",
                "1|2|{\"(1,4)\",\"(4,5)\",\"(5,1)\",\"(1,2)\"}|N",
                "2|3|{\"(1,4)\",\"(4,5)\",\"(5,1)\",\"(1,2)\",\"(2,3)\"}|N");
        assertThat(rows(c, recursive + "CYCLE f, t SET is_cycle USING path "
                + "SELECT count(*), count(*) FILTER (WHERE is_cycle) FROM search_graph")).containsExactly("25|3");
        assertThat(rows(c, "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 4) "
                + "SEARCH DEPTH FIRST BY n SET ord SELECT * FROM t ORDER BY ord")).containsExactly("1|{(1)}",
                "2|{(1),(2)}", "3|{(1),(2),(3)}", "4|{(1),(2),(3),(4)}");
        ServerErrorMessage missing = errorOf(c, "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t "
                + "WHERE n < 4) SEARCH DEPTH FIRST BY x SET ord SELECT * FROM t");
        assertThat(missing.getSQLState()).isEqualTo("42P10");
        assertThat(missing.getMessage()).isEqualTo("search column \"x\" not in WITH query column list");
    }
}
