package org.woolly.testfakes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.woolly.nodes.parse.ColumnConstraint;
import org.woolly.nodes.parse.ColumnDef;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.RawStatement;
import org.woolly.nodes.parse.ResTarget;
import org.woolly.nodes.parse.SelectStmt;
import org.woolly.nodes.parse.SetClause;
import org.woolly.nodes.parse.SortBy;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.parse.TypeName;

/** Builds raw parse trees by hand for tests that run before the parser exists. */
public final class Raw {
    private Raw() {}

    public static Expr col(String... fields) {
        return new Expr.ColumnRef(List.of(fields), 7);
    }

    public static Expr colAt(int location, String... fields) {
        return new Expr.ColumnRef(List.of(fields), location);
    }

    public static Expr i(long value) {
        return new Expr.Constant(Expr.Constant.Kind.INTEGER, Long.toString(value), 0);
    }

    public static Expr s(String value) {
        return new Expr.Constant(Expr.Constant.Kind.STRING, value, 0);
    }

    public static Expr nul() {
        return new Expr.Constant(Expr.Constant.Kind.NULL, null, 0);
    }

    public static Expr bool(boolean value) {
        return new Expr.Constant(Expr.Constant.Kind.BOOLEAN, Boolean.toString(value), 0);
    }

    public static Expr param(int number) {
        return new Expr.ParamRef(number, 0);
    }

    public static Expr op(String name, Expr left, Expr right) {
        return new Expr.Operator(name, left, right, 0);
    }

    public static Expr and(Expr... args) {
        return new Expr.BoolExpr(Expr.BoolExpr.BoolOp.AND, List.of(args), 0);
    }

    public static Expr or(Expr... args) {
        return new Expr.BoolExpr(Expr.BoolExpr.BoolOp.OR, List.of(args), 0);
    }

    public static Expr not(Expr arg) {
        return new Expr.BoolExpr(Expr.BoolExpr.BoolOp.NOT, List.of(arg), 0);
    }

    public static Expr func(String name, Expr... args) {
        return new Expr.FuncCall(new QualifiedName(null, name, 0), List.of(args), false, false, List.of(), null, null, 0);
    }

    public static Expr countStar() {
        return new Expr.FuncCall(new QualifiedName(null, "count", 0), List.of(), true, false, List.of(), null, null, 0);
    }

    public static Expr cast(Expr arg, String type) {
        return new Expr.TypeCast(arg, new TypeName(null, type, List.of(), 0, 0), 0);
    }

    public static ResTarget target(Expr expr) {
        return new ResTarget(expr, null, 0);
    }

    public static ResTarget target(Expr expr, String name) {
        return new ResTarget(expr, name, 0);
    }

    public static FromItem table(String name) {
        return new FromItem.Table(new QualifiedName(null, name, 0), null, 0);
    }

    public static FromItem tableAt(String name, int location) {
        return new FromItem.Table(new QualifiedName(null, name, location), null, location);
    }

    public static FromItem table(String name, String alias) {
        return new FromItem.Table(new QualifiedName(null, name, 0), new FromItem.Alias(alias, List.of()), 0);
    }

    public static FromItem join(FromItem.JoinType type, FromItem left, FromItem right, Expr on) {
        return new FromItem.Join(type, left, right, on, null, false, 0);
    }

    public static SortBy asc(Expr expr) {
        return new SortBy(expr, false, null, 0);
    }

    public static SortBy desc(Expr expr) {
        return new SortBy(expr, true, null, 0);
    }

    /** A SELECT under construction. */
    public static final class Select {
        private final List<ResTarget> targets = new ArrayList<>();
        private final List<FromItem> from = new ArrayList<>();
        private Expr where;
        private final List<Expr> groupBy = new ArrayList<>();
        private Expr having;
        private final List<SortBy> orderBy = new ArrayList<>();
        private Expr limit;
        private Expr offset;
        private boolean distinct;

        public Select from(FromItem... items) {
            from.addAll(Arrays.asList(items));
            return this;
        }

        public Select where(Expr expr) {
            where = expr;
            return this;
        }

        public Select groupBy(Expr... exprs) {
            groupBy.addAll(Arrays.asList(exprs));
            return this;
        }

        public Select having(Expr expr) {
            having = expr;
            return this;
        }

        public Select orderBy(SortBy... items) {
            orderBy.addAll(Arrays.asList(items));
            return this;
        }

        public Select limit(Expr expr) {
            limit = expr;
            return this;
        }

        public Select offset(Expr expr) {
            offset = expr;
            return this;
        }

        public Select distinct() {
            distinct = true;
            return this;
        }

        public SelectStmt stmt() {
            return new SelectStmt(targets, distinct, null, from, where, groupBy, having, null, null, false, null, null,
                    orderBy, limit, offset, List.of(), List.of(), 0);
        }

        public Statement.Select statement() {
            return new Statement.Select(stmt());
        }
    }

    public static Select select(Object... targets) {
        Select select = new Select();
        for (Object target : targets) {
            select.targets.add(target instanceof ResTarget resTarget ? resTarget : target((Expr) target));
        }
        return select;
    }

    public static Statement.Insert insert(String table, List<String> columns, List<List<Expr>> rows) {
        SelectStmt values = new SelectStmt(List.of(), false, null, List.of(), null, List.of(), null, rows, null, false, null,
                null, List.of(), null, null, List.of(), List.of(), 0);
        return new Statement.Insert(new QualifiedName(null, table, 0), null, columns, null, values, false, List.of(), 0);
    }

    public static Statement.Update update(String table, Expr where, SetClause... clauses) {
        return new Statement.Update(new QualifiedName(null, table, 0), null, List.of(clauses), List.of(), where, List.of(), 0);
    }

    public static SetClause set(String column, Expr value) {
        return new SetClause(column, value, 0);
    }

    public static Statement.Delete delete(String table, Expr where) {
        return new Statement.Delete(new QualifiedName(null, table, 0), null, List.of(), where, List.of(), 0);
    }

    public static ColumnDef column(String name, String type, ColumnConstraint... constraints) {
        return new ColumnDef(name, new TypeName(null, type, List.of(), 0, 0), List.of(constraints), 0);
    }

    public static ColumnConstraint notNull() {
        return new ColumnConstraint(ColumnConstraint.Kind.NOT_NULL, null, null, 0);
    }

    public static ColumnConstraint defaultValue(Expr expr) {
        return new ColumnConstraint(ColumnConstraint.Kind.DEFAULT, null, expr, 0);
    }

    public static Statement.CreateTable createTable(String name, ColumnDef... columns) {
        return new Statement.CreateTable(new QualifiedName(null, name, 0), List.of(columns), List.of(), false, false,
                List.of(), 0);
    }

    public static Statement.Transaction transaction(Statement.TransactionKind kind) {
        return new Statement.Transaction(kind, List.of(), null, false, 0);
    }

    public static RawStatement raw(Statement statement) {
        return new RawStatement(statement, 0, 0);
    }
}
