package org.woolly.utils.adt;

import org.woolly.utils.adt.Geometry.Box;
import org.woolly.utils.adt.Geometry.Line;
import org.woolly.utils.adt.Geometry.LineSegment;
import org.woolly.utils.adt.Geometry.Point;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import static org.woolly.utils.adt.FloatOperators.add;
import static org.woolly.utils.adt.FloatOperators.divide;
import static org.woolly.utils.adt.FloatOperators.multiply;
import static org.woolly.utils.adt.Geometry.floatLess;
import static org.woolly.utils.adt.Geometry.fuzzyEquals;
import static org.woolly.utils.adt.Geometry.fuzzyLessOrEqual;
import static org.woolly.utils.adt.Geometry.fuzzyZero;
import static org.woolly.utils.adt.Geometry.minusChecked;

/**
 * The computations behind the operators on lines, segments and boxes, step for step as
 * {@code geo_ops.c} does them (its {@code line_interpt_line}, {@code lseg_closept_point},
 * {@code box_closept_lseg}, ...), so fuzzy comparisons and rounding give the same answers.
 * A method that also finds a point returns it in {@code result[0]} when {@code result} is not null.
 */
final class GeometricMath {
    private GeometricMath() {}

    /** {@code line_construct}: the line through a point with a slope. */
    static Line lineWithSlope(Point point, double slope) {
        if (Double.isInfinite(slope)) {
            return new Line(-1.0, 0.0, point.x());
        }
        if (slope == 0) {
            return new Line(0.0, -1.0, point.y());
        }
        double c = minusChecked(point.y(), multiply(slope, point.x()));
        return new Line(slope, -1.0, c == 0.0 ? 0.0 : c);
    }

