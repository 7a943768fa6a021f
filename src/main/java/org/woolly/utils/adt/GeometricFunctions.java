package org.woolly.utils.adt;

import java.util.Arrays;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.woolly.utils.adt.Geometry.Box;
import org.woolly.utils.adt.Geometry.Circle;
import org.woolly.utils.adt.Geometry.Line;
import org.woolly.utils.adt.Geometry.LineSegment;
import org.woolly.utils.adt.Geometry.Path;
import org.woolly.utils.adt.Geometry.Point;
import org.woolly.utils.adt.Geometry.Polygon;

import static org.woolly.utils.adt.FloatOperators.add;
import static org.woolly.utils.adt.FloatOperators.multiply;
import static org.woolly.utils.adt.Geometry.fuzzyEquals;
import static org.woolly.utils.adt.Geometry.fuzzyGreater;
import static org.woolly.utils.adt.Geometry.fuzzyGreaterOrEqual;
import static org.woolly.utils.adt.Geometry.fuzzyLess;
import static org.woolly.utils.adt.Geometry.fuzzyLessOrEqual;
import static org.woolly.utils.adt.Geometry.minusChecked;
import static org.woolly.utils.adt.TypeOids.BOOL;
import static org.woolly.utils.adt.TypeOids.BOX;
import static org.woolly.utils.adt.TypeOids.CIRCLE;
import static org.woolly.utils.adt.TypeOids.FLOAT8;
import static org.woolly.utils.adt.TypeOids.INT4;
import static org.woolly.utils.adt.TypeOids.LINE;
import static org.woolly.utils.adt.TypeOids.LSEG;
import static org.woolly.utils.adt.TypeOids.PATH;
import static org.woolly.utils.adt.TypeOids.POINT;
import static org.woolly.utils.adt.TypeOids.POLYGON;

/**
 * The geometric functions, operators and casts of the documentation's "Geometric Functions and
 * Operators" ({@code geo_ops.c}): translation and rotation ({@code + - * /}), intersection
 * ({@code #}), closest point ({@code ##}), distance ({@code <->}), containment, overlap, the
 * position operators, parallel/perpendicular tests, {@code ~=} and the conversions.
 */
final class GeometricFunctions {
    private GeometricFunctions() {}

    static void register(BuiltinFunctions.Registry r) {
        registerPoints(r);
        registerLines(r);
        registerBoxes(r);
        registerPaths(r);
        registerPolygons(r);
        registerCircles(r);
        registerConversions(r);
    }

    private static Point pt(Object value) {
        return (Point) value;
    }

    private static LineSegment seg(Object value) {
        return (LineSegment) value;
    }

    private static Box box(Object value) {
        return (Box) value;
    }

    private static Line line(Object value) {
        return (Line) value;
    }

    private static Path path(Object value) {
        return (Path) value;
    }

    private static Polygon poly(Object value) {
        return (Polygon) value;
    }

    private static Circle circle(Object value) {
        return (Circle) value;
    }

    private static void test(BuiltinFunctions.Registry r, String name, int left, int right, BiPredicate<Object, Object> test) {
        r.operator(name, left, right, BOOL, (a, c) -> test.test(a[0], a[1]));
    }

    private static void prefixTest(BuiltinFunctions.Registry r, String name, int type, Predicate<Object> test) {
        r.operator(name, 0, type, BOOL, (a, c) -> test.test(a[0]));
    }

    /** A point result that may be missing: the result of {@code compute} in {@code result[0]}, or NULL on NaN. */
    private static Point pointUnlessNaN(java.util.function.Function<Point[], Double> compute) {
        Point[] result = new Point[1];
        return Double.isNaN(compute.apply(result)) ? null : result[0];
    }

