package org.woolly.utils.adt;

import java.util.Arrays;

/**
 * Values of the geometric types ({@code src/include/utils/geo_decls.h}): point, lseg, box, path,
 * polygon, line and circle, with the fuzzy comparisons every geometric operator uses
 * ({@code FPeq} and kin: two coordinates within {@link #EPSILON} are equal) and float8
 * arithmetic with {@code float.h}'s overflow and underflow checks.
 *
 * <p>Each value knows its binary form ({@code point_send} and kin), which is also how a tuple
 * stores it: fixed-length types as their coordinates, path and polygon as a varlena.
 */
public sealed interface Geometry {
    /** {@code EPSILON} of {@code geo_decls.h}. */
    double EPSILON = 1.0E-06;

    /** The binary form {@code *_send} writes. */
    byte[] binary();

    /** {@code Point}: x and y. */
    record Point(double x, double y) implements Geometry {
        @Override
        public byte[] binary() {
            return doubles(x, y);
        }

        Point plus(Point other) {
            return new Point(FloatOperators.add(x, other.x), FloatOperators.add(y, other.y));
        }

        Point minus(Point other) {
            return new Point(minusChecked(x, other.x), minusChecked(y, other.y));
        }

        /** {@code point_mul_point}: complex multiplication, the scaling and rotation of {@code *}. */
        Point times(Point other) {
            return new Point(minusChecked(FloatOperators.multiply(x, other.x), FloatOperators.multiply(y, other.y)),
                    FloatOperators.add(FloatOperators.multiply(x, other.y), FloatOperators.multiply(y, other.x)));
        }

        /** {@code point_div_point}: complex division. */
        Point dividedBy(Point other) {
            double divisor = FloatOperators.add(FloatOperators.multiply(other.x, other.x),
                    FloatOperators.multiply(other.y, other.y));
            return new Point(
                    FloatOperators.divide(FloatOperators.add(FloatOperators.multiply(x, other.x),
                            FloatOperators.multiply(y, other.y)), divisor),
                    FloatOperators.divide(minusChecked(FloatOperators.multiply(y, other.x),
                            FloatOperators.multiply(x, other.y)), divisor));
        }

        /** {@code point_dt}. */
        double distance(Point other) {
            return hypot(minusChecked(x, other.x), minusChecked(y, other.y));
        }

        /** {@code point_eq_point}: fuzzy, but NaN coordinates must match exactly. */
        boolean same(Point other) {
            if (Double.isNaN(x) || Double.isNaN(y) || Double.isNaN(other.x) || Double.isNaN(other.y)) {
                return floatEquals(x, other.x) && floatEquals(y, other.y);
            }
            return fuzzyEquals(x, other.x) && fuzzyEquals(y, other.y);
        }

        /** {@code point_sl}. */
        double slope(Point other) {
            if (fuzzyEquals(x, other.x)) {
                return Double.POSITIVE_INFINITY;
            }
            if (fuzzyEquals(y, other.y)) {
                return 0.0;
            }
            return FloatOperators.divide(minusChecked(y, other.y), minusChecked(x, other.x));
        }

        /** {@code point_invsl}: the slope of a perpendicular. */
        double inverseSlope(Point other) {
            if (fuzzyEquals(x, other.x)) {
                return 0.0;
            }
            if (fuzzyEquals(y, other.y)) {
                return Double.POSITIVE_INFINITY;
            }
            return FloatOperators.divide(minusChecked(x, other.x), minusChecked(other.y, y));
        }
    }

    /** {@code LSEG}: a line segment between two points. */
    record LineSegment(Point start, Point end) implements Geometry {
        @Override
        public byte[] binary() {
            return doubles(start.x, start.y, end.x, end.y);
        }
    }

    /** {@code LINE}: Ax + By + C = 0. */
    record Line(double a, double b, double c) implements Geometry {
        @Override
        public byte[] binary() {
            return doubles(a, b, c);
        }
    }

