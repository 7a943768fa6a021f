package org.woolly.nodes.parse;

import java.util.List;

/**
 * A SELECT, a VALUES list, or a set operation over two of them ({@code op != null}), with the
 * clauses that apply to the whole (ORDER BY, LIMIT, OFFSET, locking) kept on the outermost node.
 */
public record SelectStmt(
        List<ResTarget> targets,          // empty for VALUES and set operations
        boolean distinct,
        List<Expr> distinctOn,            // null unless DISTINCT ON (...)
        List<FromItem> from,
        Expr where,
        List<Expr> groupBy,
        Expr having,
        List<List<Expr>> values,          // non-null only for VALUES (...), (...)
        SetOperation op,                  // non-null for UNION/INTERSECT/EXCEPT
        boolean all,                      // UNION ALL etc.
        SelectStmt left,
        SelectStmt right,
        List<SortBy> orderBy,
        Expr limit,                       // null when absent; LIMIT ALL is null too
        Expr offset,
        List<LockingClause> forLocking,   // FOR UPDATE/SHARE clauses, empty if none
        List<CommonTableExpr> with,       // empty if no WITH
        int location,
        List<Expr.NamedWindow> windows,   // the WINDOW clause, empty if none
        boolean limitWithTies) {          // FETCH FIRST n ROWS WITH TIES: rows equal to the last one by ORDER BY too

    /** A statement whose LIMIT, if any, is a plain count. */
    public SelectStmt(List<ResTarget> targets, boolean distinct, List<Expr> distinctOn, List<FromItem> from, Expr where,
                      List<Expr> groupBy, Expr having, List<List<Expr>> values, SetOperation op, boolean all,
                      SelectStmt left, SelectStmt right, List<SortBy> orderBy, Expr limit, Expr offset,
                      List<LockingClause> forLocking, List<CommonTableExpr> with, int location,
                      List<Expr.NamedWindow> windows) {
        this(targets, distinct, distinctOn, from, where, groupBy, having, values, op, all, left, right, orderBy, limit,
                offset, forLocking, with, location, windows, false);
    }

    /** A statement without WINDOW clause. */
    public SelectStmt(List<ResTarget> targets, boolean distinct, List<Expr> distinctOn, List<FromItem> from, Expr where,
                      List<Expr> groupBy, Expr having, List<List<Expr>> values, SetOperation op, boolean all,
                      SelectStmt left, SelectStmt right, List<SortBy> orderBy, Expr limit, Expr offset,
                      List<LockingClause> forLocking, List<CommonTableExpr> with, int location) {
        this(targets, distinct, distinctOn, from, where, groupBy, having, values, op, all, left, right, orderBy, limit,
                offset, forLocking, with, location, List.of());
    }

    public enum SetOperation { UNION, INTERSECT, EXCEPT }
}
