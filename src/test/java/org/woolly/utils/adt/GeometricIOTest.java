package org.woolly.utils.adt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.woolly.utils.adt.Geometry.Box;
import org.woolly.utils.adt.Geometry.Circle;
import org.woolly.utils.adt.Geometry.Line;
import org.woolly.utils.adt.Geometry.Path;
import org.woolly.utils.adt.Geometry.Point;
import org.woolly.utils.adt.Geometry.Polygon;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** Text and binary forms of the geometric types, as {@code geo_ops.c} reads and writes them. */
class GeometricIOTest {
    private static final FormatSettings SETTINGS = FormatSettings.DEFAULT;

    private static String roundTrip(GeometricIO io, String text) {
        return io.output(io.input(text, -1, SETTINGS), SETTINGS);
    }

    @Test
    void textFormsNormalizeAsPostgres() {
        assertThat(roundTrip(GeometricIO.POINT, " ( 1.5 , -2e3 ) ")).isEqualTo("(1.5,-2000)");
        assertThat(roundTrip(GeometricIO.POINT, "3,4")).isEqualTo("(3,4)");
        assertThat(roundTrip(GeometricIO.POINT, "(inf,NaN)")).isEqualTo("(Infinity,NaN)");
        assertThat(roundTrip(GeometricIO.LSEG, "1,2,3,4")).isEqualTo("[(1,2),(3,4)]");
        assertThat(roundTrip(GeometricIO.BOX, "(0,0),(2,3)")).isEqualTo("(2,3),(0,0)");
        assertThat(roundTrip(GeometricIO.PATH, "((1,2),(3,4))")).isEqualTo("((1,2),(3,4))");
        assertThat(roundTrip(GeometricIO.PATH, " [1,2,3, 4] ")).isEqualTo("[(1,2),(3,4)]");
        assertThat(roundTrip(GeometricIO.POLYGON, "1,2,3,4")).isEqualTo("((1,2),(3,4))");
        assertThat(roundTrip(GeometricIO.LINE, "[(0,0),(6,6)]")).isEqualTo("{1,-1,0}");
        assertThat(roundTrip(GeometricIO.LINE, "{0,-1,5}")).isEqualTo("{0,-1,5}");
        assertThat(roundTrip(GeometricIO.CIRCLE, " ( 100 , 200 ) , 10 ")).isEqualTo("<(100,200),10>");
        assertThat(roundTrip(GeometricIO.CIRCLE, "<(1,2),3>")).isEqualTo("<(1,2),3>");
    }

    @Test
    void coordinatesPrintLikeFloat8WithExtraFloatDigits() {
        Point point = new Point(0.1 + 0.2, 1.0 / 3);
        assertThat(GeometricIO.POINT.output(point, SETTINGS)).isEqualTo("(0.30000000000000004,0.3333333333333333)");
        assertThat(GeometricIO.POINT.output(point, new FormatSettings(SETTINGS.dateStyle(), SETTINGS.dateOrder(),
                SETTINGS.timeZone(), SETTINGS.timeZoneName(), SETTINGS.intervalStyle(), 0, true))).isEqualTo("(0.3,0.333333333333333)");
    }

    @Test
    void badTextIsInvalidSyntaxForTheType() {
        for (String text : new String[] {"asdf", "(1,2", "(1 2)", "(1,2) x", ""}) {
            assertThatThrownBy(() -> GeometricIO.POINT.input(text, -1, SETTINGS))
                    .isInstanceOfSatisfying(SqlException.class, error -> {
                        assertThat(error.sqlState()).isEqualTo(SqlState.INVALID_TEXT_REPRESENTATION);
                        assertThat(error.getMessage()).isEqualTo("invalid input syntax for type point: \"" + text + "\"");
                    });
        }
        assertThatThrownBy(() -> GeometricIO.BOX.input("[1,2,3,4)", -1, SETTINGS))
                .hasMessage("invalid input syntax for type box: \"[1,2,3,4)\"");
        assertThatThrownBy(() -> GeometricIO.POINT.input("(1,1e500)", -1, SETTINGS))
                .hasMessage("\"1e500\" is out of range for type double precision");
        assertThatThrownBy(() -> GeometricIO.CIRCLE.input("<(1,2),-1>", -1, SETTINGS))
                .hasMessage("invalid input syntax for type circle: \"<(1,2),-1>\"");
        assertThatThrownBy(() -> GeometricIO.LINE.input("{0,0,1}", -1, SETTINGS))
                .hasMessage("invalid line specification: A and B cannot both be zero");
    }

    @Test
    void binaryFormIsTheSendLayout() {
        Point point = new Point(1.5, -2);
        byte[] bytes = GeometricIO.POINT.send(point, SETTINGS);
        assertThat(bytes).hasSize(16);
        assertThat(Double.longBitsToDouble(TypeErrors.readLong(bytes, 0))).isEqualTo(1.5);
        assertThat(GeometricIO.POINT.receive(bytes, 0, 16, -1, SETTINGS)).isEqualTo(point);

        Path path = new Path(true, new Point[] {new Point(0, 0), new Point(1, 1)});
        byte[] pathBytes = GeometricIO.PATH.send(path, SETTINGS);
        assertThat(pathBytes[0]).isEqualTo((byte) 1);
        assertThat(TypeErrors.readInt(pathBytes, 1)).isEqualTo(2);
        assertThat(GeometricIO.PATH.receive(pathBytes, 0, pathBytes.length, -1, SETTINGS)).isEqualTo(path);

        Polygon polygon = Polygon.of(new Point[] {new Point(0, 0), new Point(4, 0), new Point(0, 3)});
        Polygon received = (Polygon) GeometricIO.POLYGON.receive(GeometricIO.POLYGON.send(polygon, SETTINGS), 0,
                52, -1, SETTINGS);
        assertThat(received).isEqualTo(polygon);
        assertThat(received.boundingBox()).isEqualTo(new Box(new Point(4, 3), new Point(0, 0)));

        Box box = Box.of(new Point(0, 5), new Point(3, 1));
        assertThat(GeometricIO.BOX.receive(GeometricIO.BOX.send(box, SETTINGS), 0, 32, -1, SETTINGS)).isEqualTo(box);
        Circle circle = new Circle(new Point(1, 2), 3);
        assertThat(GeometricIO.CIRCLE.receive(circle.binary(), 0, 24, -1, SETTINGS)).isEqualTo(circle);
        Line line = new Line(1, -1, 0);
        assertThat(GeometricIO.LINE.receive(line.binary(), 0, 24, -1, SETTINGS)).isEqualTo(line);
    }

    @Test
    void badBinaryIsRejected() {
        byte[] negativeRadius = new Circle(new Point(0, 0), -1).binary();
        assertThatThrownBy(() -> GeometricIO.CIRCLE.receive(negativeRadius, 0, 24, -1, SETTINGS))
                .hasMessage("invalid radius in external \"circle\" value");
        byte[] noPoints = new byte[5];
        assertThatThrownBy(() -> GeometricIO.PATH.receive(noPoints, 0, 5, -1, SETTINGS))
                .hasMessage("invalid number of points in external \"path\" value");
    }
}