    /** {@code BOX}: the upper right and lower left corners ({@code box_construct} keeps them so). */
    record Box(Point high, Point low) implements Geometry {
        @Override
        public byte[] binary() {
            return doubles(high.x, high.y, low.x, low.y);
        }

        /** {@code box_construct}: orders the corners. */
        static Box of(Point first, Point second) {
            double highX = floatGreater(first.x, second.x) ? first.x : second.x;
            double lowX = floatGreater(first.x, second.x) ? second.x : first.x;
            double highY = floatGreater(first.y, second.y) ? first.y : second.y;
            double lowY = floatGreater(first.y, second.y) ? second.y : first.y;
            return new Box(new Point(highX, highY), new Point(lowX, lowY));
        }

        Point center() {
            return new Point(FloatOperators.divide(FloatOperators.add(high.x, low.x), 2.0),
                    FloatOperators.divide(FloatOperators.add(high.y, low.y), 2.0));
        }

        double width() {
            return minusChecked(high.x, low.x);
        }

        double height() {
            return minusChecked(high.y, low.y);
        }

        double area() {
            return FloatOperators.multiply(width(), height());
        }
    }

    /** {@code PATH}: open or closed. */
    record Path(boolean closed, Point[] points) implements Geometry {
        @Override
        public byte[] binary() {
            byte[] bytes = new byte[5 + 16 * points.length];
            bytes[0] = (byte) (closed ? 1 : 0);
            TypeErrors.writeInt(bytes, 1, points.length);
            writePoints(bytes, 5, points);
            return bytes;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Path path && path.closed == closed && Arrays.equals(path.points, points);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(points) * 2 + (closed ? 1 : 0);
        }

        @Override
        public String toString() {
            return "Path[" + closed + ", " + Arrays.toString(points) + "]";
        }
    }

    /** {@code POLYGON}: its points and their bounding box. */
    record Polygon(Point[] points, Box boundingBox) implements Geometry {
        /** {@code make_bound_box}. */
        static Polygon of(Point[] points) {
            double lowX = points[0].x;
            double highX = lowX;
            double lowY = points[0].y;
            double highY = lowY;
            for (Point point : points) {
                lowX = floatLess(point.x, lowX) ? point.x : lowX;
                highX = floatGreater(point.x, highX) ? point.x : highX;
                lowY = floatLess(point.y, lowY) ? point.y : lowY;
                highY = floatGreater(point.y, highY) ? point.y : highY;
            }
            return new Polygon(points, new Box(new Point(highX, highY), new Point(lowX, lowY)));
        }

        @Override
        public byte[] binary() {
            byte[] bytes = new byte[4 + 16 * points.length];
            TypeErrors.writeInt(bytes, 0, points.length);
            writePoints(bytes, 4, points);
            return bytes;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Polygon polygon && Arrays.equals(polygon.points, points);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(points);
        }

        @Override
        public String toString() {
            return "Polygon" + Arrays.toString(points);
        }
    }

    /** {@code CIRCLE}: center and radius. */
    record Circle(Point center, double radius) implements Geometry {
        @Override
        public byte[] binary() {
            return doubles(center.x, center.y, radius);
        }

        double area() {
            return FloatOperators.multiply(FloatOperators.multiply(radius, radius), Math.PI);
        }
    }

    /**
     * Part {@code index} (from 0) of a point, line, lseg or box subscripted as its parts are
     * stored (x, y; A, B, C; the two points; high, low), or null out of range.
     */
    static Object part(Geometry value, int index) {
        Object[] parts = switch (value) {
            case Point point -> new Object[] {point.x, point.y};
            case Line line -> new Object[] {line.a, line.b, line.c};
            case LineSegment segment -> new Object[] {segment.start, segment.end};
            case Box box -> new Object[] {box.high, box.low};
            default -> new Object[0];
        };
        return index >= 0 && index < parts.length ? parts[index] : null;
    }