    private static void registerPoints(BuiltinFunctions.Registry r) {
        r.function("point", POINT, (a, c) -> new Point((Double) a[0], (Double) a[1]), FLOAT8, FLOAT8);
        r.operator("+", POINT, POINT, POINT, (a, c) -> pt(a[0]).plus(pt(a[1])));
        r.operator("-", POINT, POINT, POINT, (a, c) -> pt(a[0]).minus(pt(a[1])));
        r.operator("*", POINT, POINT, POINT, (a, c) -> pt(a[0]).times(pt(a[1])));
        r.operator("/", POINT, POINT, POINT, (a, c) -> pt(a[0]).dividedBy(pt(a[1])));
        r.operator("<->", POINT, POINT, FLOAT8, (a, c) -> pt(a[0]).distance(pt(a[1])));
        test(r, "~=", POINT, POINT, (x, y) -> pt(x).same(pt(y)));
        test(r, "<>", POINT, POINT, (x, y) -> !pt(x).same(pt(y)));
        test(r, "<<", POINT, POINT, (x, y) -> fuzzyLess(pt(x).x(), pt(y).x()));
        test(r, ">>", POINT, POINT, (x, y) -> fuzzyGreater(pt(x).x(), pt(y).x()));
        test(r, ">^", POINT, POINT, (x, y) -> fuzzyGreater(pt(x).y(), pt(y).y()));
        test(r, "|>>", POINT, POINT, (x, y) -> fuzzyGreater(pt(x).y(), pt(y).y()));
        test(r, "<^", POINT, POINT, (x, y) -> fuzzyLess(pt(x).y(), pt(y).y()));
        test(r, "<<|", POINT, POINT, (x, y) -> fuzzyLess(pt(x).y(), pt(y).y()));
        test(r, "?|", POINT, POINT, (x, y) -> fuzzyEquals(pt(x).x(), pt(y).x()));
        test(r, "?-", POINT, POINT, (x, y) -> fuzzyEquals(pt(x).y(), pt(y).y()));
        r.function("isvertical", BOOL, (a, c) -> fuzzyEquals(pt(a[0]).x(), pt(a[1]).x()), POINT, POINT);
        r.function("ishorizontal", BOOL, (a, c) -> fuzzyEquals(pt(a[0]).y(), pt(a[1]).y()), POINT, POINT);
        r.function("slope", FLOAT8, (a, c) -> pt(a[0]).slope(pt(a[1])), POINT, POINT);
    }

