package org.woolly.nodes.query;

import java.util.Comparator;
import java.util.List;

/**
 * A typed expression of the query tree ({@code primnodes.h}). Every node knows its result type
 * OID and type modifier. Records without source locations, so equal expressions compare equal.
 */
public sealed interface QueryExpr {
    int type();

    default int typmod() {
        return -1;
    }

    /** A constant; {@code value} is in the Java representation of {@code type}. */
    record Const(int type, int typmod, Object value) implements QueryExpr {}

    /** A statement parameter {@code $n} ({@code number} 1-based). */
    record Param(int number, int type) implements QueryExpr {}

    /**
     * A column of the input row: {@code position} is the 0-based index in the row the node below
     * produces (the concatenated columns of the FROM items, or the grouping output after GROUP BY).
     */
    record Var(int position, int type, int typmod, String name, int location) implements QueryExpr {
        /** The location only serves error messages: two references to one column are equal. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Var var && var.position == position && var.type == type && var.typmod == typmod;
        }

        @Override
        public int hashCode() {
            return position * 31 + type;
        }
    }

    /** A function or operator call; {@code operator} is true when written as an operator. */
    record FuncCall(FunctionHandle function, List<QueryExpr> args, boolean operator, int type)
            implements QueryExpr {}

    /**
     * {@code WHERE CURRENT OF cursor} ({@code CurrentOfExpr}): true for the row of table
     * {@code tableOid} the cursor is on; {@code tid} reads the TID of the row being tested.
     */
    record CurrentOf(String cursorName, int tableOid, String tableName, QueryExpr tid) implements QueryExpr {
        @Override
        public int type() {
            return org.woolly.utils.adt.TypeOids.BOOL;
        }
    }

    /** AND/OR over two or more arguments, NOT over one; three-valued. */
    record BoolOp(BoolKind kind, List<QueryExpr> args) implements QueryExpr {
        public enum BoolKind { AND, OR, NOT }

        @Override
        public int type() {
            return org.woolly.utils.adt.TypeOids.BOOL;
        }
    }

    /** IS [NOT] NULL / TRUE / FALSE / UNKNOWN. */
    record NullTest(QueryExpr arg, org.woolly.nodes.parse.Expr.NullTest.Test test) implements QueryExpr {
        @Override
        public int type() {
            return org.woolly.utils.adt.TypeOids.BOOL;
        }
    }

    /** {@code a IS [NOT] DISTINCT FROM b}, through the type's equality operator. */
    record DistinctFrom(QueryExpr left, QueryExpr right, FunctionHandle equality, boolean not) implements QueryExpr {
        @Override
        public int type() {
            return org.woolly.utils.adt.TypeOids.BOOL;
        }
    }

    /** {@code NULLIF(a, b)}: null when {@code a = b}, else {@code a}. */
    record NullIf(QueryExpr left, QueryExpr right, FunctionHandle equality, int type) implements QueryExpr {}

    /** Searched CASE (a simple CASE is rewritten into equality tests). */
    record Case(List<QueryExpr> conditions, List<QueryExpr> results, QueryExpr elseResult, int type)
            implements QueryExpr {}

    /** COALESCE: the first non-null argument. */
    record Coalesce(List<QueryExpr> args, int type) implements QueryExpr {}

    /** GREATEST / LEAST, ignoring nulls. */
    record MinMax(boolean greatest, List<QueryExpr> args, Comparator<Object> comparator, int type)
            implements QueryExpr {
        @Override
        public boolean equals(Object other) {
            return other instanceof MinMax minMax && minMax.greatest == greatest && minMax.args.equals(args)
                    && minMax.type == type;
        }

        @Override
        public int hashCode() {
            return args.hashCode() * 31 + type;
        }
    }

    /**
     * {@code ARRAY[...]} ({@code ArrayExpr}): the elements are already of {@code elementType};
     * {@code multidimensional} when they are themselves arrays (each a sub-array of the result).
     */
    record ArrayConstruct(List<QueryExpr> elements, int elementType, boolean multidimensional, int type)
            implements QueryExpr {}

    /**
     * {@code a[i][j]} or {@code a[lo:hi]...} ({@code SubscriptingRef}): one entry per subscript,
     * int4; in a slice an omitted bound is a null entry. {@code type} is the element type, or the
     * array type for a slice.
     */
    record ArraySubscript(QueryExpr array, List<QueryExpr> lowers, List<QueryExpr> uppers, boolean slice, int type)
            implements QueryExpr {}

