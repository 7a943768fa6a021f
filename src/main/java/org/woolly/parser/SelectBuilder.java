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
    boolean limitWithTies;

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
        builder.limitWithTies = stmt.limitWithTies();
        return builder;
    }

    SelectStmt build() {
        return new SelectStmt(targets, distinct, distinctOn, from, where, groupBy, having, values, op, all, left, right,
                orderBy, limit, offset, forLocking, with, location, windows, limitWithTies);
    }

    /** The options written after a (possibly parenthesized) select, applied to it. */
    static final class Options {
        List<SortBy> orderBy = List.of();
        Token orderByToken;
        Expr limit;
        Token limitToken;
        boolean limitWithTies;
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

    /** The restrictions {@code insertSelectOptions} puts on FETCH FIRST ... WITH TIES. */
    private static void checkWithTies(SelectBuilder builder) {
        if (builder.limit instanceof Expr.Constant constant && constant.kind() == Expr.Constant.Kind.NULL) {
            throw new SqlException(SqlState.INVALID_ROW_COUNT_IN_LIMIT_CLAUSE,
                    "row count cannot be null in FETCH FIRST ... WITH TIES clause");
        }
        if (builder.orderBy.isEmpty()) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "WITH TIES cannot be specified without ORDER BY clause");
        }
        for (LockingClause locking : builder.forLocking) {
            if ("SKIP LOCKED".equals(locking.waitPolicy())) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                        "SKIP LOCKED and WITH TIES options cannot be used together");
            }
        }
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
            builder.limitWithTies = options.limitWithTies;
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
        if (builder.limitWithTies) {
            checkWithTies(builder);
        }
        return builder.build();
    }
}