    private static void registerLines(BuiltinFunctions.Registry r) {
        r.function("line", LINE, (a, c) -> GeometricMath.lineThrough(pt(a[0]), pt(a[1])), POINT, POINT);
        r.function("lseg", LSEG, (a, c) -> new LineSegment(pt(a[0]), pt(a[1])), POINT, POINT);
        r.operator("#", LINE, LINE, POINT, (a, c) -> {
            Point[] result = new Point[1];
            return GeometricMath.intersection(result, line(a[0]), line(a[1])) ? result[0] : null;
        });
        test(r, "?#", LINE, LINE, (x, y) -> GeometricMath.intersection(null, line(x), line(y)));
        test(r, "?||", LINE, LINE, (x, y) -> !GeometricMath.intersection(null, line(x), line(y)));
        test(r, "?-|", LINE, LINE, (x, y) -> GeometricMath.perpendicular(line(x), line(y)));
        test(r, "=", LINE, LINE, (x, y) -> GeometricMath.same(line(x), line(y)));
        prefixTest(r, "?|", LINE, x -> Geometry.fuzzyZero(line(x).b()));
        prefixTest(r, "?-", LINE, x -> Geometry.fuzzyZero(line(x).a()));
        r.function("isparallel", BOOL, (a, c) -> !GeometricMath.intersection(null, line(a[0]), line(a[1])), LINE, LINE);
        r.function("isperp", BOOL, (a, c) -> GeometricMath.perpendicular(line(a[0]), line(a[1])), LINE, LINE);
        r.function("isvertical", BOOL, (a, c) -> Geometry.fuzzyZero(line(a[0]).b()), LINE);
        r.function("ishorizontal", BOOL, (a, c) -> Geometry.fuzzyZero(line(a[0]).a()), LINE);
        r.operator("<->", LINE, LINE, FLOAT8, (a, c) -> GeometricMath.distance(line(a[0]), line(a[1])));
        r.operator("<->", POINT, LINE, FLOAT8, (a, c) -> GeometricMath.closestPoint(null, line(a[1]), pt(a[0])));
        r.operator("<->", LINE, POINT, FLOAT8, (a, c) -> GeometricMath.closestPoint(null, line(a[0]), pt(a[1])));
        test(r, "<@", POINT, LINE, (x, y) -> GeometricMath.contains(line(y), pt(x)));
        r.operator("##", POINT, LINE, POINT,
                (a, c) -> pointUnlessNaN(result -> GeometricMath.closestPoint(result, line(a[1]), pt(a[0]))));

        r.operator("@-@", 0, LSEG, FLOAT8, (a, c) -> GeometricMath.length(seg(a[0])));
        r.function("length", FLOAT8, (a, c) -> GeometricMath.length(seg(a[0])), LSEG);
        r.operator("@@", 0, LSEG, POINT, (a, c) -> GeometricMath.center(seg(a[0])));
        test(r, "=", LSEG, LSEG, (x, y) -> seg(x).start().same(seg(y).start()) && seg(x).end().same(seg(y).end()));
        test(r, "<>", LSEG, LSEG, (x, y) -> !seg(x).start().same(seg(y).start()) || !seg(x).end().same(seg(y).end()));
        test(r, "<", LSEG, LSEG, (x, y) -> fuzzyLess(GeometricMath.length(seg(x)), GeometricMath.length(seg(y))));
        test(r, "<=", LSEG, LSEG, (x, y) -> fuzzyLessOrEqual(GeometricMath.length(seg(x)), GeometricMath.length(seg(y))));
        test(r, ">", LSEG, LSEG, (x, y) -> fuzzyGreater(GeometricMath.length(seg(x)), GeometricMath.length(seg(y))));
        test(r, ">=", LSEG, LSEG, (x, y) -> fuzzyGreaterOrEqual(GeometricMath.length(seg(x)), GeometricMath.length(seg(y))));
        BiPredicate<Object, Object> parallel = (x, y) -> fuzzyEquals(GeometricMath.slope(seg(x)), GeometricMath.slope(seg(y)));
        BiPredicate<Object, Object> perpendicular = (x, y) -> fuzzyEquals(GeometricMath.slope(seg(x)),
                seg(y).start().inverseSlope(seg(y).end()));
        Predicate<Object> vertical = x -> fuzzyEquals(seg(x).start().x(), seg(x).end().x());
        Predicate<Object> horizontal = x -> fuzzyEquals(seg(x).start().y(), seg(x).end().y());
        test(r, "?||", LSEG, LSEG, parallel);
        test(r, "?-|", LSEG, LSEG, perpendicular);
        prefixTest(r, "?|", LSEG, vertical);
        prefixTest(r, "?-", LSEG, horizontal);
        r.function("isparallel", BOOL, (a, c) -> parallel.test(a[0], a[1]), LSEG, LSEG);
        r.function("isperp", BOOL, (a, c) -> perpendicular.test(a[0], a[1]), LSEG, LSEG);
        r.function("isvertical", BOOL, (a, c) -> vertical.test(a[0]), LSEG);
        r.function("ishorizontal", BOOL, (a, c) -> horizontal.test(a[0]), LSEG);
        test(r, "?#", LSEG, LSEG, (x, y) -> GeometricMath.intersection(null, seg(x), seg(y)));
        r.operator("#", LSEG, LSEG, POINT, (a, c) -> {
            Point[] result = new Point[1];
            return GeometricMath.intersection(result, seg(a[0]), seg(a[1])) ? result[0] : null;
        });
        r.operator("<->", LSEG, LSEG, FLOAT8, (a, c) -> GeometricMath.closestPoint(null, seg(a[0]), seg(a[1])));
        r.operator("<->", POINT, LSEG, FLOAT8, (a, c) -> GeometricMath.closestPoint(null, seg(a[1]), pt(a[0])));
        r.operator("<->", LSEG, POINT, FLOAT8, (a, c) -> GeometricMath.closestPoint(null, seg(a[0]), pt(a[1])));
        r.operator("<->", LSEG, LINE, FLOAT8, (a, c) -> GeometricMath.closestPoint(null, seg(a[0]), line(a[1])));
        r.operator("<->", LINE, LSEG, FLOAT8, (a, c) -> GeometricMath.closestPoint(null, seg(a[1]), line(a[0])));
        test(r, "<@", POINT, LSEG, (x, y) -> GeometricMath.contains(seg(y), pt(x)));
        test(r, "<@", LSEG, LINE, (x, y) -> GeometricMath.contains(line(y), seg(x).start())
                && GeometricMath.contains(line(y), seg(x).end()));
        test(r, "?#", LSEG, LINE, (x, y) -> GeometricMath.intersection(null, seg(x), line(y)));
        r.operator("##", POINT, LSEG, POINT,
                (a, c) -> pointUnlessNaN(result -> GeometricMath.closestPoint(result, seg(a[1]), pt(a[0]))));
        r.operator("##", LSEG, LSEG, POINT, (a, c) -> GeometricMath.slope(seg(a[0])) == GeometricMath.slope(seg(a[1]))
                ? null : pointUnlessNaN(result -> GeometricMath.closestPoint(result, seg(a[1]), seg(a[0]))));
        r.operator("##", LINE, LSEG, POINT, (a, c) -> GeometricMath.slope(seg(a[1])) == GeometricMath.slope(line(a[0]))
                ? null : pointUnlessNaN(result -> GeometricMath.closestPoint(result, seg(a[1]), line(a[0]))));
    }

