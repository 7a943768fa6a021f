package org.woolly.utils.adt;

import org.woolly.utils.adt.Geometry.Box;
import org.woolly.utils.adt.Geometry.Circle;
import org.woolly.utils.adt.Geometry.LineSegment;
import org.woolly.utils.adt.Geometry.Path;
import org.woolly.utils.adt.Geometry.Point;
import org.woolly.utils.adt.Geometry.Polygon;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import static org.woolly.utils.adt.FloatOperators.add;
import static org.woolly.utils.adt.FloatOperators.divide;
import static org.woolly.utils.adt.FloatOperators.multiply;
import static org.woolly.utils.adt.Geometry.floatLess;
import static org.woolly.utils.adt.Geometry.fuzzyEquals;
import static org.woolly.utils.adt.Geometry.fuzzyGreater;
import static org.woolly.utils.adt.Geometry.fuzzyGreaterOrEqual;
import static org.woolly.utils.adt.Geometry.fuzzyLess;
import static org.woolly.utils.adt.Geometry.fuzzyLessOrEqual;
import static org.woolly.utils.adt.Geometry.fuzzyZero;
import static org.woolly.utils.adt.Geometry.minusChecked;

/**
 * The computations on paths, polygons and circles, as {@code geo_ops.c} does them: the
 * crossing-number test {@code point_inside}, polygon containment by {@code lseg_inside_poly},
 * polygon overlap, distances between paths, and the conversions between the shapes.
 */
final class GeometricShapes {
    /** {@code POINT_ON_POLYGON} of {@code lseg_crossing}. */
    private static final int ON_POLYGON = Integer.MAX_VALUE;

    private GeometricShapes() {}

    /** The segment ending at point {@code i}; for i = 0 the closing one, or null when the path is open. */
    private static LineSegment segmentEndingAt(Point[] points, boolean closed, int i) {
        if (i > 0) {
            return new LineSegment(points[i - 1], points[i]);
        }
        return closed ? new LineSegment(points[points.length - 1], points[0]) : null;
    }

    static double length(Path path) {
        double result = 0.0;
        for (int i = 0; i < path.points().length; i++) {
            LineSegment segment = segmentEndingAt(path.points(), path.closed(), i);
            if (segment != null) {
                result = add(result, GeometricMath.length(segment));
            }
        }
        return result;
    }

    /** {@code path_area}: null for an open path. */
    static Double area(Path path) {
        if (!path.closed()) {
            return null;
        }
        double area = 0.0;
        Point[] points = path.points();
        for (int i = 0; i < points.length; i++) {
            Point next = points[(i + 1) % points.length];
            area = add(area, minusChecked(multiply(points[i].x(), next.y()), multiply(points[i].y(), next.x())));
        }
        return divide(Math.abs(area), 2.0);
    }

