package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.CommonTableExpr;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.parse.ResTarget;
import org.woolly.nodes.parse.LockingClause;
import org.woolly.nodes.parse.SelectStmt;
import org.woolly.nodes.parse.SortBy;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Collects the clauses of one {@link SelectStmt} while they are parsed, and attaches ORDER BY,
 * LIMIT, OFFSET, locking and WITH to an already built one as PostgreSQL's
 * {@code insertSelectOptions} does (in {@code src/backend/parser/gram.y}), rejecting duplicates.
 */
final class SelectBuilder {
    List<ResTarget> targets = List.of();
    boolean distinct;
    List<Expr> distinctOn;
    List<FromItem> from = List.of();
    Expr where;
    List<Expr> groupBy = List.of();
    Expr having;
    List<List<Expr>> values;
    SelectStmt.SetOperation op;
    boolean all;
    SelectStmt left;
    SelectStmt right;
    List<SortBy> orderBy = List.of();
    Expr limit;
    Expr offset;
    List<LockingClause> forLocking = List.of();
    List<CommonTableExpr> with = List.of();
    int location;
    List<Expr.NamedWindow> windows = List.of();

    SelectBuilder(int location) {
        this.location = location;
    }

    static SelectBuilder from(SelectStmt stmt) {
        SelectBuilder builder = new SelectBuilder(stmt.location());
        builder.targets = stmt.targets();
        builder.distinct = stmt.distinct();
        builder.distinctOn = stmt.distinctOn();
        builder.from = stmt.from();
        builder.where = stmt.where();
        builder.groupBy = stmt.groupBy();
        builder.having = stmt.having();
        builder.values = stmt.values();
        builder.op = stmt.op();
        builder.all = stmt.all();
        builder.left = stmt.left();
        builder.right = stmt.right();
        builder.orderBy = stmt.orderBy();
        builder.limit = stmt.limit();
        builder.offset = stmt.offset();
        builder.forLocking = stmt.forLocking();
        builder.with = stmt.with();
        builder.windows = stmt.windows();
        return builder;
    }

    SelectStmt build() {
        return new SelectStmt(targets, distinct, distinctOn, from, where, groupBy, having, values, op, all, left, right,
                orderBy, limit, offset, forLocking, with, location, windows);
    }

    /** The options written after a (possibly parenthesized) select, applied to it. */
    static final class Options {
        List<SortBy> orderBy = List.of();
        Token orderByToken;
        Expr limit;
        Token limitToken;
        Expr offset;
        Token offsetToken;
        List<LockingClause> forLocking = new ArrayList<>();
        List<CommonTableExpr> with = List.of();
        Token withToken;

        boolean isEmpty() {
            return orderByToken == null && limitToken == null && offsetToken == null && forLocking.isEmpty()
                    && withToken == null;
        }
    }

    private static int location(Expr expr, Token token) {
        return expr != null ? expr.location() : token.start();
    }

    private static SqlException errorAt(String message, int location) {
        return new SqlException(SqlState.SYNTAX_ERROR, message).withPosition(location + 1);
    }

    static SelectStmt applyOptions(SelectStmt stmt, Options options) {
        if (options.isEmpty()) {
            return stmt;
        }
        SelectBuilder builder = from(stmt);
        if (options.orderByToken != null) {
            if (!builder.orderBy.isEmpty()) {
                throw errorAt("multiple ORDER BY clauses not allowed", options.orderBy.get(0).location());
            }
            builder.orderBy = options.orderBy;
        }
        if (options.offsetToken != null) {
            if (builder.offset != null) {
                throw errorAt("multiple OFFSET clauses not allowed", location(options.offset, options.offsetToken));
            }
            builder.offset = options.offset;
        }
        if (options.limitToken != null) {
            if (builder.limit != null) {
                throw errorAt("multiple LIMIT clauses not allowed", location(options.limit, options.limitToken));
            }
            builder.limit = options.limit;
        }
        if (!options.forLocking.isEmpty()) {
            List<LockingClause> locking = new ArrayList<>(builder.forLocking);
            locking.addAll(options.forLocking);
            builder.forLocking = List.copyOf(locking);
        }
        if (options.withToken != null) {
            if (!builder.with.isEmpty()) {
                throw errorAt("multiple WITH clauses not allowed", options.withToken.start());
            }
            builder.with = options.with;
        }
        return builder.build();
    }
}
