package org.woolly.nodes.parse;

import java.util.List;

/** A raw expression. Operators keep their symbol; the analyzer resolves them by type. */
public sealed interface Expr {
    int location();

    /**
     * A constant as written: {@code kind} tells how ({@code 42} is INTEGER, {@code 4.2} and
     * {@code 1e10} are NUMERIC, {@code 'x'} and {@code E'x'} are STRING, {@code B'101'} BIT_STRING,
     * TRUE/FALSE BOOLEAN, NULL NULL). {@code value} is the text after unescaping.
     */
    record Constant(Kind kind, String value, int location) implements Expr {
        public enum Kind { INTEGER, NUMERIC, STRING, BIT_STRING, BOOLEAN, NULL }
    }

    /** {@code a}, {@code t.a}, {@code s.t.a}, {@code t.*} or {@code *} (last field "*"). */
    record ColumnRef(List<String> fields, int location) implements Expr {}

    /** {@code $n} (1-based). */
    record ParamRef(int number, int location) implements Expr {}

    /** {@code WHERE CURRENT OF cursor} of UPDATE and DELETE ({@code CurrentOfExpr}). */
    record CurrentOf(String cursorName, int location) implements Expr {}

    /**
     * A binary ({@code left != null}) or prefix operator, by symbol or keyword-operator name:
     * "+", "-", "*", "/", "%", "^", "=", "<>", "<", ">", "<=", ">=", "||", "~~" (LIKE), "!~~"
     * (NOT LIKE), "~~*" (ILIKE), "!~~*", "~", and any other operator symbol. {@code !=} is
     * normalized to "<>".
     */
    record Operator(String name, Expr left, Expr right, int location) implements Expr {}

    /** AND / OR over two or more arguments, NOT over one. */
    record BoolExpr(BoolOp op, List<Expr> args, int location) implements Expr {
        public enum BoolOp { AND, OR, NOT }
    }

    /** {@code e IS [NOT] NULL}, {@code e IS [NOT] TRUE|FALSE|UNKNOWN}. */
    record NullTest(Expr arg, Test test, int location) implements Expr {
        public enum Test { IS_NULL, IS_NOT_NULL, IS_TRUE, IS_NOT_TRUE, IS_FALSE, IS_NOT_FALSE, IS_UNKNOWN, IS_NOT_UNKNOWN }
    }

    /** {@code e IS [NOT] DISTINCT FROM f}. */
    record DistinctFrom(Expr left, Expr right, boolean not, int location) implements Expr {}

    /** {@code e [NOT] BETWEEN [SYMMETRIC] a AND b}. */
    record Between(Expr arg, Expr low, Expr high, boolean not, boolean symmetric, int location) implements Expr {}

    /** {@code e [NOT] IN (a, b, ...)}. */
    record InList(Expr arg, List<Expr> list, boolean not, int location) implements Expr {}

    /**
     * A function call, aggregate or window call: {@code name(args)}, {@code count(*)}
     * ({@code star}), {@code count(DISTINCT x)}, {@code agg(x ORDER BY y)},
     * {@code agg(x) FILTER (WHERE ...)}. {@code over} is non-null for window calls.
     */
    record FuncCall(QualifiedName name, List<Expr> args, boolean star, boolean distinct, List<SortBy> orderBy,
                    Expr filter, WindowDef over, int location, boolean withinGroup) implements Expr {
        public FuncCall(QualifiedName name, List<Expr> args, boolean star, boolean distinct, List<SortBy> orderBy,
                        Expr filter, WindowDef over, int location) {
            this(name, args, star, distinct, orderBy, filter, over, location, false);
        }
    }

    /**
     * {@code OVER name} ({@code parenthesized} false: {@code name} names a window of the WINDOW
     * clause), or {@code OVER ([existing name] [PARTITION BY ...] [ORDER BY ...] [frame])};
     * {@code frame} is null when not written.
     */
    record WindowDef(String name, List<Expr> partitionBy, List<SortBy> orderBy, Frame frame, boolean parenthesized,
                     int location) {
        public WindowDef(String name, List<Expr> partitionBy, List<SortBy> orderBy, int location) {
            this(name, partitionBy, orderBy, null, true, location);
        }
    }

    /** {@code WINDOW name AS (spec)}: one named window of a SELECT's WINDOW clause. */
    record NamedWindow(String name, WindowDef spec, int location) {}

    /**
     * A window frame ({@code frame_clause} of {@code gram.y}): ROWS, RANGE or GROUPS from
     * {@code start} to {@code end} (CURRENT ROW when only the start is written), less the rows
     * {@code exclusion} names.
     */
    record Frame(FrameMode mode, FrameBound start, FrameBound end, FrameExclusion exclusion, int location) {}

    enum FrameMode { ROWS, RANGE, GROUPS }