    private static void registerBoxes(BuiltinFunctions.Registry r) {
        test(r, "~=", BOX, BOX, (x, y) -> box(x).high().same(box(y).high()) && box(x).low().same(box(y).low()));
        test(r, "&&", BOX, BOX, (x, y) -> GeometricMath.overlap(box(x), box(y)));
        test(r, "?#", BOX, BOX, (x, y) -> GeometricMath.overlap(box(x), box(y)));
        test(r, "@>", BOX, BOX, (x, y) -> GeometricMath.contains(box(x), box(y)));
        test(r, "<@", BOX, BOX, (x, y) -> GeometricMath.contains(box(y), box(x)));
        test(r, "<<", BOX, BOX, (x, y) -> fuzzyLess(box(x).high().x(), box(y).low().x()));
        test(r, "&<", BOX, BOX, (x, y) -> fuzzyLessOrEqual(box(x).high().x(), box(y).high().x()));
        test(r, ">>", BOX, BOX, (x, y) -> fuzzyGreater(box(x).low().x(), box(y).high().x()));
        test(r, "&>", BOX, BOX, (x, y) -> fuzzyGreaterOrEqual(box(x).low().x(), box(y).low().x()));
        test(r, "<<|", BOX, BOX, (x, y) -> fuzzyLess(box(x).high().y(), box(y).low().y()));
        test(r, "&<|", BOX, BOX, (x, y) -> fuzzyLessOrEqual(box(x).high().y(), box(y).high().y()));
        test(r, "|>>", BOX, BOX, (x, y) -> fuzzyGreater(box(x).low().y(), box(y).high().y()));
        test(r, "|&>", BOX, BOX, (x, y) -> fuzzyGreaterOrEqual(box(x).low().y(), box(y).low().y()));
        test(r, "<^", BOX, BOX, (x, y) -> fuzzyLessOrEqual(box(x).high().y(), box(y).low().y()));
        test(r, ">^", BOX, BOX, (x, y) -> fuzzyGreaterOrEqual(box(x).low().y(), box(y).high().y()));
        test(r, "=", BOX, BOX, (x, y) -> fuzzyEquals(box(x).area(), box(y).area()));
        test(r, "<", BOX, BOX, (x, y) -> fuzzyLess(box(x).area(), box(y).area()));
        test(r, "<=", BOX, BOX, (x, y) -> fuzzyLessOrEqual(box(x).area(), box(y).area()));
        test(r, ">", BOX, BOX, (x, y) -> fuzzyGreater(box(x).area(), box(y).area()));
        test(r, ">=", BOX, BOX, (x, y) -> fuzzyGreaterOrEqual(box(x).area(), box(y).area()));
        r.operator("@@", 0, BOX, POINT, (a, c) -> box(a[0]).center());
        r.function("center", POINT, (a, c) -> box(a[0]).center(), BOX);
        r.function("area", FLOAT8, (a, c) -> box(a[0]).area(), BOX);
        r.function("width", FLOAT8, (a, c) -> box(a[0]).width(), BOX);
        r.function("height", FLOAT8, (a, c) -> box(a[0]).height(), BOX);
        r.function("diagonal", LSEG, (a, c) -> new LineSegment(box(a[0]).high(), box(a[0]).low()), BOX);
        r.function("box", BOX, (a, c) -> Box.of(pt(a[0]), pt(a[1])), POINT, POINT);
        r.function("bound_box", BOX, (a, c) -> new Box(
                new Point(Geometry.floatMax(box(a[0]).high().x(), box(a[1]).high().x()),
                        Geometry.floatMax(box(a[0]).high().y(), box(a[1]).high().y())),
                new Point(Geometry.floatMin(box(a[0]).low().x(), box(a[1]).low().x()),
                        Geometry.floatMin(box(a[0]).low().y(), box(a[1]).low().y()))), BOX, BOX);
        r.operator("<->", BOX, BOX, FLOAT8, (a, c) -> box(a[0]).center().distance(box(a[1]).center()));
        r.operator("#", BOX, BOX, BOX, (a, c) -> {
            Box b1 = box(a[0]);
            Box b2 = box(a[1]);
            if (!GeometricMath.overlap(b1, b2)) {
                return null;
            }
            return new Box(new Point(Geometry.floatMin(b1.high().x(), b2.high().x()),
                    Geometry.floatMin(b1.high().y(), b2.high().y())),
                    new Point(Geometry.floatMax(b1.low().x(), b2.low().x()), Geometry.floatMax(b1.low().y(), b2.low().y())));
        });
        r.operator("+", BOX, POINT, BOX, (a, c) -> Box.of(box(a[0]).high().plus(pt(a[1])), box(a[0]).low().plus(pt(a[1]))));
        r.operator("-", BOX, POINT, BOX, (a, c) -> Box.of(box(a[0]).high().minus(pt(a[1])), box(a[0]).low().minus(pt(a[1]))));
        r.operator("*", BOX, POINT, BOX, (a, c) -> Box.of(box(a[0]).high().times(pt(a[1])), box(a[0]).low().times(pt(a[1]))));
        r.operator("/", BOX, POINT, BOX,
                (a, c) -> Box.of(box(a[0]).high().dividedBy(pt(a[1])), box(a[0]).low().dividedBy(pt(a[1]))));
        test(r, "@>", BOX, POINT, (x, y) -> GeometricMath.contains(box(x), pt(y)));
        test(r, "<@", POINT, BOX, (x, y) -> GeometricMath.contains(box(y), pt(x)));
        r.operator("<->", POINT, BOX, FLOAT8, (a, c) -> GeometricMath.closestPoint(null, box(a[1]), pt(a[0])));
        r.operator("<->", BOX, POINT, FLOAT8, (a, c) -> GeometricMath.closestPoint(null, box(a[0]), pt(a[1])));
        r.operator("##", POINT, BOX, POINT,
                (a, c) -> pointUnlessNaN(result -> GeometricMath.closestPoint(result, box(a[1]), pt(a[0]))));
        r.operator("<->", LSEG, BOX, FLOAT8, (a, c) -> GeometricMath.closestPoint(null, box(a[1]), seg(a[0])));
        r.operator("<->", BOX, LSEG, FLOAT8, (a, c) -> GeometricMath.closestPoint(null, box(a[0]), seg(a[1])));
        r.operator("##", LSEG, BOX, POINT,
                (a, c) -> pointUnlessNaN(result -> GeometricMath.closestPoint(result, box(a[1]), seg(a[0]))));
        test(r, "?#", LSEG, BOX, (x, y) -> GeometricMath.intersection(null, box(y), seg(x)));
        test(r, "<@", LSEG, BOX, (x, y) -> GeometricMath.contains(box(y), seg(x).start())
                && GeometricMath.contains(box(y), seg(x).end()));
        test(r, "?#", LINE, BOX, (x, y) -> GeometricMath.intersects(line(x), box(y)));
    }

