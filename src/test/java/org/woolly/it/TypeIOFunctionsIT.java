package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.firstValue;
import static org.woolly.it.TestSessions.rows;
import static org.woolly.it.WoollyServerExtension.assertError;
import static org.woolly.it.WoollyServerExtension.errorOf;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PGobject;

/**
 * The types' I/O functions as pg_proc rows and regproc values in pg_type, as PostgreSQL 15 has
 * them: what lets the JDBC driver's getObject read enum and composite columns (it asks
 * {@code typinput = 'pg_catalog.array_in'::regproc}), and SQL calls of {@code int4in},
 * {@code array_in}, {@code int4send}, {@code record_out} with PostgreSQL's results and errors.
 * Expected values were checked against PostgreSQL 15.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TypeIOFunctionsIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    @Test
    void jdbcGetObjectReadsEnumAndCompositeColumns() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TYPE mood AS ENUM ('sad', 'ok')");
        execute(c, "CREATE TYPE complex AS (r float8, i float8)");
        execute(c, "CREATE TABLE t (m mood, z complex, a int[])");
        execute(c, "INSERT INTO t VALUES ('ok', ROW(1, 2), '{1,2}')");
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT m, z, a FROM t")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getObject(1)).isEqualTo("ok");
            assertThat(r.getMetaData().getColumnTypeName(1)).isEqualTo("mood");
            PGobject complex = (PGobject) r.getObject(2);
            assertThat(complex.getType()).isEqualTo("complex");
            assertThat(complex.getValue()).isEqualTo("(1,2)");
            assertThat((Integer[]) r.getArray(3).getArray()).containsExactly(1, 2);
        }
    }

    @Test
    void pgTypeNamesItsIoFunctionsAsRegproc() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TYPE color AS ENUM ('red')");
        execute(c, "CREATE TYPE pair AS (a int, b text)");
        assertThat(rows(c, "SELECT typname, typinput, typoutput, typreceive, typsend, pg_typeof(typinput) FROM pg_type "
                + "WHERE typname IN ('int4', '_int4', 'color', '_color', 'pair', 'cstring') ORDER BY typname"))
                .containsExactly("_color|array_in|array_out|array_recv|array_send|regproc",
                        "_int4|array_in|array_out|array_recv|array_send|regproc",
                        "color|enum_in|enum_out|enum_recv|enum_send|regproc",
                        "cstring|cstring_in|cstring_out|cstring_recv|cstring_send|regproc",
                        "int4|int4in|int4out|int4recv|int4send|regproc",
                        "pair|record_in|record_out|record_recv|record_send|regproc");
        assertThat(rows(c, "SELECT typname FROM pg_type WHERE typinput = 'pg_catalog.array_in'::regproc "
                + "AND typname IN ('_int4', 'int4', '_color')ORDER BY 1")).containsExactly("_color", "_int4");
        assertThat(firstValue(c, "SELECT p.proname || '(' || pg_get_function_arguments(p.oid) || ') ' "
                + "|| p.prorettype::regtype FROM pg_proc p WHERE p.oid = 'int4in'::regproc"))
                .isEqualTo("int4in(cstring) integer");
        // every base, enum and composite type's input function is a pg_proc row (domains' domain_in is not yet)
        assertThat(firstValue(c, "SELECT count(*) FROM pg_type t WHERE t.typtype NOT IN ('p', 'd') AND t.typelem = 0 "
                + "AND NOT EXISTS (SELECT FROM pg_proc p WHERE p.oid = t.typinput)")).isEqualTo("0");
    }

    @Test
    void ioFunctionsAreCallable() throws Exception {
        Connection c = sessions.connect();
        assertThat(rows(c, "SELECT int4in('42'), pg_typeof(int4in('42')), int4out(7), pg_typeof(int4out(7))"))
                .containsExactly("42|integer|7|cstring");
        assertThat(rows(c, "SELECT array_in('{1,2}', 23, -1), int4send(5), textin(textout('a')), "
                + "record_out(ROW(1, 'x')), array_out('{3,4}'::int[])"))
                .containsExactly("{1,2}|\\x00000005|a|(1,x)|{3,4}");
        assertThat(firstValue(c, "SELECT varcharin('abc', 0, 7)")).isEqualTo("abc");
        assertError(errorOf(c, "SELECT varcharin('abcdef', 0, 7)"), "22001",
                "value too long for type character varying(3)", null);
        assertError(errorOf(c, "SELECT int4in('x')"), "22P02", "invalid input syntax for type integer: \"x\"", null);
        assertThat(rows(c, "SELECT 'x'::text::cstring, 'a'::cstring::text, cstring_in('a') || 'b'"))
                .containsExactly("x|a|ab");
        assertError(errorOf(c, "SELECT 5::cstring"), "42846", "cannot cast type integer to cstring", null);
        assertError(errorOf(c, "CREATE TABLE bad (c cstring)"), "42P16", "column \"c\" has pseudo-type cstring", null);
    }
}
