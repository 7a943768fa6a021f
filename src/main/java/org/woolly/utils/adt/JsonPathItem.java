package org.woolly.utils.adt;

import java.math.BigDecimal;
import java.util.List;

/**
 * One item of a parsed {@code jsonpath} ({@code JsonPathItem} of {@code src/include/utils/jsonpath.h}):
 * its kind, its operands and the accessor that follows it ({@link #next}), so {@code $.a[*]} is
 * {@code ROOT -> KEY a -> ANY_ARRAY}. Items are built by {@link JsonPathParser} and never
 * change once the parse is done.
 */
final class JsonPathItem {
    /** The item kinds ({@code JsonPathItemType}), with the operator text PostgreSQL prints. */
    enum Kind {
        NULL(""), STRING(""), NUMERIC(""), BOOL(""),
        AND("&&"), OR("||"), NOT("!"), IS_UNKNOWN(""),
        EQUAL("=="), NOT_EQUAL("!="), LESS("<"), GREATER(">"), LESS_OR_EQUAL("<="), GREATER_OR_EQUAL(">="),
        ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%"), PLUS("+"), MINUS("-"),
        ANY_ARRAY(""), ANY_KEY(""), INDEX_ARRAY(""), ANY(""), KEY(""), CURRENT(""), ROOT(""), VARIABLE(""),
        FILTER(""), EXISTS(""),
        TYPE("type"), SIZE("size"), ABS("abs"), FLOOR("floor"), CEILING("ceiling"), DOUBLE("double"),
        DATETIME("datetime"), KEY_VALUE("keyvalue"),
        SUBSCRIPT(""), LAST(""), STARTS_WITH("starts with"), LIKE_REGEX("like_regex");

        final String operator;

        Kind(String operator) {
            this.operator = operator;
        }

        /** {@code operationPriority}: how tightly the operator binds, for printing parentheses. */
        int priority() {
            return switch (this) {
                case OR -> 0;
                case AND -> 1;
                case EQUAL, NOT_EQUAL, LESS, GREATER, LESS_OR_EQUAL, GREATER_OR_EQUAL, STARTS_WITH -> 2;
                case ADD, SUB -> 3;
                case MUL, DIV, MOD -> 4;
                case PLUS, MINUS -> 5;
                default -> 6;
            };
        }

        boolean isComparison() {
            return switch (this) {
                case EQUAL, NOT_EQUAL, LESS, GREATER, LESS_OR_EQUAL, GREATER_OR_EQUAL -> true;
                default -> false;
            };
        }
    }

    /** {@code **} levels: {@code last} is this value, as PostgreSQL's {@code PG_UINT32_MAX}. */
    static final long LAST_LEVEL = 0xFFFFFFFFL;

    /** LIKE_REGEX flags ({@code JSP_REGEX_*}). */
    static final int REGEX_ICASE = 1;
    static final int REGEX_DOTALL = 2;
    static final int REGEX_MLINE = 4;
    static final int REGEX_WSPACE = 8;
    static final int REGEX_QUOTE = 16;

    final Kind kind;
    /** The accessor applied to this item's results, or null. */
    JsonPathItem next;
    /** The left operand, or the only argument (NOT, IS UNKNOWN, EXISTS, FILTER, PLUS, MINUS, DATETIME's template). */
    JsonPathItem left;
    JsonPathItem right;
    /** KEY name, VARIABLE name, STRING value, LIKE_REGEX pattern. */
    String text;
    BigDecimal number;
    boolean bool;
    int flags;
    long first;
    long last;
    /** INDEX_ARRAY subscripts: each {from} or {from, to}. */
    List<JsonPathItem[]> subscripts;
    /** LIKE_REGEX: the pattern compiled once at parse time. */
    java.util.regex.Pattern regex;

    JsonPathItem(Kind kind) {
        this.kind = kind;
    }

    static JsonPathItem of(Kind kind, String text) {
        JsonPathItem item = new JsonPathItem(kind);
        item.text = text;
        return item;
    }

    static JsonPathItem binary(Kind kind, JsonPathItem left, JsonPathItem right) {
        JsonPathItem item = new JsonPathItem(kind);
        item.left = left;
        item.right = right;
        return item;
    }

    static JsonPathItem unary(Kind kind, JsonPathItem argument) {
        JsonPathItem item = new JsonPathItem(kind);
        item.left = argument;
        return item;
    }

    /** {@code makeItemList}: appends {@code accessor} at the end of this item's chain. */
    void append(JsonPathItem accessor) {
        JsonPathItem end = this;
        while (end.next != null) {
            end = end.next;
        }
        end.next = accessor;
    }
}