    private static void registerPaths(BuiltinFunctions.Registry r) {
        test(r, "=", PATH, PATH, (x, y) -> path(x).points().length == path(y).points().length);
        test(r, "<", PATH, PATH, (x, y) -> path(x).points().length < path(y).points().length);
        test(r, ">", PATH, PATH, (x, y) -> path(x).points().length > path(y).points().length);
        test(r, "<=", PATH, PATH, (x, y) -> path(x).points().length <= path(y).points().length);
        test(r, ">=", PATH, PATH, (x, y) -> path(x).points().length >= path(y).points().length);
        r.operator("#", 0, PATH, INT4, (a, c) -> path(a[0]).points().length);
        r.function("npoints", INT4, (a, c) -> path(a[0]).points().length, PATH);
        r.operator("@-@", 0, PATH, FLOAT8, (a, c) -> GeometricShapes.length(path(a[0])));
        r.function("length", FLOAT8, (a, c) -> GeometricShapes.length(path(a[0])), PATH);
        r.function("area", FLOAT8, (a, c) -> GeometricShapes.area(path(a[0])), PATH);
        r.function("isclosed", BOOL, (a, c) -> path(a[0]).closed(), PATH);
        r.function("isopen", BOOL, (a, c) -> !path(a[0]).closed(), PATH);
        r.function("pclose", PATH, (a, c) -> new Path(true, path(a[0]).points()), PATH);
        r.function("popen", PATH, (a, c) -> new Path(false, path(a[0]).points()), PATH);
        test(r, "?#", PATH, PATH, (x, y) -> GeometricShapes.intersects(path(x), path(y)));
        r.operator("<->", PATH, PATH, FLOAT8, (a, c) -> GeometricShapes.distance(path(a[0]).points(), path(a[0]).closed(),
                path(a[1]).points(), path(a[1]).closed()));
        r.operator("<->", POINT, PATH, FLOAT8, (a, c) -> GeometricShapes.distance(pt(a[0]), path(a[1])));
        r.operator("<->", PATH, POINT, FLOAT8, (a, c) -> GeometricShapes.distance(pt(a[1]), path(a[0])));
        test(r, "<@", POINT, PATH, (x, y) -> GeometricShapes.onPath(pt(x), path(y)));
        test(r, "@>", PATH, POINT, (x, y) -> GeometricShapes.onPath(pt(y), path(x)));
        r.operator("+", PATH, PATH, PATH, (a, c) -> path(a[0]).closed() || path(a[1]).closed() ? null
                : new Path(false, Stream.concat(Arrays.stream(path(a[0]).points()), Arrays.stream(path(a[1]).points()))
                        .toArray(Point[]::new)));
        r.operator("+", PATH, POINT, PATH, (a, c) -> mapPath(path(a[0]), p -> p.plus(pt(a[1]))));
        r.operator("-", PATH, POINT, PATH, (a, c) -> mapPath(path(a[0]), p -> p.minus(pt(a[1]))));
        r.operator("*", PATH, POINT, PATH, (a, c) -> mapPath(path(a[0]), p -> p.times(pt(a[1]))));
        r.operator("/", PATH, POINT, PATH, (a, c) -> mapPath(path(a[0]), p -> p.dividedBy(pt(a[1]))));
    }