    /** {@code line_construct_pp}. */
    static Line lineThrough(Point first, Point second) {
        if (first.same(second)) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid line specification: must be two distinct points");
        }
        return lineWithSlope(first, first.slope(second));
    }

    static double slope(Line line) {
        if (fuzzyZero(line.a())) {
            return 0.0;
        }
        if (fuzzyZero(line.b())) {
            return Double.POSITIVE_INFINITY;
        }
        return divide(line.a(), -line.b());
    }

    static double inverseSlope(Line line) {
        if (fuzzyZero(line.a())) {
            return Double.POSITIVE_INFINITY;
        }
        if (fuzzyZero(line.b())) {
            return 0.0;
        }
        return divide(line.b(), line.a());
    }

    /** {@code line_interpt_line}: false for parallel lines. */
    static boolean intersection(Point[] result, Line l1, Line l2) {
        double x;
        double y;
        if (!fuzzyZero(l1.b())) {
            if (fuzzyEquals(l2.a(), multiply(l1.a(), divide(l2.b(), l1.b())))) {
                return false;
            }
            x = divide(minusChecked(multiply(l1.b(), l2.c()), multiply(l2.b(), l1.c())),
                    minusChecked(multiply(l1.a(), l2.b()), multiply(l2.a(), l1.b())));
            y = divide(-add(multiply(l1.a(), x), l1.c()), l1.b());
        } else if (!fuzzyZero(l2.b())) {
            if (fuzzyEquals(l1.a(), multiply(l2.a(), divide(l1.b(), l2.b())))) {
                return false;
            }
            x = divide(minusChecked(multiply(l2.b(), l1.c()), multiply(l1.b(), l2.c())),
                    minusChecked(multiply(l2.a(), l1.b()), multiply(l1.a(), l2.b())));
            y = divide(-add(multiply(l2.a(), x), l2.c()), l2.b());
        } else {
            return false;
        }
        if (result != null) {
            result[0] = new Point(x == 0.0 ? 0.0 : x, y == 0.0 ? 0.0 : y);
        }
        return true;
    }

    static boolean perpendicular(Line l1, Line l2) {
        if (fuzzyZero(l1.a())) {
            return fuzzyZero(l2.b());
        }
        if (fuzzyZero(l2.a())) {
            return fuzzyZero(l1.b());
        }
        if (fuzzyZero(l1.b())) {
            return fuzzyZero(l2.a());
        }
        if (fuzzyZero(l2.b())) {
            return fuzzyZero(l1.a());
        }
        return fuzzyEquals(divide(multiply(l1.a(), l2.b()), multiply(l1.b(), l2.a())), -1.0);
    }

    static boolean same(Line l1, Line l2) {
        if (Double.isNaN(l1.a()) || Double.isNaN(l1.b()) || Double.isNaN(l1.c()) || Double.isNaN(l2.a())
                || Double.isNaN(l2.b()) || Double.isNaN(l2.c())) {
            return Geometry.floatEquals(l1.a(), l2.a()) && Geometry.floatEquals(l1.b(), l2.b())
                    && Geometry.floatEquals(l1.c(), l2.c());
        }
        double ratio;
        if (!fuzzyZero(l2.a())) {
            ratio = divide(l1.a(), l2.a());
        } else if (!fuzzyZero(l2.b())) {
            ratio = divide(l1.b(), l2.b());
        } else if (!fuzzyZero(l2.c())) {
            ratio = divide(l1.c(), l2.c());
        } else {
            ratio = 1.0;
        }
        return fuzzyEquals(l1.a(), multiply(ratio, l2.a())) && fuzzyEquals(l1.b(), multiply(ratio, l2.b()))
                && fuzzyEquals(l1.c(), multiply(ratio, l2.c()));
    }

    /** {@code line_distance}: zero unless parallel. */
    static double distance(Line l1, Line l2) {
        if (intersection(null, l1, l2)) {
            return 0.0;
        }
        double ratio;
        if (!fuzzyZero(l1.a()) && !Double.isNaN(l1.a()) && !fuzzyZero(l2.a()) && !Double.isNaN(l2.a())) {
            ratio = divide(l1.a(), l2.a());
        } else if (!fuzzyZero(l1.b()) && !Double.isNaN(l1.b()) && !fuzzyZero(l2.b()) && !Double.isNaN(l2.b())) {
            ratio = divide(l1.b(), l2.b());
        } else {
            ratio = 1.0;
        }
        return divide(Math.abs(minusChecked(l1.c(), multiply(ratio, l2.c()))), Geometry.hypot(l1.a(), l1.b()));
    }

    static boolean contains(Line line, Point point) {
        return fuzzyZero(add(add(multiply(line.a(), point.x()), multiply(line.b(), point.y())), line.c()));
    }

    /** {@code line_closept_point}: NaN (and the point itself) when no perpendicular foot is found. */
    static double closestPoint(Point[] result, Line line, Point point) {
        Line perpendicular = lineWithSlope(point, inverseSlope(line));
        Point[] foot = new Point[1];
        if (!intersection(foot, perpendicular, line)) {
            if (result != null) {
                result[0] = point;
            }
            return Double.NaN;
        }
        if (result != null) {
            result[0] = foot[0];
        }
        return foot[0].distance(point);
    }

    static double slope(LineSegment segment) {
        return segment.start().slope(segment.end());
    }

    static double length(LineSegment segment) {
        return segment.start().distance(segment.end());
    }

    static Point center(LineSegment segment) {
        return new Point(divide(add(segment.start().x(), segment.end().x()), 2.0),
                divide(add(segment.start().y(), segment.end().y()), 2.0));
    }

    /** {@code lseg_contain_point}. */
    static boolean contains(LineSegment segment, Point point) {
        return fuzzyEquals(add(point.distance(segment.start()), point.distance(segment.end())), length(segment));
    }

    /** {@code lseg_interpt_line}. */
    static boolean intersection(Point[] result, LineSegment segment, Line line) {
        Point[] crossing = new Point[1];
        if (!intersection(crossing, lineWithSlope(segment.start(), slope(segment)), line)
                || !contains(segment, crossing[0])) {
            return false;
        }
        if (result != null) {
            if (segment.start().same(crossing[0])) {
                result[0] = segment.start();
            } else if (segment.end().same(crossing[0])) {
                result[0] = segment.end();
            } else {
                result[0] = crossing[0];
            }
        }
        return true;
    }

    /** {@code lseg_interpt_lseg}. */
    static boolean intersection(Point[] result, LineSegment l1, LineSegment l2) {
        Point[] crossing = new Point[1];
        if (!intersection(crossing, l1, lineWithSlope(l2.start(), slope(l2))) || !contains(l2, crossing[0])) {
            return false;
        }
        if (result != null) {
            result[0] = crossing[0];
        }
        return true;
    }

    /** {@code lseg_closept_point}. */
    static double closestPoint(Point[] result, LineSegment segment, Point point) {
        Point[] closest = new Point[1];
        closestPoint(closest, segment, lineWithSlope(point, segment.start().inverseSlope(segment.end())));
        if (result != null) {
            result[0] = closest[0];
        }
        return closest[0].distance(point);
    }

    /** {@code lseg_closept_line}. */
    static double closestPoint(Point[] result, LineSegment segment, Line line) {
        if (intersection(result, segment, line)) {
            return 0.0;
        }
        double toStart = closestPoint(null, line, segment.start());
        double toEnd = closestPoint(null, line, segment.end());
        if (toStart < toEnd) {
            if (result != null) {
                result[0] = segment.start();
            }
            return toStart;
        }
        if (result != null) {
            result[0] = segment.end();
        }
        return toEnd;
    }

    /** {@code lseg_closept_lseg}: the point of {@code on} closest to {@code to}. */
    static double closestPoint(Point[] result, LineSegment on, LineSegment to) {
        if (intersection(result, on, to)) {
            return 0.0;
        }
        Point[] candidate = new Point[1];
        double distance = closestPoint(result, on, to.start());
        double d = closestPoint(candidate, on, to.end());
        if (floatLess(d, distance)) {
            distance = keep(result, candidate[0], d);
        }
        d = closestPoint(null, to, on.start());
        if (floatLess(d, distance)) {
            distance = keep(result, on.start(), d);
        }
        d = closestPoint(null, to, on.end());
        if (floatLess(d, distance)) {
            distance = keep(result, on.end(), d);
        }
        return distance;
    }

    private static double keep(Point[] result, Point point, double distance) {
        if (result != null) {
            result[0] = point;
        }
        return distance;
    }

    /** {@code box_ov}. */
    static boolean overlap(Box b1, Box b2) {
        return fuzzyLessOrEqual(b1.low().x(), b2.high().x()) && fuzzyLessOrEqual(b2.low().x(), b1.high().x())
                && fuzzyLessOrEqual(b1.low().y(), b2.high().y()) && fuzzyLessOrEqual(b2.low().y(), b1.high().y());
    }

    /** {@code box_contain_box}. */
    static boolean contains(Box outer, Box inner) {
        return Geometry.fuzzyGreaterOrEqual(outer.high().x(), inner.high().x())
                && fuzzyLessOrEqual(outer.low().x(), inner.low().x())
                && Geometry.fuzzyGreaterOrEqual(outer.high().y(), inner.high().y())
                && fuzzyLessOrEqual(outer.low().y(), inner.low().y());
    }

    /** {@code box_contain_point}: exact, no fuzz. */
    static boolean contains(Box box, Point point) {
        return box.high().x() >= point.x() && box.low().x() <= point.x() && box.high().y() >= point.y()
                && box.low().y() <= point.y();
    }

    /** The four sides of a box in {@code box_closept_point}'s order. */
    private static LineSegment[] sides(Box box) {
        Point upperLeft = new Point(box.low().x(), box.high().y());
        Point lowerRight = new Point(box.high().x(), box.low().y());
        return new LineSegment[] {new LineSegment(box.low(), upperLeft), new LineSegment(box.high(), upperLeft),
            new LineSegment(box.low(), lowerRight), new LineSegment(box.high(), lowerRight)};
    }

    /** {@code box_closept_point}. */
    static double closestPoint(Point[] result, Box box, Point point) {
        if (contains(box, point)) {
            return keep(result, point, 0.0);
        }
        return nearestSide(result, box, (found, side) -> closestPoint(found, side, point));
    }

    /** The distance (and in {@code result} the closest point) from a box side to something. */
    private interface SideDistance {
        double from(Point[] result, LineSegment side);
    }

    /** The smallest of the four sides' distances, the first side winning ties, as PostgreSQL scans them. */
    private static double nearestSide(Point[] result, Box box, SideDistance distanceTo) {
        LineSegment[] sides = sides(box);
        double distance = distanceTo.from(result, sides[0]);
        Point[] candidate = new Point[1];
        for (int i = 1; i < sides.length; i++) {
            double d = distanceTo.from(candidate, sides[i]);
            if (floatLess(d, distance)) {
                distance = keep(result, candidate[0], d);
            }
        }
        return distance;
    }

    /** {@code box_interpt_lseg}. */
    static boolean intersection(Point[] result, Box box, LineSegment segment) {
        Box around = new Box(new Point(Geometry.floatMax(segment.start().x(), segment.end().x()),
                Geometry.floatMax(segment.start().y(), segment.end().y())),
                new Point(Geometry.floatMin(segment.start().x(), segment.end().x()),
                        Geometry.floatMin(segment.start().y(), segment.end().y())));
        if (!overlap(around, box)) {
            return false;
        }
        if (result != null) {
            closestPoint(result, segment, box.center());
        }
        if (contains(box, segment.start()) || contains(box, segment.end())) {
            return true;
        }
        for (LineSegment side : sides(box)) {
            if (intersection(null, side, segment)) {
                return true;
            }
        }
        return false;
    }

    /** {@code box_closept_lseg}. */
    static double closestPoint(Point[] result, Box box, LineSegment segment) {
        if (intersection(result, box, segment)) {
            return 0.0;
        }
        return nearestSide(result, box, (found, side) -> closestPoint(found, side, segment));
    }

    /** {@code inter_lb}. */
    static boolean intersects(Line line, Box box) {
        Point lowLeft = box.low();
        Point upperLeft = new Point(box.low().x(), box.high().y());
        Point upperRight = box.high();
        Point lowRight = new Point(box.high().x(), box.low().y());
        return intersection(null, new LineSegment(lowLeft, upperLeft), line)
                || intersection(null, new LineSegment(upperRight, upperLeft), line)
                || intersection(null, new LineSegment(upperRight, lowRight), line)
                || intersection(null, new LineSegment(lowLeft, lowRight), line);
    }
}
