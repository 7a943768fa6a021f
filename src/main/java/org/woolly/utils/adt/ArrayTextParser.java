package org.woolly.utils.adt;

import java.util.ArrayList;
import java.util.List;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * {@code array_in}'s reading of the text form: optional {@code [lo:hi]...=} dimensions, then
 * nested braces of elements, each unquoted (surrounding white space dropped, backslash escapes
 * the next character, {@code NULL} in any case is a NULL element) or double-quoted. Errors are
 * PostgreSQL 15's: 22P02 {@code malformed array literal} with the DETAIL that names the problem,
 * 54000 beyond six dimensions, 2202E for an upper bound below the lower one.
 */
final class ArrayTextParser {
    private final String text;
    private int position;
    private final List<Integer> lengths = new ArrayList<>();
    private int leafDepth = -1;
    private final List<String> elements = new ArrayList<>();

    private ArrayTextParser(String text) {
        this.text = text;
    }

    static ArrayValue parse(String text, int elementType, TypeIO io, int typmod, FormatSettings settings) {
        ArrayTextParser parser = new ArrayTextParser(text);
        List<int[]> explicit = parser.readDimensions();
        parser.skipSpaces();
        if (parser.atEnd() || parser.peek() != '{') {
            throw parser.malformed(explicit == null ? "Array value must start with \"{\" or dimension information."
                    : "Array contents must start with \"{\".");
        }
        parser.readLevel(0);
        parser.skipSpaces();
        if (!parser.atEnd()) {
            throw parser.malformed("Junk after closing right brace.");
        }
        int dims = parser.leafDepth + 1;
        int[] lengths = new int[dims];
        int[] lowerBounds = new int[dims];
        for (int dim = 0; dim < dims; dim++) {
            lengths[dim] = parser.lengths.get(dim);
            lowerBounds[dim] = 1;
        }
        if (explicit != null) {
            boolean match = explicit.size() == dims;
            for (int dim = 0; match && dim < dims; dim++) {
                int[] bounds = explicit.get(dim);
                match = bounds[1] - bounds[0] + 1 == lengths[dim];
                lowerBounds[dim] = bounds[0];
            }
            if (!match) {
                throw parser.malformed("Specified array dimensions do not match array contents.");
            }
        }
        if (dims == 0) {
            return ArrayValue.empty(elementType);
        }
        Object[] values = new Object[parser.elements.size()];
        for (int i = 0; i < values.length; i++) {
            String element = parser.elements.get(i);
            values[i] = element == null ? null : io.input(element, typmod, settings);
        }
        return new ArrayValue(elementType, lengths, lowerBounds, values);
    }

    private boolean atEnd() {
        return position >= text.length();
    }

    private char peek() {
        return text.charAt(position);
    }

    private void skipSpaces() {
        while (!atEnd() && TypeErrors.isSpace(peek())) {
            position++;
        }
    }

    private SqlException malformed(String detail) {
        return new SqlException(SqlState.INVALID_TEXT_REPRESENTATION, "malformed array literal: \"" + text + "\"")
                .withDetail(detail);
    }

    /** {@code [lo:hi][lo:hi]=}: null when the literal has none; each entry {lower, upper}. */
    private List<int[]> readDimensions() {
        skipSpaces();
        if (atEnd() || peek() != '[') {
            return null;
        }
        List<int[]> dimensions = new ArrayList<>();
        while (!atEnd() && peek() == '[') {
            position++;
            Integer first = readInteger();
            if (first == null) {
                throw malformed("\"[\" must introduce explicitly-specified array dimensions.");
            }
            int lower = 1;
            int upper = first;
            if (!atEnd() && peek() == ':') {
                position++;
                Integer second = readInteger();
                if (second == null) {
                    throw malformed("Missing array dimension value.");
                }
                lower = first;
                upper = second;
            }
            if (atEnd() || peek() != ']') {
                throw malformed("Missing \"]\" after array dimensions.");
            }
            position++;
            if (upper < lower) {
                throw new SqlException(SqlState.ARRAY_SUBSCRIPT_ERROR, "upper bound cannot be less than lower bound");
            }
            if ((long) upper + 1 > Integer.MAX_VALUE) {
                // lower + length must stay an int (ArrayCheckBounds)
                throw new SqlException(SqlState.PROGRAM_LIMIT_EXCEEDED, "array lower bound is too large: " + lower);
            }
            dimensions.add(new int[] {lower, upper});
            if (dimensions.size() > ArrayValue.MAX_DIMENSIONS) {
                throw tooManyDimensions(dimensions.size());
            }
            skipSpaces();
        }
        if (atEnd() || peek() != '=') {
            throw malformed("Missing \"=\" after array dimensions.");
        }
        position++;
        return dimensions;
    }