    private static Path mapPath(Path path, java.util.function.UnaryOperator<Point> step) {
        return new Path(path.closed(), Arrays.stream(path.points()).map(step).toArray(Point[]::new));
    }

    private static void registerPolygons(BuiltinFunctions.Registry r) {
        test(r, "~=", POLYGON, POLYGON, (x, y) -> GeometricShapes.same(poly(x), poly(y)));
        test(r, "&&", POLYGON, POLYGON, (x, y) -> GeometricShapes.overlap(poly(x), poly(y)));
        test(r, "@>", POLYGON, POLYGON, (x, y) -> GeometricShapes.contains(poly(x), poly(y)));
        test(r, "<@", POLYGON, POLYGON, (x, y) -> GeometricShapes.contains(poly(y), poly(x)));
        test(r, "<<", POLYGON, POLYGON, (x, y) -> bounds(x).high().x() < bounds(y).low().x());
        test(r, "&<", POLYGON, POLYGON, (x, y) -> bounds(x).high().x() <= bounds(y).high().x());
        test(r, ">>", POLYGON, POLYGON, (x, y) -> bounds(x).low().x() > bounds(y).high().x());
        test(r, "&>", POLYGON, POLYGON, (x, y) -> bounds(x).low().x() >= bounds(y).low().x());
        test(r, "<<|", POLYGON, POLYGON, (x, y) -> bounds(x).high().y() < bounds(y).low().y());
        test(r, "&<|", POLYGON, POLYGON, (x, y) -> bounds(x).high().y() <= bounds(y).high().y());
        test(r, "|>>", POLYGON, POLYGON, (x, y) -> bounds(x).low().y() > bounds(y).high().y());
        test(r, "|&>", POLYGON, POLYGON, (x, y) -> bounds(x).low().y() >= bounds(y).low().y());
        test(r, "@>", POLYGON, POINT, (x, y) -> GeometricShapes.inside(pt(y), poly(x).points()) != 0);
        test(r, "<@", POINT, POLYGON, (x, y) -> GeometricShapes.inside(pt(x), poly(y).points()) != 0);
        r.operator("#", 0, POLYGON, INT4, (a, c) -> poly(a[0]).points().length);
        r.function("npoints", INT4, (a, c) -> poly(a[0]).points().length, POLYGON);
        r.operator("@@", 0, POLYGON, POINT, (a, c) -> GeometricShapes.circle(poly(a[0])).center());
        r.operator("<->", POLYGON, POLYGON, FLOAT8, (a, c) -> GeometricShapes.distance(poly(a[0]), poly(a[1])));
        r.operator("<->", POINT, POLYGON, FLOAT8, (a, c) -> GeometricShapes.distance(pt(a[0]), poly(a[1])));
        r.operator("<->", POLYGON, POINT, FLOAT8, (a, c) -> GeometricShapes.distance(pt(a[1]), poly(a[0])));
        r.operator("<->", CIRCLE, POLYGON, FLOAT8, (a, c) -> GeometricShapes.gap(
                GeometricShapes.distance(circle(a[0]).center(), poly(a[1])), circle(a[0]).radius()));
        r.operator("<->", POLYGON, CIRCLE, FLOAT8, (a, c) -> GeometricShapes.gap(
                GeometricShapes.distance(circle(a[1]).center(), poly(a[0])), circle(a[1]).radius()));
    }

