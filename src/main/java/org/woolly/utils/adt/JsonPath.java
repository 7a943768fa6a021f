package org.woolly.utils.adt;

import org.woolly.utils.adt.JsonPathItem.Kind;

/**
 * A {@code jsonpath} value: its mode and its parsed items. {@link #toString} is
 * {@code jsonpath_out}'s canonical text ({@code printJsonPathItem}): keys quoted
 * ({@code $."a"[*]}), filters as {@code ?(...)}, operators spaced, parentheses wherever an
 * operand binds no tighter than its operator, and the whole expression in parentheses when it
 * is one, as {@code ($."a" + 1)}. Parsing that text gives the same path again.
 */
public final class JsonPath {
    private final boolean lax;
    private final JsonPathItem root;
    private final String text;

    JsonPath(boolean lax, JsonPathItem root) {
        this.lax = lax;
        this.root = root;
        StringBuilder out = new StringBuilder(lax ? "" : "strict ");
        print(out, root, false, true);
        this.text = out.toString();
    }

    /** {@code jsonpath_in}. */
    public static JsonPath parse(String text) {
        return JsonPathParser.parse(text);
    }

    boolean lax() {
        return lax;
    }

    JsonPathItem root() {
        return root;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonPath path && path.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    private static boolean bracketsFor(JsonPathItem operand, JsonPathItem operator) {
        return operand.kind.priority() <= operator.kind.priority();
    }

    private static void print(StringBuilder out, JsonPathItem item, boolean inKey, boolean brackets) {
        switch (item.kind) {
            case NULL -> out.append("null");
            case KEY -> {
                if (inKey) {
                    out.append('.');
                }
                JsonWriter.escape(out, item.text);
            }
            case STRING -> JsonWriter.escape(out, item.text);
            case VARIABLE -> {
                out.append('$');
                JsonWriter.escape(out, item.text);
            }
            case NUMERIC -> {
                String number = NumericIO.INSTANCE.output(item.number, null);
                out.append(item.next != null ? "(" + number + ")" : number);
            }
            case BOOL -> out.append(item.bool ? "true" : "false");
            case AND, OR, EQUAL, NOT_EQUAL, LESS, GREATER, LESS_OR_EQUAL, GREATER_OR_EQUAL, ADD, SUB, MUL, DIV, MOD,
                 STARTS_WITH -> {
                out.append(brackets ? "(" : "");
                print(out, item.left, false, bracketsFor(item.left, item));
                out.append(' ').append(item.kind.operator).append(' ');
                print(out, item.right, false, bracketsFor(item.right, item));
                out.append(brackets ? ")" : "");
            }
            case LIKE_REGEX -> {
                out.append(brackets ? "(" : "");
                print(out, item.left, false, bracketsFor(item.left, item));
                out.append(" like_regex ");
                JsonWriter.escape(out, item.text);
                if (item.flags != 0) {
                    out.append(" flag \"").append(JsonPathRegex.flagText(item.flags)).append('"');
                }
                out.append(brackets ? ")" : "");
            }
            case PLUS, MINUS -> {
                out.append(brackets ? "(" : "");
                out.append(item.kind == Kind.PLUS ? '+' : '-');
                print(out, item.left, false, bracketsFor(item.left, item));
                out.append(brackets ? ")" : "");
            }
            case FILTER -> {
                out.append("?(");
                print(out, item.left, false, false);
                out.append(')');
            }
            case NOT -> {
                out.append("!(");
                print(out, item.left, false, false);
                out.append(')');
            }
            case IS_UNKNOWN -> {
                out.append('(');
                print(out, item.left, false, false);
                out.append(") is unknown");
            }
            case EXISTS -> {
                out.append("exists (");
                print(out, item.left, false, false);
                out.append(')');
            }
            case CURRENT -> out.append('@');
            case ROOT -> out.append('$');
            case LAST -> out.append("last");
            case ANY_ARRAY -> out.append("[*]");
            case ANY_KEY -> out.append(inKey ? ".*" : "*");
            case INDEX_ARRAY -> {
                out.append('[');
                for (int i = 0; i < item.subscripts.size(); i++) {
                    JsonPathItem[] subscript = item.subscripts.get(i);
                    out.append(i > 0 ? "," : "");
                    print(out, subscript[0], false, false);
                    if (subscript.length > 1) {
                        out.append(" to ");
                        print(out, subscript[1], false, false);
                    }
                }
                out.append(']');
            }
            case ANY -> {
                out.append(inKey ? "." : "");
                out.append(anyBounds(item.first, item.last));
            }
            case DATETIME -> {
                out.append(".datetime(");
                if (item.left != null) {
                    print(out, item.left, false, false);
                }
                out.append(')');
            }
            default -> out.append('.').append(item.kind.operator).append("()");
        }
        if (item.next != null) {
            print(out, item.next, true, true);
        }
    }

    private static String anyBounds(long first, long last) {
        if (first == 0 && last == JsonPathItem.LAST_LEVEL) {
            return "**";
        }
        if (first == last) {
            return first == JsonPathItem.LAST_LEVEL ? "**{last}" : "**{" + first + "}";
        }
        if (first == JsonPathItem.LAST_LEVEL) {
            return "**{last to " + last + "}";
        }
        if (last == JsonPathItem.LAST_LEVEL) {
            return "**{" + first + " to last}";
        }
        return "**{" + first + " to " + last + "}";
    }
}
