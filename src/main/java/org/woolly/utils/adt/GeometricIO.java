package org.woolly.utils.adt;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.woolly.utils.adt.Geometry.Box;
import org.woolly.utils.adt.Geometry.Circle;
import org.woolly.utils.adt.Geometry.Line;
import org.woolly.utils.adt.Geometry.LineSegment;
import org.woolly.utils.adt.Geometry.Path;
import org.woolly.utils.adt.Geometry.Point;
import org.woolly.utils.adt.Geometry.Polygon;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Text and binary I/O of the geometric types, as {@code point_in}/{@code point_out}/
 * {@code point_recv}/{@code point_send} and their kin in {@code geo_ops.c}: the same forms
 * accepted ({@code (x,y)} or {@code x,y}; {@code [...]} for an open path or an lseg,
 * {@code <(x,y),r>} for a circle, {@code {A,B,C}} for a line), the same output, coordinates
 * printed as float8 output prints them (honouring extra_float_digits).
 */
final class GeometricIO implements TypeIO {
    static final GeometricIO POINT = new GeometricIO(TypeOids.POINT, "point");
    static final GeometricIO LSEG = new GeometricIO(TypeOids.LSEG, "lseg");
    static final GeometricIO PATH = new GeometricIO(TypeOids.PATH, "path");
    static final GeometricIO BOX = new GeometricIO(TypeOids.BOX, "box");
    static final GeometricIO POLYGON = new GeometricIO(TypeOids.POLYGON, "polygon");
    static final GeometricIO LINE = new GeometricIO(TypeOids.LINE, "line");
    static final GeometricIO CIRCLE = new GeometricIO(TypeOids.CIRCLE, "circle");

    private static final Pattern NUMBER = Pattern.compile(
            "[+-]?(?:(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|(?i:infinity|inf|nan))");
    private static final int MAX_POINTS = (Integer.MAX_VALUE - 40) / 16;

    private final int typeOid;
    private final String typeName;

    private GeometricIO(int typeOid, String typeName) {
        this.typeOid = typeOid;
        this.typeName = typeName;
    }

    @Override
    public Object input(String text, int typmod, FormatSettings settings) {
        Reader reader = new Reader(text, typeName);
        return switch (typeOid) {
            case TypeOids.POINT -> reader.endOfInput(reader.pair());
            case TypeOids.LSEG -> {
                Point[] points = reader.path(true, 2).points();
                reader.endOfInput(null);
                yield new LineSegment(points[0], points[1]);
            }
            case TypeOids.BOX -> {
                Point[] points = reader.path(false, 2).points();
                reader.endOfInput(null);
                yield Box.of(points[0], points[1]);
            }
            case TypeOids.PATH -> reader.pathValue();
            case TypeOids.POLYGON -> {
                int count = pairCount(text);
                if (count <= 0) {
                    throw reader.invalid();
                }
                Point[] points = reader.path(false, count).points();
                reader.endOfInput(null);
                yield Polygon.of(points);
            }
            case TypeOids.LINE -> reader.line();
            case TypeOids.CIRCLE -> reader.circle();
            default -> throw new IllegalStateException("not a geometric type: " + typeOid);
        };
    }