    private static Box bounds(Object polygon) {
        return poly(polygon).boundingBox();
    }

    private static void registerCircles(BuiltinFunctions.Registry r) {
        test(r, "~=", CIRCLE, CIRCLE, (x, y) -> ((Double.isNaN(circle(x).radius()) && Double.isNaN(circle(y).radius()))
                || fuzzyEquals(circle(x).radius(), circle(y).radius())) && circle(x).center().same(circle(y).center()));
        test(r, "&&", CIRCLE, CIRCLE, (x, y) -> fuzzyLessOrEqual(centerDistance(x, y),
                add(circle(x).radius(), circle(y).radius())));
        test(r, "@>", CIRCLE, CIRCLE, (x, y) -> fuzzyLessOrEqual(centerDistance(x, y),
                minusChecked(circle(x).radius(), circle(y).radius())));
        test(r, "<@", CIRCLE, CIRCLE, (x, y) -> fuzzyLessOrEqual(centerDistance(x, y),
                minusChecked(circle(y).radius(), circle(x).radius())));
        test(r, "<<", CIRCLE, CIRCLE, (x, y) -> fuzzyLess(edge(x, true, 1), edge(y, true, -1)));
        test(r, "&<", CIRCLE, CIRCLE, (x, y) -> fuzzyLessOrEqual(edge(x, true, 1), edge(y, true, 1)));
        test(r, ">>", CIRCLE, CIRCLE, (x, y) -> fuzzyGreater(edge(x, true, -1), edge(y, true, 1)));
        test(r, "&>", CIRCLE, CIRCLE, (x, y) -> fuzzyGreaterOrEqual(edge(x, true, -1), edge(y, true, -1)));
        test(r, "<<|", CIRCLE, CIRCLE, (x, y) -> fuzzyLess(edge(x, false, 1), edge(y, false, -1)));
        test(r, "&<|", CIRCLE, CIRCLE, (x, y) -> fuzzyLessOrEqual(edge(x, false, 1), edge(y, false, 1)));
        test(r, "|>>", CIRCLE, CIRCLE, (x, y) -> fuzzyGreater(edge(x, false, -1), edge(y, false, 1)));
        test(r, "|&>", CIRCLE, CIRCLE, (x, y) -> fuzzyGreaterOrEqual(edge(x, false, -1), edge(y, false, -1)));
        test(r, "=", CIRCLE, CIRCLE, (x, y) -> fuzzyEquals(circle(x).area(), circle(y).area()));
        test(r, "<>", CIRCLE, CIRCLE, (x, y) -> Geometry.fuzzyNotEquals(circle(x).area(), circle(y).area()));
        test(r, "<", CIRCLE, CIRCLE, (x, y) -> fuzzyLess(circle(x).area(), circle(y).area()));
        test(r, ">", CIRCLE, CIRCLE, (x, y) -> fuzzyGreater(circle(x).area(), circle(y).area()));
        test(r, "<=", CIRCLE, CIRCLE, (x, y) -> fuzzyLessOrEqual(circle(x).area(), circle(y).area()));
        test(r, ">=", CIRCLE, CIRCLE, (x, y) -> fuzzyGreaterOrEqual(circle(x).area(), circle(y).area()));
        r.operator("+", CIRCLE, POINT, CIRCLE, (a, c) -> new Circle(circle(a[0]).center().plus(pt(a[1])), circle(a[0]).radius()));
        r.operator("-", CIRCLE, POINT, CIRCLE, (a, c) -> new Circle(circle(a[0]).center().minus(pt(a[1])), circle(a[0]).radius()));
        r.operator("*", CIRCLE, POINT, CIRCLE, (a, c) -> new Circle(circle(a[0]).center().times(pt(a[1])),
                multiply(circle(a[0]).radius(), Geometry.hypot(pt(a[1]).x(), pt(a[1]).y()))));
        r.operator("/", CIRCLE, POINT, CIRCLE, (a, c) -> new Circle(circle(a[0]).center().dividedBy(pt(a[1])),
                FloatOperators.divide(circle(a[0]).radius(), Geometry.hypot(pt(a[1]).x(), pt(a[1]).y()))));
        r.operator("@@", 0, CIRCLE, POINT, (a, c) -> circle(a[0]).center());
        r.function("center", POINT, (a, c) -> circle(a[0]).center(), CIRCLE);
        r.function("area", FLOAT8, (a, c) -> circle(a[0]).area(), CIRCLE);
        r.function("radius", FLOAT8, (a, c) -> circle(a[0]).radius(), CIRCLE);
        r.function("diameter", FLOAT8, (a, c) -> multiply(circle(a[0]).radius(), 2.0), CIRCLE);
        r.operator("<->", CIRCLE, CIRCLE, FLOAT8, (a, c) -> GeometricShapes.gap(centerDistance(a[0], a[1]),
                add(circle(a[0]).radius(), circle(a[1]).radius())));
        r.operator("<->", POINT, CIRCLE, FLOAT8, (a, c) -> GeometricShapes.gap(pt(a[0]).distance(circle(a[1]).center()),
                circle(a[1]).radius()));
        r.operator("<->", CIRCLE, POINT, FLOAT8, (a, c) -> GeometricShapes.gap(pt(a[1]).distance(circle(a[0]).center()),
                circle(a[0]).radius()));
        test(r, "@>", CIRCLE, POINT, (x, y) -> circle(x).center().distance(pt(y)) <= circle(x).radius());
        test(r, "<@", POINT, CIRCLE, (x, y) -> circle(y).center().distance(pt(x)) <= circle(y).radius());
        r.function("circle", CIRCLE, (a, c) -> new Circle(pt(a[0]), (Double) a[1]), POINT, FLOAT8);
        r.function("polygon", POLYGON, (a, c) -> GeometricShapes.polygon((Integer) a[0], circle(a[1])), INT4, CIRCLE);
    }