    /**
     * {@code a[i] := value} or {@code a[lo:hi] := value} of UPDATE's SET and INSERT's column list
     * ({@code SubscriptingRef} with {@code refassgnexpr}): {@code array} with the element or slice
     * replaced; subscripts as in {@link ArraySubscript}, {@code value} already of the element type
     * (the array type for a slice); {@code type} is the array type.
     */
    record ArrayAssign(QueryExpr array, List<QueryExpr> lowers, List<QueryExpr> uppers, boolean slice,
                       QueryExpr value, int type) implements QueryExpr {}

    /** {@code left op ANY|ALL (array)} ({@code ScalarArrayOpExpr}); {@code operator} takes (left, element). */
    record ScalarArrayOp(FunctionHandle operator, boolean all, QueryExpr left, QueryExpr array) implements QueryExpr {
        @Override
        public int type() {
            return org.woolly.utils.adt.TypeOids.BOOL;
        }
    }

    /** A type conversion; {@code coercion} null means only the typmod is applied (length check). */
    record Cast(QueryExpr arg, CoercionHandle coercion, int type, int typmod, boolean explicit)
            implements QueryExpr {}

    /** CURRENT_USER, CURRENT_TIMESTAMP, ... evaluated from the running statement's context. */
    record SqlValue(String name, int type) implements QueryExpr {}

    /**
     * An aggregate call, only before the planner moves it into the aggregation node;
     * {@code orderBy} (empty when not written) orders the rows fed to it, as in
     * {@code string_agg(x, ',' ORDER BY x)}.
     */
    record Aggregate(AggregateHandle aggregate, List<QueryExpr> args, boolean star, boolean distinct,
                     QueryExpr filter, int type, List<WindowClause.Order> orderBy) implements QueryExpr {
        /** An aggregate without ORDER BY. */
        public Aggregate(AggregateHandle aggregate, List<QueryExpr> args, boolean star, boolean distinct,
                         QueryExpr filter, int type) {
            this(aggregate, args, star, distinct, filter, type, List.of());
        }
    }

    /**
     * A window function call ({@code WindowFunc}): a built-in window function ({@code aggregate}
     * null) or an aggregate used with OVER, only before the planner moves it into a WindowAgg
     * node. {@code filter} applies to aggregates only.
     */
    record WindowFunc(String name, AggregateHandle aggregate, List<QueryExpr> args, boolean star, QueryExpr filter,
                      WindowClause window, int type) implements QueryExpr {}

    /**
     * An uncorrelated subquery in an expression ({@code SubLink}, run once as an init plan):
     * EXPR yields its single value, EXISTS whether it has a row, ANY/ALL compare {@code test}
     * with each value through {@code operator} ({@code rightValue} reads the value as column 0
     * and coerces it to the operator's right type). {@code planIndex} is set by the planner.
     */
    record SubLink(org.woolly.nodes.parse.Expr.SubLink.Kind kind, Query query, int planIndex, QueryExpr test,
                   FunctionHandle operator, QueryExpr rightValue, int type, List<ParamBinding> bindings)
            implements QueryExpr {
        /** An uncorrelated subquery (no outer columns to pass). */
        public SubLink(org.woolly.nodes.parse.Expr.SubLink.Kind kind, Query query, int planIndex, QueryExpr test,
                       FunctionHandle operator, QueryExpr rightValue, int type) {
            this(kind, query, planIndex, test, operator, rightValue, type, List.of());
        }

        /**
         * Correlated ({@code SubPlan} with {@code parParam}/{@code args}): before each run the
         * bindings' values, read from the current row of the enclosing query, are stored in their
         * execution parameters, and the subquery runs again.
         */
        public boolean correlated() {
            return !bindings.isEmpty();
        }

        /**
         * An uncorrelated {@code = ANY} (IN, and NOT IN under its NOT) of one non-row type: its
         * values are hashed once and each test is a lookup ({@code hashed SubPlan}).
         */
        public boolean hashed() {
            return !correlated() && kind == org.woolly.nodes.parse.Expr.SubLink.Kind.ANY && operator != null
                    && operator.name().equals("=") && test.type() == rightValue.type()
                    && test.type() != org.woolly.utils.adt.TypeOids.RECORD;
        }
    }

    /**
     * A column of an enclosing query level read inside a subquery ({@code PARAM_EXEC}): the
     * enclosing query stores the value in slot {@code id} before it runs the subquery.
     * {@code name} is the column as EXPLAIN shows it.
     */
    record ExecParam(int id, int type, int typmod, String name) implements QueryExpr {}

    /**
     * {@code GROUPING(a, b, ...)} ({@code GroupingFunc}), only until the analyzer re-expresses it
     * over the aggregation row: bit {@code n-1-i} of the int4 result is set when argument {@code i}
     * is not in the grouping set of the current row.
     */
    record GroupingFunc(List<QueryExpr> args, int location) implements QueryExpr {
        @Override
        public int type() {
            return org.woolly.utils.adt.TypeOids.INT4;
        }
    }
}