    private Integer readInteger() {
        skipSpaces();
        int start = position;
        if (!atEnd() && (peek() == '-' || peek() == '+')) {
            position++;
        }
        while (!atEnd() && Character.isDigit(peek())) {
            position++;
        }
        if (position == start || !Character.isDigit(text.charAt(position - 1))) {
            position = start;
            return null;
        }
        try {
            int value = Integer.parseInt(text.substring(start, position));
            skipSpaces();
            return value;
        } catch (NumberFormatException overflow) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "array bound is out of integer range");
        }
    }

    private static SqlException tooManyDimensions(int count) {
        return new SqlException(SqlState.PROGRAM_LIMIT_EXCEEDED, "number of array dimensions (" + count
                + ") exceeds the maximum allowed (" + ArrayValue.MAX_DIMENSIONS + ")");
    }

    /** Reads {@code {...}} at {@code depth}, starting at its opening brace. */
    private void readLevel(int depth) {
        if (depth + 1 > ArrayValue.MAX_DIMENSIONS) {
            throw tooManyDimensions(depth + 1);
        }
        position++;
        skipSpaces();
        int count = 0;
        if (!atEnd() && peek() == '}') {
            if (depth > 0) {
                throw malformed("Unexpected \"}\" character.");
            }
            position++;
            return;
        }
        while (true) {
            skipSpaces();
            if (atEnd()) {
                throw malformed("Unexpected end of input.");
            }
            char c = peek();
            boolean completed = c == '{' || c == '"';
            if (c == '{') {
                if (leafDepth == depth) {
                    throw malformed("Unexpected \"{\" character.");
                }
                readLevel(depth + 1);
            } else if (c == '}' || c == ',') {
                throw malformed("Unexpected \"" + c + "\" character.");
            } else {
                if (leafDepth == -1) {
                    leafDepth = depth;
                } else if (leafDepth != depth) {
                    throw malformed(c == '\\' ? "Unexpected \"\\\" character." : "Unexpected array element.");
                }
                elements.add(c == '"' ? readQuoted() : readUnquoted());
            }
            count++;
            skipSpaces();
            if (atEnd()) {
                throw malformed("Unexpected end of input.");
            }
            c = peek();
            position++;
            if (c == '}') {
                break;
            }
            if (c != ',') {
                // after a quoted element or a sub-array only a delimiter may follow
                throw malformed(completed && c != '{' ? "Unexpected array element." : "Unexpected \"" + c + "\" character.");
            }
        }
        while (lengths.size() <= depth) {
            lengths.add(-1);
        }
        if (lengths.get(depth) == -1) {
            lengths.set(depth, count);
        } else if (lengths.get(depth) != count) {
            throw malformed("Multidimensional arrays must have sub-arrays with matching dimensions.");
        }
    }

    private String readQuoted() {
        position++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw malformed("Unexpected end of input.");
            }
            char c = text.charAt(position++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\') {
                if (atEnd()) {
                    throw malformed("Unexpected end of input.");
                }
                c = text.charAt(position++);
            }
            value.append(c);
        }
    }

    /** An unquoted element up to the next comma or closing brace; null for NULL. */
    private String readUnquoted() {
        StringBuilder value = new StringBuilder();
        int keep = 0;
        boolean escaped = false;
        while (true) {
            if (atEnd()) {
                throw malformed("Unexpected end of input.");
            }
            char c = peek();
            if (c == ',' || c == '}') {
                break;
            }
            if (c == '{') {
                throw malformed("Unexpected \"{\" character.");
            }
            if (c == '"') {
                throw malformed("Unexpected array element.");
            }
            position++;
            if (c == '\\') {
                if (atEnd()) {
                    throw malformed("Unexpected end of input.");
                }
                value.append(text.charAt(position++));
                keep = value.length();
                escaped = true;
                continue;
            }
            value.append(c);
            if (!TypeErrors.isSpace(c)) {
                keep = value.length();
            }
        }
        String element = value.substring(0, keep);
        if (!escaped && element.equalsIgnoreCase("NULL")) {
            return null;
        }
        return element;
    }
}