    enum FrameExclusion { NO_OTHERS, CURRENT_ROW, GROUP, TIES }

    /** One end of a frame; {@code offset} is non-null for the two OFFSET kinds. */
    record FrameBound(BoundKind kind, Expr offset, int location) {
        public enum BoundKind { UNBOUNDED_PRECEDING, OFFSET_PRECEDING, CURRENT_ROW, OFFSET_FOLLOWING, UNBOUNDED_FOLLOWING }
    }

    /**
     * A function argument written {@code name => value} or {@code name := value} ({@code NamedArgExpr}),
     * or {@code VARIADIC value} ({@code name} null, {@code variadic} true); only a call's argument list holds one.
     */
    record NamedArgument(String name, boolean variadic, Expr value, int location) implements Expr {}

    /** {@code e::type} or {@code CAST(e AS type)}, or {@code type 'literal'}. */

    record TypeCast(Expr arg, TypeName type, int location) implements Expr {}

    /** {@code CASE [arg] WHEN ... THEN ... [ELSE ...] END}. */
    record Case(Expr arg, List<When> whens, Expr elseResult, int location) implements Expr {
        public record When(Expr condition, Expr result, int location) {}
    }

    /** {@code COALESCE(...)}, {@code NULLIF(a, b)}, {@code GREATEST(...)}, {@code LEAST(...)}. */
    record SpecialFunction(Kind kind, List<Expr> args, int location) implements Expr {
        public enum Kind { COALESCE, NULLIF, GREATEST, LEAST }
    }

    /**
     * SQL-standard functions without parentheses or with special syntax, kept by name:
     * CURRENT_DATE, CURRENT_TIMESTAMP, LOCALTIMESTAMP, CURRENT_TIME, LOCALTIME, CURRENT_USER,
     * SESSION_USER, USER, CURRENT_ROLE, CURRENT_CATALOG, CURRENT_SCHEMA; {@code precision} is
     * -1 when not given.
     */
    record SqlValueFunction(String name, int precision, int location) implements Expr {}

    /** A scalar subquery {@code (SELECT ...)}, {@code ARRAY(SELECT ...)}, {@code EXISTS (...)}, {@code e [NOT] IN (SELECT ...)}, {@code e op ANY/ALL (SELECT ...)}. */
    record SubLink(Kind kind, Expr test, String operator, SelectStmt subquery, int location) implements Expr {
        /** MULTIEXPR: one column of a {@code SET (a, b) = (SELECT x, y ...)} sub-select, see {@link MultiAssignRef}. */
        public enum Kind { EXPR, EXISTS, ANY, ALL, ARRAY, MULTIEXPR }
    }

    /**
     * Column {@code column} (0-based) of the {@code columns}-column sub-select {@code source} in
     * {@code UPDATE ... SET (a, b) = (SELECT ...)} ({@code MultiAssignRef}).
     */
    record MultiAssignRef(SubLink source, int column, int columns, int location) implements Expr {}

    /** {@code e op ANY (array)} / {@code e op ALL (array)}. */
    record ArrayComparison(String operator, boolean all, Expr left, Expr array, int location) implements Expr {}

    /** {@code ARRAY[a, b]} or a {@code '{...}'} written as ARRAY syntax. */
    record ArrayConstructor(List<Expr> elements, int location) implements Expr {}

    /** {@code ROW(a, b)} or {@code (a, b)}. */
    record RowConstructor(List<Expr> fields, int location) implements Expr {}

    /** {@code e[i]} or {@code e[lo:hi]}; upper is null for a single subscript. */
    record Subscript(Expr arg, Expr lower, Expr upper, boolean slice, int location) implements Expr {}

    /** {@code (e).field} or {@code (e).*}. */
    record FieldSelect(Expr arg, String field, int location) implements Expr {}

    /** {@code e COLLATE "name"}. */
    record Collate(Expr arg, QualifiedName collation, int location) implements Expr {}

    /** {@code DEFAULT} in an INSERT VALUES list or UPDATE SET. */
    record Default(int location) implements Expr {}

    /**
     * A GROUP BY item that is not a plain expression ({@code GroupingSet} in {@code parsenodes.h}):
     * {@code ()} (EMPTY), {@code ROLLUP(...)}, {@code CUBE(...)} and {@code GROUPING SETS (...)}.
     * A ROLLUP or CUBE element written {@code (a, b)} arrives as a row constructor and is one unit.
     */
    record GroupingSet(Kind kind, List<Expr> content, int location) implements Expr {
        public enum Kind { EMPTY, ROLLUP, CUBE, SETS }
    }

    /** {@code GROUPING(a, b, ...)} ({@code GroupingFunc}): which arguments the current grouping set leaves out. */
    record GroupingFunc(List<Expr> args, int location) implements Expr {}
}