    /** {@code pair_count}: the number of points the commas announce, -1 when they are odd. */
    private static int pairCount(String text) {
        int commas = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ',') {
                commas++;
            }
        }
        return commas % 2 != 0 ? (commas + 1) / 2 : -1;
    }

    @Override
    public String output(Object value, FormatSettings settings) {
        int digits = settings.extraFloatDigits();
        StringBuilder out = new StringBuilder();
        switch ((Geometry) value) {
            case Point point -> pair(out, point, digits);
            case LineSegment segment -> points(out, '[', ']', digits, segment.start(), segment.end());
            case Box box -> points(out, '\0', '\0', digits, box.high(), box.low());
            case Path path -> points(out, path.closed() ? '(' : '[', path.closed() ? ')' : ']', digits, path.points());
            case Polygon polygon -> points(out, '(', ')', digits, polygon.points());
            case Line line -> out.append('{').append(number(line.a(), digits)).append(',')
                    .append(number(line.b(), digits)).append(',').append(number(line.c(), digits)).append('}');
            case Circle circle -> {
                out.append('<');
                pair(out, circle.center(), digits);
                out.append(',').append(number(circle.radius(), digits)).append('>');
            }
        }
        return out.toString();
    }

    private static String number(double value, int digits) {
        return FloatIO.formatDouble(value, digits);
    }

    private static void pair(StringBuilder out, Point point, int digits) {
        out.append('(').append(number(point.x(), digits)).append(',').append(number(point.y(), digits)).append(')');
    }

    /** {@code path_encode}: the points, in brackets or parentheses or (a box) neither. */
    private static void points(StringBuilder out, char open, char close, int digits, Point... points) {
        if (open != '\0') {
            out.append(open);
        }
        for (int i = 0; i < points.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            pair(out, points[i], digits);
        }
        if (close != '\0') {
            out.append(close);
        }
    }

    @Override
    public Object receive(byte[] bytes, int offset, int length, int typmod, FormatSettings settings) {
        return receive(typeOid, bytes, offset, length);
    }

    static Geometry receive(int typeOid, byte[] bytes, int offset, int length) {
        return switch (typeOid) {
            case TypeOids.POINT -> {
                TypeErrors.checkBinaryLength(length, 16);
                yield point(bytes, offset);
            }
            case TypeOids.LSEG -> {
                TypeErrors.checkBinaryLength(length, 32);
                yield new LineSegment(point(bytes, offset), point(bytes, offset + 16));
            }
            case TypeOids.BOX -> {
                TypeErrors.checkBinaryLength(length, 32);
                yield Box.of(point(bytes, offset), point(bytes, offset + 16));
            }
            case TypeOids.LINE -> {
                TypeErrors.checkBinaryLength(length, 24);
                Line line = new Line(readDouble(bytes, offset), readDouble(bytes, offset + 8),
                        readDouble(bytes, offset + 16));
                if (Geometry.fuzzyZero(line.a()) && Geometry.fuzzyZero(line.b())) {
                    throw new SqlException(SqlState.INVALID_TEXT_REPRESENTATION,
                            "invalid line specification: A and B cannot both be zero");
                }
                yield line;
            }
            case TypeOids.CIRCLE -> {
                TypeErrors.checkBinaryLength(length, 24);
                Circle circle = new Circle(point(bytes, offset), readDouble(bytes, offset + 16));
                if (circle.radius() < 0) {
                    throw new SqlException(SqlState.INVALID_BINARY_REPRESENTATION,
                            "invalid radius in external \"circle\" value");
                }
                yield circle;
            }
            case TypeOids.PATH -> {
                int count = length >= 5 ? TypeErrors.readInt(bytes, offset + 1) : -1;
                if (count <= 0 || count > MAX_POINTS || length != 5 + 16 * count) {
                    throw new SqlException(SqlState.INVALID_BINARY_REPRESENTATION,
                            "invalid number of points in external \"path\" value");
                }
                yield new Path(bytes[offset] != 0, points(bytes, offset + 5, count));
            }
            case TypeOids.POLYGON -> {
                int count = length >= 4 ? TypeErrors.readInt(bytes, offset) : -1;
                if (count <= 0 || count > MAX_POINTS || length != 4 + 16 * count) {
                    throw new SqlException(SqlState.INVALID_BINARY_REPRESENTATION,
                            "invalid number of points in external \"polygon\" value");
                }
                yield Polygon.of(points(bytes, offset + 4, count));
            }
            default -> throw new IllegalStateException("not a geometric type: " + typeOid);
        };
    }

    private static Point[] points(byte[] bytes, int offset, int count) {
        Point[] points = new Point[count];
        for (int i = 0; i < count; i++) {
            points[i] = point(bytes, offset + 16 * i);
        }
        return points;
    }

    private static Point point(byte[] bytes, int offset) {
        return new Point(readDouble(bytes, offset), readDouble(bytes, offset + 8));
    }

    private static double readDouble(byte[] bytes, int offset) {
        return Double.longBitsToDouble(TypeErrors.readLong(bytes, offset));
    }

    @Override
    public byte[] send(Object value, FormatSettings settings) {
        return ((Geometry) value).binary();
    }

    /** A cursor over the text form, with {@code geo_ops.c}'s decoding steps. */
    private static final class Reader {
        private final String text;
        private final String typeName;
        private int position;

        Reader(String text, String typeName) {
            this.text = text;
            this.typeName = typeName;
        }

        SqlException invalid() {
            return TypeErrors.invalidSyntax(typeName, text);
        }

        private char peek() {
            return position < text.length() ? text.charAt(position) : '\0';
        }

        private void skipSpaces() {
            position = afterSpaces(position);
        }

        /** The first position from {@code from} on that is not white space. */
        private int afterSpaces(int from) {
            int next = from;
            while (next < text.length() && TypeErrors.isSpace(text.charAt(next))) {
                next++;
            }
            return next;
        }

        private void expect(char c) {
            if (peek() != c) {
                throw invalid();
            }
            position++;
        }

        <T> T endOfInput(T value) {
            if (position != text.length()) {
                throw invalid();
            }
            return value;
        }

        /** {@code single_decode}: a float8 between optional spaces, as {@code float8in_internal} reads one. */
        double number() {
            skipSpaces();
            Matcher matcher = NUMBER.matcher(text).region(position, text.length());
            if (!matcher.lookingAt()) {
                throw invalid();
            }
            String number = matcher.group();
            position = matcher.end();
            double value;
            String lower = number.toLowerCase(Locale.ROOT);
            if (lower.endsWith("nan")) {
                value = Double.NaN;
            } else if (lower.endsWith("inf") || lower.endsWith("infinity")) {
                value = number.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            } else {
                value = Double.parseDouble(number);
                if (Double.isInfinite(value) || (value == 0 && number.matches("[^eE]*[1-9].*"))) {
                    throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                            "\"" + number + "\" is out of range for type double precision");
                }
            }
            skipSpaces();
            return value;
        }

        /** {@code pair_decode}: {@code x,y} or {@code (x,y)}. */
        Point pair() {
            skipSpaces();
            boolean delimited = peek() == '(';
            if (delimited) {
                position++;
            }
            double x = number();
            expect(',');
            double y = number();
            if (delimited) {
                expect(')');
                skipSpaces();
            }
            return new Point(x, y);
        }

        /** {@code path_decode}: {@code count} points, in parentheses or (if allowed) brackets or bare. */
        Path path(boolean openAllowed, int count) {
            skipSpaces();
            int depth = 0;
            boolean open = peek() == '[';
            if (open) {
                if (!openAllowed) {
                    throw invalid();
                }
                depth++;
                position++;
            } else if (peek() == '(') {
                int next = afterSpaces(position + 1);
                if ((next < text.length() && text.charAt(next) == '(') || text.lastIndexOf('(') == position) {
                    depth++;
                    position = next;
                }
            }
            Point[] points = new Point[count];
            for (int i = 0; i < count; i++) {
                points[i] = pair();
                if (peek() == ',') {
                    position++;
                }
            }
            while (depth > 0) {
                if (peek() == ')' || (peek() == ']' && open && depth == 1)) {
                    depth--;
                    position++;
                    skipSpaces();
                } else {
                    throw invalid();
                }
            }
            return new Path(!open, points);
        }

        /** {@code path_in}: an outer pair of parentheses around the whole path is allowed. */
        Path pathValue() {
            int count = pairCount(text);
            if (count <= 0) {
                throw invalid();
            }
            skipSpaces();
            int depth = 0;
            if (peek() == '(' && text.lastIndexOf('(') == position) {
                position++;
                depth++;
            }
            Path path = path(true, count);
            if (depth >= 1) {
                expect(')');
                skipSpaces();
            }
            return endOfInput(path);
        }

        /** {@code line_in}: {@code {A,B,C}} or two distinct points. */
        Line line() {
            skipSpaces();
            if (peek() == '{') {
                position++;
                double a = number();
                expect(',');
                double b = number();
                expect(',');
                double c = number();
                expect('}');
                skipSpaces();
                endOfInput(null);
                if (Geometry.fuzzyZero(a) && Geometry.fuzzyZero(b)) {
                    throw new SqlException(SqlState.INVALID_TEXT_REPRESENTATION,
                            "invalid line specification: A and B cannot both be zero");
                }
                return new Line(a, b, c);
            }
            Point[] points = path(true, 2).points();
            endOfInput(null);
            if (points[0].same(points[1])) {
                throw new SqlException(SqlState.INVALID_TEXT_REPRESENTATION,
                        "invalid line specification: must be two distinct points");
            }
            return GeometricMath.lineThrough(points[0], points[1]);
        }

        /** {@code circle_in}: {@code <(x,y),r>}, {@code ((x,y),r)}, {@code (x,y),r} or {@code x,y,r}. */
        Circle circle() {
            skipSpaces();
            int depth = 0;
            boolean angled = peek() == '<';
            if (angled) {
                depth++;
                position++;
            } else if (peek() == '(') {
                int next = afterSpaces(position + 1);
                if (next < text.length() && text.charAt(next) == '(') {
                    depth++;
                    position = next;
                }
            }
            Point center = pair();
            if (peek() == ',') {
                position++;
            }
            double radius = number();
            if (radius < 0) {
                throw invalid();
            }
            while (depth > 0) {
                if (peek() == ')' || (peek() == '>' && depth == 1)) {
                    depth--;
                    position++;
                    skipSpaces();
                } else {
                    throw invalid();
                }
            }
            return endOfInput(new Circle(center, radius));
        }
    }
}
