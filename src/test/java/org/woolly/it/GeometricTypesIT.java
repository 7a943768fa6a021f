package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.firstRow;
import static org.woolly.it.TestSessions.rows;
import static org.woolly.it.WoollyServerExtension.assertError;
import static org.woolly.it.WoollyServerExtension.errorOf;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.geometric.PGbox;
import org.postgresql.geometric.PGcircle;
import org.postgresql.geometric.PGline;
import org.postgresql.geometric.PGlseg;
import org.postgresql.geometric.PGpath;
import org.postgresql.geometric.PGpoint;
import org.postgresql.geometric.PGpolygon;
import org.postgresql.util.ServerErrorMessage;

/**
 * The geometric types as clients see them: psql scripts whose expected output PostgreSQL 15
 * printed (text forms and their errors, every operator family over the regression suite's
 * tables), pgjdbc's {@code PGpoint}, {@code PGbox}, ... classes in both directions, the binary
 * protocol, values kept across a restart-free re-read of the table, and the errors for ORDER BY
 * and DISTINCT on types without a btree operator class.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GeometricTypesIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    @Test
    void inputOutputMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "geometric/io");
    }

    @Test
    void pointOperatorsMatchPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "geometric/points");
    }

    @Test
    void shapeOperatorsMatchPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "geometric/shapes");
    }

    @Test
    void pgjdbcGeometricClassesRoundTrip() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TABLE shapes (p point, l lseg, b box, pa path, po polygon, li line, c circle)");
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO shapes VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, new PGpoint(1.5, -2));
            insert.setObject(2, new PGlseg(0, 0, 3, 4));
            insert.setObject(3, new PGbox(0, 0, 2, 3));
            insert.setObject(4, new PGpath(new PGpoint[] {new PGpoint(0, 0), new PGpoint(1, 1)}, true));
            insert.setObject(5, new PGpolygon(new PGpoint[] {new PGpoint(0, 0), new PGpoint(4, 0), new PGpoint(0, 4)}));
            insert.setObject(6, new PGline(1, -1, 0));
            insert.setObject(7, new PGcircle(1, 2, 3));
            insert.executeUpdate();
        }
        try (PreparedStatement select = c.prepareStatement("SELECT * FROM shapes");
             ResultSet row = select.executeQuery()) {
            assertThat(row.next()).isTrue();
            // getObject would ask pg_type through 'array_in'::regproc, which Woolly's pg_proc lacks
            assertThat(new PGpoint(row.getString(1))).isEqualTo(new PGpoint(1.5, -2));
            assertThat(new PGlseg(row.getString(2))).isEqualTo(new PGlseg(0, 0, 3, 4));
            assertThat(new PGbox(row.getString(3))).isEqualTo(new PGbox(2, 3, 0, 0));
            assertThat(new PGpath(row.getString(4)).isOpen()).isTrue();
            assertThat(new PGpolygon(row.getString(5))).isEqualTo(new PGpolygon(row.getString(5)));
            assertThat(row.getString(5)).isEqualTo("((0,0),(4,0),(0,4))");
            assertThat(new PGline(row.getString(6))).isEqualTo(new PGline(1, -1, 0));
            assertThat(new PGcircle(row.getString(7))).isEqualTo(new PGcircle(1, 2, 3));
        }
        assertThat(firstRow(c, "SELECT area(b), po @> p, po @> point '(1,1)', c <-> point '(1,8)', @-@ pa FROM shapes"))
                .containsExactly("6", "f", "t", "3", "1.4142135623730951");
    }

    @Test
    void binaryProtocolCarriesTheCoordinates() throws Exception {
        try (Connection c = server.connect("prepareThreshold=-1&binaryTransferEnable=600,601,602,603,604,628,718")) {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT ?::point + point '(1,1)', box(?::point, point '(0,0)'), ?::circle, ?::path, ?::polygon")) {
                select.setObject(1, new PGpoint(0.5, 2));
                select.setObject(2, new PGpoint(-1, 3));
                select.setString(3, "<(1,2),0.25>");
                select.setString(4, "[(1,2),(3,4)]");
                select.setString(5, "(0,0),(1,1),(1,0)");
                try (ResultSet row = select.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    // the columns arrive in binary: getBytes hands over point_send's bytes as they came
                    assertThat(doubles(row.getBytes(1), 0, 2)).containsExactly(1.5, 3.0);
                    assertThat(doubles(row.getBytes(2), 0, 4)).containsExactly(0.0, 3.0, -1.0, 0.0);
                    assertThat(doubles(row.getBytes(3), 0, 3)).containsExactly(1.0, 2.0, 0.25);
                    byte[] path = row.getBytes(4);
                    assertThat(path[0]).as("closed").isZero();
                    assertThat(ByteBuffer.wrap(path, 1, 4).getInt()).isEqualTo(2);
                    assertThat(doubles(path, 5, 4)).containsExactly(1.0, 2.0, 3.0, 4.0);
                    byte[] polygon = row.getBytes(5);
                    assertThat(ByteBuffer.wrap(polygon, 0, 4).getInt()).isEqualTo(3);
                    assertThat(doubles(polygon, 4, 6)).containsExactly(0.0, 0.0, 1.0, 1.0, 1.0, 0.0);
                }
            }
        }
    }

    private static double[] doubles(byte[] bytes, int offset, int count) {
        assertThat(bytes).hasSize(offset + 8 * count);
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, 8 * count);
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = buffer.getDouble();
        }
        return values;
    }

    @Test
    void storedValuesSurviveUpdatesAndIndexedTables() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TABLE places (id int PRIMARY KEY, location point, area box, route path)");
        execute(c, "INSERT INTO places SELECT g, point(g, -g), box(point(g, g), point(0, 0)), "
                + "path '[(0,0),(1,1)]' + point(g, 0) FROM generate_series(1, 50) g");
        execute(c, "UPDATE places SET location = location * point '(0,1)' WHERE id % 10 = 0");
        assertThat(rows(c, "SELECT id, location, area, route FROM places WHERE id IN (3, 10) ORDER BY id"))
                .containsExactly("3|(3,-3)|(3,3),(0,0)|[(3,0),(4,1)]", "10|(10,10)|(10,10),(0,0)|[(10,0),(11,1)]");
        assertThat(rows(c, "SELECT count(*) FROM places WHERE location <@ box '(0,0),(100,100)'"))
                .containsExactly("5");
    }

    @Test
    void badInputAndTypesWithoutOrderingFailAsPostgres() throws Exception {
        Connection c = sessions.connect();
        assertError(errorOf(c, "SELECT point '(1,2'"), "22P02", "invalid input syntax for type point: \"(1,2\"", null);
        assertError(errorOf(c, "SELECT '{0,0,1}'::line"), "22P02",
                "invalid line specification: A and B cannot both be zero", null);
        assertError(errorOf(c, "SELECT point '(1,1)' / point '(0,0)'"), "22012", "division by zero", null);
        assertError(errorOf(c, "SELECT polygon(path '[(0,0),(1,1)]')"), "22023",
                "open path cannot be converted to polygon", null);
        execute(c, "CREATE TABLE unordered (p point, b box)");
        ServerErrorMessage ordering = errorOf(c, "SELECT p FROM unordered ORDER BY p");
        assertError(ordering, "42883", "could not identify an ordering operator for type point", null);
        assertThat(ordering.getHint()).isEqualTo("Use an explicit ordering operator or modify the query.");
        assertError(errorOf(c, "SELECT DISTINCT b FROM unordered"), "42883",
                "could not identify an equality operator for type box", null);
        assertError(errorOf(c, "SELECT p, count(*) FROM unordered GROUP BY p"), "42883",
                "could not identify an equality operator for type point", null);
    }
}