    private static double centerDistance(Object first, Object second) {
        return circle(first).center().distance(circle(second).center());
    }

    /** A circle's extreme coordinate: on the x axis or the y axis, the high side (+1) or the low side (-1). */
    private static double edge(Object value, boolean horizontal, int side) {
        Circle circle = circle(value);
        double coordinate = horizontal ? circle.center().x() : circle.center().y();
        return side > 0 ? add(coordinate, circle.radius()) : minusChecked(coordinate, circle.radius());
    }

    /** The conversions: each a function, and those pg_cast lists also a cast through the same function. */
    private static void registerConversions(BuiltinFunctions.Registry r) {
        conversion(r, "box", POINT, BOX, CastDescriptor.ASSIGNMENT, value -> new Box(pt(value), pt(value)));
        conversion(r, "point", LSEG, POINT, CastDescriptor.EXPLICIT, value -> GeometricMath.center(seg(value)));
        conversion(r, "polygon", PATH, POLYGON, CastDescriptor.ASSIGNMENT, value -> GeometricShapes.polygon(path(value)));
        conversion(r, "point", BOX, POINT, CastDescriptor.EXPLICIT, value -> box(value).center());
        conversion(r, "lseg", BOX, LSEG, CastDescriptor.EXPLICIT,
                value -> new LineSegment(box(value).high(), box(value).low()));
        conversion(r, "polygon", BOX, POLYGON, CastDescriptor.ASSIGNMENT, value -> GeometricShapes.polygon(box(value)));
        conversion(r, "circle", BOX, CIRCLE, CastDescriptor.EXPLICIT, value -> GeometricShapes.circle(box(value)));
        conversion(r, "point", POLYGON, POINT, CastDescriptor.EXPLICIT,
                value -> GeometricShapes.circle(poly(value)).center());
        conversion(r, "path", POLYGON, PATH, CastDescriptor.ASSIGNMENT, value -> new Path(true, poly(value).points()));
        conversion(r, "box", POLYGON, BOX, CastDescriptor.EXPLICIT, value -> poly(value).boundingBox());
        conversion(r, "circle", POLYGON, CIRCLE, CastDescriptor.EXPLICIT, value -> GeometricShapes.circle(poly(value)));
        conversion(r, "point", CIRCLE, POINT, CastDescriptor.EXPLICIT, value -> circle(value).center());
        conversion(r, "box", CIRCLE, BOX, CastDescriptor.EXPLICIT, value -> GeometricShapes.box(circle(value)));
        conversion(r, "polygon", CIRCLE, POLYGON, CastDescriptor.EXPLICIT,
                value -> GeometricShapes.polygon(12, circle(value)));
    }

    private static void conversion(BuiltinFunctions.Registry r, String name, int source, int target, char context,
                                   java.util.function.UnaryOperator<Object> convert) {
        r.function(name, target, (a, c) -> convert.apply(a[0]), source);
        r.cast(source, target, context, (value, typmod, c) -> convert.apply(value));
    }
}
