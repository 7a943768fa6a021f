package org.woolly.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * A partition's bound ({@code PartitionBoundSpec} after {@code transformPartitionBound}) in the
 * text form that Woolly stores in {@code pg_class.relpartbound} and {@code pg_get_expr} prints:
 * {@code FOR VALUES IN (1, 2)}, {@code FOR VALUES FROM (MINVALUE) TO ('b')},
 * {@code FOR VALUES WITH (modulus 4, remainder 1)}, {@code DEFAULT}. Each value keeps its
 * literal text (as the key column's output function wrote it) and whether it is printed quoted.
 */
public record PartitionBound(Kind kind, List<Datum> listValues, List<Datum> lower, List<Datum> upper, int modulus,
                             int remainder) {
    public enum Kind { DEFAULT, LIST, RANGE, HASH }

    /** One bound value: {@code text} null is NULL; {@code infinite} -1 is MINVALUE, +1 MAXVALUE. */
    public record Datum(String text, boolean quoted, int infinite) {
        public static final Datum MINVALUE = new Datum(null, false, -1);
        public static final Datum MAXVALUE = new Datum(null, false, 1);
        public static final Datum NULL = new Datum(null, false, 0);

        String literal() {
            if (infinite != 0) {
                return infinite < 0 ? "MINVALUE" : "MAXVALUE";
            }
            if (text == null) {
                return "NULL";
            }
            return quoted ? "'" + text.replace("'", "''") + "'" : text;
        }
    }

    public static PartitionBound ofDefault() {
        return new PartitionBound(Kind.DEFAULT, List.of(), List.of(), List.of(), 0, 0);
    }

    /** The text {@code pg_get_expr(relpartbound, oid)} shows. */
    public String text() {
        return switch (kind) {
            case DEFAULT -> "DEFAULT";
            case LIST -> "FOR VALUES IN (" + literals(listValues) + ")";
            case RANGE -> "FOR VALUES FROM (" + literals(lower) + ") TO (" + literals(upper) + ")";
            case HASH -> "FOR VALUES WITH (modulus %d, remainder %d)".formatted(modulus, remainder);
        };
    }

    private static String literals(List<Datum> values) {
        StringBuilder text = new StringBuilder();
        for (Datum value : values) {
            text.append(text.isEmpty() ? "" : ", ").append(value.literal());
        }
        return text.toString();
    }

    /** Reads the stored text back; null for null. */
    public static PartitionBound parse(String text) {
        if (text == null) {
            return null;
        }
        if (text.equals("DEFAULT")) {
            return ofDefault();
        }
        if (text.startsWith("FOR VALUES IN (")) {
            return new PartitionBound(Kind.LIST, data(text, "FOR VALUES IN (".length()).values, List.of(), List.of(),
                    0, 0);
        }
        if (text.startsWith("FOR VALUES FROM (")) {
            Parsed lower = data(text, "FOR VALUES FROM (".length());
            Parsed upper = data(text, lower.end + " TO (".length());
            return new PartitionBound(Kind.RANGE, List.of(), lower.values, upper.values, 0, 0);
        }
        String[] numbers = text.replaceAll("[^0-9]+", " ").trim().split(" ");
        return new PartitionBound(Kind.HASH, List.of(), List.of(), List.of(), Integer.parseInt(numbers[0]),
                Integer.parseInt(numbers[1]));
    }

    private record Parsed(List<Datum> values, int end) {}

    /** The comma-separated literals from {@code start} to the closing parenthesis (returned as {@code end}, after it). */
    private static Parsed data(String text, int start) {
        List<Datum> values = new ArrayList<>();
        int i = start;
        while (true) {
            if (text.charAt(i) == '\'') {
                StringBuilder literal = new StringBuilder();
                i++;
                while (true) {
                    char c = text.charAt(i++);
                    if (c == '\'') {
                        if (i < text.length() && text.charAt(i) == '\'') {
                            literal.append('\'');
                            i++;
                            continue;
                        }
                        break;
                    }
                    literal.append(c);
                }
                values.add(new Datum(literal.toString(), true, 0));
            } else {
                int end = i;
                while (text.charAt(end) != ',' && text.charAt(end) != ')') {
                    end++;
                }
                String word = text.substring(i, end);
                values.add(switch (word) {
                    case "MINVALUE" -> Datum.MINVALUE;
                    case "MAXVALUE" -> Datum.MAXVALUE;
                    case "NULL" -> Datum.NULL;
                    default -> new Datum(word, false, 0);
                });
                i = end;
            }
            if (text.charAt(i) == ')') {
                return new Parsed(List.copyOf(values), i + 1);
            }
            i += 2;
        }
    }
}