    /** {@code path_inter}. */
    static boolean intersects(Path p1, Path p2) {
        if (!GeometricMath.overlap(bounds(p1.points()), bounds(p2.points()))) {
            return false;
        }
        for (int i = 0; i < p1.points().length; i++) {
            LineSegment first = segmentEndingAt(p1.points(), p1.closed(), i);
            for (int j = 0; first != null && j < p2.points().length; j++) {
                LineSegment second = segmentEndingAt(p2.points(), p2.closed(), j);
                if (second != null && GeometricMath.intersection(null, first, second)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Box bounds(Point[] points) {
        return Polygon.of(points).boundingBox();
    }

    /** {@code path_distance}, also {@code poly_distance}'s loop: null when no segment pair exists. */
    static Double distance(Point[] points1, boolean closed1, Point[] points2, boolean closed2) {
        Double minimum = null;
        for (int i = 0; i < points1.length; i++) {
            LineSegment first = segmentEndingAt(points1, closed1, i);
            for (int j = 0; first != null && j < points2.length; j++) {
                LineSegment second = segmentEndingAt(points2, closed2, j);
                if (second != null) {
                    double d = GeometricMath.closestPoint(null, first, second);
                    if (minimum == null || floatLess(d, minimum)) {
                        minimum = d;
                    }
                }
            }
        }
        return minimum;
    }

    /** {@code dist_ppath_internal}. */
    static double distance(Point point, Path path) {
        Double result = null;
        for (int i = 0; i < path.points().length; i++) {
            LineSegment segment = segmentEndingAt(path.points(), path.closed(), i);
            if (segment != null) {
                double d = GeometricMath.closestPoint(null, segment, point);
                if (result == null || floatLess(d, result)) {
                    result = d;
                }
            }
        }
        return result == null ? 0.0 : result;
    }

    /** {@code on_ppath}. */
    static boolean onPath(Point point, Path path) {
        Point[] points = path.points();
        if (path.closed()) {
            return inside(point, points) != 0;
        }
        double a = point.distance(points[0]);
        for (int i = 0; i < points.length - 1; i++) {
            double b = point.distance(points[i + 1]);
            if (fuzzyEquals(add(a, b), points[i].distance(points[i + 1]))) {
                return true;
            }
            a = b;
        }
        return false;
    }

    /** {@code point_inside}: 0 outside, 1 inside, 2 on the boundary. */
    static int inside(Point point, Point[] polygon) {
        double x0 = minusChecked(polygon[0].x(), point.x());
        double y0 = minusChecked(polygon[0].y(), point.y());
        double previousX = x0;
        double previousY = y0;
        int total = 0;
        for (int i = 1; i < polygon.length; i++) {
            double x = minusChecked(polygon[i].x(), point.x());
            double y = minusChecked(polygon[i].y(), point.y());
            int cross = crossing(x, y, previousX, previousY);
            if (cross == ON_POLYGON) {
                return 2;
            }
            total += cross;
            previousX = x;
            previousY = y;
        }
        int cross = crossing(x0, y0, previousX, previousY);
        if (cross == ON_POLYGON) {
            return 2;
        }
        total += cross;
        return total != 0 ? 1 : 0;
    }

    /** {@code lseg_crossing}: how the segment from the previous point crosses the positive X axis. */
    private static int crossing(double x, double y, double previousX, double previousY) {
        if (fuzzyZero(y)) {
            if (fuzzyZero(x)) {
                return ON_POLYGON;
            }
            if (fuzzyGreater(x, 0)) {
                if (fuzzyZero(previousY)) {
                    return fuzzyGreater(previousX, 0.0) ? 0 : ON_POLYGON;
                }
                return fuzzyLess(previousY, 0.0) ? 1 : -1;
            }
            if (fuzzyZero(previousY)) {
                return fuzzyLess(previousX, 0.0) ? 0 : ON_POLYGON;
            }
            return 0;
        }
        int ySign = fuzzyGreater(y, 0.0) ? 1 : -1;
        if (fuzzyZero(previousY)) {
            return fuzzyLess(previousX, 0.0) ? 0 : ySign;
        }
        if ((ySign < 0 && fuzzyLess(previousY, 0.0)) || (ySign > 0 && fuzzyGreater(previousY, 0.0))) {
            return 0;
        }
        if (fuzzyGreaterOrEqual(x, 0.0) && fuzzyGreater(previousX, 0.0)) {
            return 2 * ySign;
        }
        if (fuzzyLess(x, 0.0) && fuzzyLessOrEqual(previousX, 0.0)) {
            return 0;
        }
        double z = minusChecked(multiply(minusChecked(x, previousX), y), multiply(minusChecked(y, previousY), x));
        if (fuzzyZero(z)) {
            return ON_POLYGON;
        }
        if ((ySign < 0 && fuzzyLess(z, 0.0)) || (ySign > 0 && fuzzyGreater(z, 0.0))) {
            return 0;
        }
        return 2 * ySign;
    }

    /** {@code plist_same}: the same points in a rotation, forwards or backwards. */
    static boolean same(Polygon p1, Polygon p2) {
        Point[] a = p1.points();
        Point[] b = p2.points();
        if (a.length != b.length) {
            return false;
        }
        int n = a.length;
        for (int i = 0; i < n; i++) {
            if (!b[i].same(a[0])) {
                continue;
            }
            int matched = 1;
            for (int j = i + 1; matched < n && b[j % n].same(a[matched]); j++) {
                matched++;
            }
            if (matched == n) {
                return true;
            }
            matched = 1;
            for (int j = i - 1 + n; matched < n && b[j % n].same(a[matched]); j--) {
                matched++;
            }
            if (matched == n) {
                return true;
            }
        }
        return false;
    }

    /** {@code poly_overlap_internal}. */
    static boolean overlap(Polygon a, Polygon b) {
        if (!GeometricMath.overlap(a.boundingBox(), b.boundingBox())) {
            return false;
        }
        Point[] pa = a.points();
        Point[] pb = b.points();
        for (int i = 0; i < pa.length; i++) {
            LineSegment first = new LineSegment(pa[i == 0 ? pa.length - 1 : i - 1], pa[i]);
            for (int j = 0; j < pb.length; j++) {
                if (GeometricMath.intersection(null, first, new LineSegment(pb[j == 0 ? pb.length - 1 : j - 1], pb[j]))) {
                    return true;
                }
            }
        }
        return inside(pa[0], pb) != 0 || inside(pb[0], pa) != 0;
    }

    /** {@code poly_contain_poly}. */
    static boolean contains(Polygon outer, Polygon inner) {
        if (!GeometricMath.contains(outer.boundingBox(), inner.boundingBox())) {
            return false;
        }
        Point[] points = inner.points();
        Point previous = points[points.length - 1];
        for (Point point : points) {
            if (!segmentInside(previous, point, outer, 0)) {
                return false;
            }
            previous = point;
        }
        return true;
    }

    /** {@code lseg_inside_poly}: the segment a-b lies inside the polygon (edges from {@code start} on checked). */
    private static boolean segmentInside(Point a, Point b, Polygon polygon, int start) {
        Point[] points = polygon.points();
        LineSegment tested = new LineSegment(a, b);
        Point edgeStart = points[start == 0 ? points.length - 1 : start - 1];
        boolean result = true;
        boolean crossed = false;
        for (int i = start; i < points.length && result; i++) {
            LineSegment edge = new LineSegment(edgeStart, points[i]);
            Point[] crossing = new Point[1];
            if (GeometricMath.contains(edge, a)) {
                if (GeometricMath.contains(edge, b)) {
                    return true;
                }
                result = segmentInside(a, b, polygon, i + 1);
            } else if (GeometricMath.contains(edge, b)) {
                result = segmentInside(b, a, polygon, i + 1);
            } else if (GeometricMath.intersection(crossing, tested, edge)) {
                crossed = true;
                result = segmentInside(a, crossing[0], polygon, i + 1)
                        && segmentInside(b, crossing[0], polygon, i + 1);
            }
            edgeStart = points[i];
        }
        if (result && !crossed) {
            Point middle = new Point(divide(add(a.x(), b.x()), 2.0), divide(add(a.y(), b.y()), 2.0));
            result = inside(middle, points) != 0;
        }
        return result;
    }

    /** {@code dist_ppoly_internal}. */
    static double distance(Point point, Polygon polygon) {
        Point[] points = polygon.points();
        if (inside(point, points) != 0) {
            return 0.0;
        }
        double result = GeometricMath.closestPoint(null, new LineSegment(points[0], points[points.length - 1]), point);
        for (int i = 0; i < points.length - 1; i++) {
            double d = GeometricMath.closestPoint(null, new LineSegment(points[i], points[i + 1]), point);
            if (floatLess(d, result)) {
                result = d;
            }
        }
        return result;
    }

    /** {@code poly_distance}: zero when they overlap, else as between closed paths. */
    static Double distance(Polygon a, Polygon b) {
        if (overlap(a, b)) {
            return 0.0;
        }
        return distance(a.points(), true, b.points(), true);
    }

    /** {@code poly_to_circle}: the points' average, and their average distance from it. */
    static Circle circle(Polygon polygon) {
        Point[] points = polygon.points();
        Point sum = new Point(0, 0);
        for (Point point : points) {
            sum = sum.plus(point);
        }
        Point center = new Point(divide(sum.x(), points.length), divide(sum.y(), points.length));
        double radius = 0;
        for (Point point : points) {
            radius = add(radius, point.distance(center));
        }
        return new Circle(center, divide(radius, points.length));
    }

    /** {@code circle_poly}: {@code count} points on the circle. */
    static Polygon polygon(int count, Circle circle) {
        if (fuzzyZero(circle.radius())) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "cannot convert circle with radius zero to polygon");
        }
        if (count < 2) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "must request at least 2 points");
        }
        double step = divide(2.0 * Math.PI, count);
        Point[] points = new Point[count];
        for (int i = 0; i < count; i++) {
            double angle = multiply(step, i);
            points[i] = new Point(minusChecked(circle.center().x(), multiply(circle.radius(), Math.cos(angle))),
                    add(circle.center().y(), multiply(circle.radius(), Math.sin(angle))));
        }
        return Polygon.of(points);
    }

    static Polygon polygon(Box box) {
        return new Polygon(new Point[] {box.low(), new Point(box.low().x(), box.high().y()), box.high(),
            new Point(box.high().x(), box.low().y())}, box);
    }

    static Polygon polygon(Path path) {
        if (!path.closed()) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "open path cannot be converted to polygon");
        }
        return Polygon.of(path.points());
    }

    static Box box(Circle circle) {
        double delta = divide(circle.radius(), Math.sqrt(2.0));
        return new Box(new Point(add(circle.center().x(), delta), add(circle.center().y(), delta)),
                new Point(minusChecked(circle.center().x(), delta), minusChecked(circle.center().y(), delta)));
    }

    static Circle circle(Box box) {
        Point center = box.center();
        return new Circle(center, center.distance(box.high()));
    }

    /** {@code circle_distance}, {@code dist_pc}: the gap between the boundaries, zero when they meet. */
    static double gap(double centerDistance, double radii) {
        double result = minusChecked(centerDistance, radii);
        return result < 0.0 ? 0.0 : result;
    }
}