    /** Whether values of this type are geometric (their Java values implement this interface). */
    static boolean isGeometric(int typeOid) {
        return switch (typeOid) {
            case TypeOids.POINT, TypeOids.LSEG, TypeOids.PATH, TypeOids.BOX, TypeOids.POLYGON, TypeOids.LINE,
                 TypeOids.CIRCLE -> true;
            default -> false;
        };
    }

    /** Reads the binary form of a value of a geometric type; a tuple stores the same bytes. */
    static Geometry fromBinary(int typeOid, byte[] bytes, int offset, int length) {
        return GeometricIO.receive(typeOid, bytes, offset, length);
    }

    /** {@code FPzero}. */
    static boolean fuzzyZero(double value) {
        return Math.abs(value) <= EPSILON;
    }

    /** {@code FPeq}. */
    static boolean fuzzyEquals(double a, double b) {
        return a == b || Math.abs(a - b) <= EPSILON;
    }

    /** {@code FPne}: false when either is NaN. */
    static boolean fuzzyNotEquals(double a, double b) {
        return a != b && Math.abs(a - b) > EPSILON;
    }

    /** {@code FPlt}. */
    static boolean fuzzyLess(double a, double b) {
        return b - a > EPSILON;
    }

    /** {@code FPle}. */
    static boolean fuzzyLessOrEqual(double a, double b) {
        return a - b <= EPSILON;
    }

    /** {@code FPgt}. */
    static boolean fuzzyGreater(double a, double b) {
        return a - b > EPSILON;
    }

    /** {@code FPge}. */
    static boolean fuzzyGreaterOrEqual(double a, double b) {
        return b - a <= EPSILON;
    }

    /** {@code float8_eq}: NaN equals NaN. */
    static boolean floatEquals(double a, double b) {
        return Double.isNaN(a) ? Double.isNaN(b) : !Double.isNaN(b) && a == b;
    }

    /** {@code float8_lt}: NaN sorts above everything. */
    static boolean floatLess(double a, double b) {
        return !Double.isNaN(a) && (Double.isNaN(b) || a < b);
    }

    /** {@code float8_gt}. */
    static boolean floatGreater(double a, double b) {
        return Double.isNaN(a) ? !Double.isNaN(b) : !Double.isNaN(b) && a > b;
    }

    /** {@code float8_min}. */
    static double floatMin(double a, double b) {
        return floatLess(a, b) ? a : b;
    }

    /** {@code float8_max}. */
    static double floatMax(double a, double b) {
        return floatGreater(a, b) ? a : b;
    }

    /** {@code float8_mi}. */
    static double minusChecked(double a, double b) {
        double result = a - b;
        if (Double.isInfinite(result) && !Double.isInfinite(a) && !Double.isInfinite(b)) {
            throw FloatOperators.overflow();
        }
        return result;
    }

    /** {@code pg_hypot}: sqrt(x² + y²) without needless overflow. */
    static double hypot(double x, double y) {
        if (Double.isInfinite(x) || Double.isInfinite(y)) {
            return Double.POSITIVE_INFINITY;
        }
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return Double.NaN;
        }
        double larger = Math.abs(x);
        double smaller = Math.abs(y);
        if (larger < smaller) {
            double swap = larger;
            larger = smaller;
            smaller = swap;
        }
        if (smaller == 0.0) {
            return larger;
        }
        double ratio = smaller / larger;
        return larger * Math.sqrt(1.0 + ratio * ratio);
    }

    private static byte[] doubles(double... values) {
        byte[] bytes = new byte[8 * values.length];
        for (int i = 0; i < values.length; i++) {
            TypeErrors.writeLong(bytes, 8 * i, Double.doubleToRawLongBits(values[i]));
        }
        return bytes;
    }

    private static void writePoints(byte[] bytes, int offset, Point[] points) {
        for (int i = 0; i < points.length; i++) {
            TypeErrors.writeLong(bytes, offset + 16 * i, Double.doubleToRawLongBits(points[i].x));
            TypeErrors.writeLong(bytes, offset + 16 * i + 8, Double.doubleToRawLongBits(points[i].y));
        }
    }
}
