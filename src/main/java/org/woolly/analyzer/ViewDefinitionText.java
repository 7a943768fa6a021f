package org.woolly.analyzer;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import org.woolly.nodes.parse.CommonTableExpr;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.ResTarget;
import org.woolly.nodes.parse.SelectStmt;
import org.woolly.nodes.parse.SortBy;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.parse.TypeName;
import org.woolly.parser.Parser;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Prints a view's query the way {@code pg_get_viewdef} does ({@code get_query_def} and
 * {@code get_rule_expr} of {@code ruleutils.c}, with {@code PRETTYFLAG_INDENT} and a wrap
 * column of 0): one output column a line, each clause on its own line indented as PostgreSQL
 * indents it, and, unless {@code pretty}, every operator and join parenthesized. The tree it
 * prints has already been through {@link ViewQualifier}: columns qualified by their range
 * entry, {@code *} expanded, output names set, string constants cast to their type.
 * {@code showSchema} says whether a relation is printed with its schema; {@code typeText}
 * gives a type's display name ({@code format_type}).
 */
public final class ViewDefinitionText {
    private static final int INDENT_STANDARD = 8;
    private static final int INDENT_JOIN = 4;
    private static final int INDENT_VARIABLE = 4;

    private final boolean pretty;
    private final Predicate<QualifiedName> showSchema;
    private final Function<TypeName, String> typeText;
    private StringBuilder buf = new StringBuilder();
    private int indentLevel;

    private ViewDefinitionText(boolean pretty, Predicate<QualifiedName> showSchema, Function<TypeName, String> typeText,
                               int indentLevel) {
        this.pretty = pretty;
        this.showSchema = showSchema;
        this.typeText = typeText;
        this.indentLevel = indentLevel;
    }

    /** The whole definition, ending with a semicolon as {@code make_viewdef} ends it. */
    public static String of(SelectStmt query, boolean pretty, Predicate<QualifiedName> showSchema,
                            Function<TypeName, String> typeText) {
        ViewDefinitionText printer = new ViewDefinitionText(pretty, showSchema, typeText, 0);
        printer.query(query);
        return printer.buf.append(';').toString();
    }

    /**
     * A rule action as {@code get_query_def} prints it ({@code get_insert_query_def},
     * {@code get_update_query_def}, {@code get_delete_query_def}, or a SELECT), without a
     * semicolon; {@code insertColumns} the columns an INSERT writes (PostgreSQL always lists them).
     */
    public static String statement(Statement statement, List<String> insertColumns, boolean pretty,
                                    Predicate<QualifiedName> showSchema, Function<TypeName, String> typeText) {
        ViewDefinitionText printer = new ViewDefinitionText(pretty, showSchema, typeText, 0);
        printer.modification(statement, insertColumns);
        return printer.buf.toString();
    }

    private void modification(Statement statement, List<String> insertColumns) {
        switch (statement) {
            case Statement.Select select -> query(select.query());
            case Statement.Insert insert -> {
                buf.append(' ');
                indentLevel += INDENT_STANDARD;
                buf.append("INSERT INTO ");
                relationName(insert.table());
                buf.append(' ');
                if (!insertColumns.isEmpty()) {
                    buf.append('(').append(String.join(", ", insertColumns.stream().map(Parser::quoteIdentifier)
                            .toList())).append(") ");
                }
                SelectStmt source = insert.source();
                if (source == null) {
                    buf.append("DEFAULT VALUES");
                } else if (source.values() != null && source.values().size() == 1 && source.op() == null) {
                    contextKeyword("VALUES (", -INDENT_STANDARD, INDENT_STANDARD, 2);
                    list(source.values().getFirst());
                    buf.append(')');
                } else {
                    contextKeyword("", -INDENT_STANDARD, INDENT_STANDARD, 2);
                    query(source);
                }
                returning(insert.returning());
            }
            case Statement.Update update -> {
                buf.append(' ');
                indentLevel += INDENT_STANDARD;
                buf.append("UPDATE ").append(update.only() ? "ONLY " : "");
                relationName(update.table());
                if (update.alias() != null) {
                    buf.append(' ').append(Parser.quoteIdentifier(update.alias()));
                }
                buf.append(" SET ");
                for (int i = 0; i < update.assignments().size(); i++) {
                    buf.append(i == 0 ? "" : ", ");
                    var set = update.assignments().get(i);
                    buf.append(Parser.quoteIdentifier(set.column())).append(" = ");
                    expression(set.value(), null);
                }
                fromList(" FROM ", update.from());
                where(update.where());
                returning(update.returning());
            }
            case Statement.Delete delete -> {
                buf.append(' ');
                indentLevel += INDENT_STANDARD;
                buf.append("DELETE FROM ").append(delete.only() ? "ONLY " : "");
                relationName(delete.table());
                if (delete.alias() != null) {
                    buf.append(' ').append(Parser.quoteIdentifier(delete.alias()));
                }
                fromList(" USING ", delete.using());
                where(delete.where());
                returning(delete.returning());
            }
            default -> throw notPrintable();
        }
    }

    private void relationName(QualifiedName name) {
        if (name.schema() != null && showSchema.test(name)) {
            buf.append(Parser.quoteIdentifier(name.schema())).append('.');
        }
        buf.append(Parser.quoteIdentifier(name.name()));
    }

    private void fromList(String keyword, List<FromItem> items) {
        if (items == null || items.isEmpty()) {
            return;
        }
        buf.append(keyword);
        for (int i = 0; i < items.size(); i++) {
            buf.append(i == 0 ? "" : ", ");
            fromItem(items.get(i));
        }
    }

    private void where(Expr where) {
        if (where != null) {
            contextKeyword(" WHERE ", -INDENT_STANDARD, INDENT_STANDARD, 1);
            expression(where, null);
        }
    }

    private void returning(List<ResTarget> returning) {
        if (returning != null && !returning.isEmpty()) {
            contextKeyword(" RETURNING", -INDENT_STANDARD, INDENT_STANDARD, 1);
            targetList(returning);
        }
    }

    /** An expression at the top of a clause, as {@code get_rule_expr} prints a rule's WHERE. */
    public static String expression(Expr expr, boolean pretty, Predicate<QualifiedName> showSchema,
                                    Function<TypeName, String> typeText) {
        ViewDefinitionText printer = new ViewDefinitionText(pretty, showSchema, typeText, 0);
        printer.expression(expr, null);
        return printer.buf.toString();
    }

    /**
     * {@code pg_get_viewdef} of a user view: its stored (schema-qualified) query printed again,
     * a relation's schema shown only where the search path would not find it by its bare name.
     */
    public static String display(org.woolly.catalog.CatalogAccess catalog, org.woolly.access.transam.Transaction tx,
                                 TypeSystem types, String stored, boolean pretty) {
        if (!(Parser.parse(stored).getFirst().statement() instanceof Statement.Select select)) {
            throw SqlException.of(SqlState.INTERNAL_ERROR, "the rule of a view is not a SELECT");
        }
        Predicate<QualifiedName> showSchema = name -> catalog.lookupRelation(tx, null, name.name())
                .map(found -> !found.namespaceName().equals(name.schema())).orElse(true);
        return of(select.query(), pretty, showSchema, typeText(catalog, tx, types));
    }

    /** A type name as {@code format_type} prints it ({@code int4} as integer, {@code varchar(3)} as character varying(3)). */
    public static Function<TypeName, String> typeText(org.woolly.catalog.CatalogAccess catalog,
                                                      org.woolly.access.transam.Transaction tx, TypeSystem types) {
        return typeText(catalog, tx, types, false);
    }

    /**
     * As {@link #typeText(org.woolly.catalog.CatalogAccess, org.woolly.access.transam.Transaction, TypeSystem)},
     * a user-defined type (a domain) always schema-qualified: the form a view's stored query keeps, so
     * that it means the same type whatever the search_path when it is read again.
     */
    public static Function<TypeName, String> storedTypeText(org.woolly.catalog.CatalogAccess catalog,
                                                            org.woolly.access.transam.Transaction tx,
                                                            TypeSystem types) {
        return typeText(catalog, tx, types, true);
    }

    private static Function<TypeName, String> typeText(org.woolly.catalog.CatalogAccess catalog,
                                                       org.woolly.access.transam.Transaction tx, TypeSystem types,
                                                       boolean qualify) {
        return type -> {
            int oid = catalog.lookupValueTypeOid(tx, type.schema(), type.name());
            int typmod = org.woolly.utils.adt.TypeModifiers.typmodIn(oid, type.name(), type.modifiers(), warning -> { });
            String name = types.formatType(oid, typmod);
            if ("???".equals(name)) {
                // a domain or other user-defined type the session's formatter does not know: its
                // catalog name, schema-qualified when not visible (format_type's rule)
                var lookup = new org.woolly.catalog.CatalogNameLookup(catalog, tx, types::formatType);
                name = lookup.formatType(oid, typmod);
                String schema = catalog.typeByOid(tx, oid).flatMap(found -> catalog.namespaceByOid(tx,
                        found.namespaceOid())).map(namespace -> Parser.quoteIdentifier(namespace.name()) + ".")
                        .orElse("");
                if (qualify && !name.startsWith(schema)) {
                    name = schema + name;
                }
            }
            return name + "[]".repeat(type.arrayBounds());
        };
    }

    private String subquery(SelectStmt query) {
        ViewDefinitionText printer = new ViewDefinitionText(pretty, showSchema, typeText, indentLevel);
        printer.query(query);
        return printer.buf.toString();
    }

    private void contextKeyword(String text, int indentBefore, int indentAfter, int indentPlus) {
        indentLevel += indentBefore;
        removeTrailingSpaces();
        buf.append('\n').append(" ".repeat(Math.max(indentLevel, 0) + indentPlus)).append(text);
        indentLevel = Math.max(indentLevel + indentAfter, 0);
    }

    private void removeTrailingSpaces() {
        while (!buf.isEmpty() && buf.charAt(buf.length() - 1) == ' ') {
            buf.setLength(buf.length() - 1);
        }
    }

    private void query(SelectStmt select) {
        if (!select.with().isEmpty()) {
            with(select.with());
        }
        if (select.op() != null) {
            setOperation(select);
        } else {
            basicSelect(select);
        }
        if (select.orderBy() != null && !select.orderBy().isEmpty()) {
            contextKeyword(" ORDER BY ", -INDENT_STANDARD, INDENT_STANDARD, 1);
            for (int i = 0; i < select.orderBy().size(); i++) {
                buf.append(i == 0 ? "" : ", ");
                sortItem(select.orderBy().get(i));
            }
        }
        if (select.offset() != null) {
            contextKeyword(" OFFSET ", -INDENT_STANDARD, INDENT_STANDARD, 0);
            expression(select.offset(), null);
        }
        if (select.limit() != null && select.limitWithTies()) {
            // get_select_query_def: the count in parentheses, since it may be any expression there
            contextKeyword(" FETCH FIRST ", -INDENT_STANDARD, INDENT_STANDARD, 0);
            buf.append('(');
            expression(select.limit(), null);
            buf.append(") ROWS WITH TIES");
        } else if (select.limit() != null) {
            contextKeyword(" LIMIT ", -INDENT_STANDARD, INDENT_STANDARD, 0);
            if (select.limit() instanceof Expr.Constant constant && constant.kind() == Expr.Constant.Kind.NULL) {
                buf.append("ALL"); // a null count is no limit
            } else {
                expression(select.limit(), null);
            }
        }
        for (var locking : select.forLocking()) {
            contextKeyword(" FOR " + locking.strength(), -INDENT_STANDARD, INDENT_STANDARD, 0);
        }
    }

    private void with(List<CommonTableExpr> ctes) {
        indentLevel += INDENT_STANDARD;
        buf.append(' ');
        String separator = "WITH ";
        for (CommonTableExpr cte : ctes) {
            buf.append(separator).append(cte.recursive() && separator.startsWith("WITH") ? "RECURSIVE " : "")
                    .append(Parser.quoteIdentifier(cte.name()));
            if (cte.columns() != null && !cte.columns().isEmpty()) {
                buf.append('(').append(String.join(", ", cte.columns().stream().map(Parser::quoteIdentifier).toList()))
                        .append(')');
            }
            buf.append(" AS ");
            if (cte.materialized() != null) {
                buf.append(cte.materialized() ? "MATERIALIZED " : "NOT MATERIALIZED ");
            }
            buf.append('(');
            contextKeyword("", 0, 0, 0);
            if (!(cte.query() instanceof Statement.Select select)) {
                throw notPrintable();
            }
            buf.append(subquery(select.query()));
            contextKeyword("", 0, 0, 0);
            buf.append(')');
            separator = ", ";
        }
        indentLevel -= INDENT_STANDARD;
        contextKeyword("", 0, 0, 0);
    }

    private void setOperation(SelectStmt select) {
        boolean leftParen = select.left().op() != null
                && (select.left().op() != select.op() || select.left().all() != select.all())
                || hasOwnClauses(select.left());
        int subindent = leftParen ? INDENT_STANDARD : 0;
        if (leftParen) {
            buf.append('(');
            contextKeyword("", subindent, 0, 0);
        }
        setOperand(select.left());
        if (leftParen) {
            contextKeyword(") ", -subindent, 0, 0);
        } else {
            contextKeyword("", 0, 0, 0);
        }
        buf.append(select.op().name()).append(' ');
        if (select.all()) {
            buf.append("ALL ");
        }
        boolean rightParen = select.right().op() != null || hasOwnClauses(select.right());
        subindent = rightParen ? INDENT_STANDARD : 0;
        if (rightParen) {
            buf.append('(');
        }
        contextKeyword("", subindent, 0, 0);
        setOperand(select.right());
        indentLevel -= subindent;
        if (rightParen) {
            contextKeyword(")", 0, 0, 0);
        }
    }

    private static boolean hasOwnClauses(SelectStmt select) {
        return select.op() == null && (select.orderBy() != null && !select.orderBy().isEmpty()
                || select.limit() != null || select.offset() != null || !select.with().isEmpty());
    }

    private void setOperand(SelectStmt operand) {
        if (operand.op() != null && !hasOwnClauses(operand)) {
            setOperation(operand);
        } else {
            buf.append(subquery(operand));
        }
    }

    private void basicSelect(SelectStmt select) {
        indentLevel += INDENT_STANDARD;
        buf.append(' ');
        if (select.values() != null) {
            buf.append("VALUES ");
            for (int i = 0; i < select.values().size(); i++) {
                buf.append(i == 0 ? "(" : ", (");
                list(select.values().get(i));
                buf.append(')');
            }
            return;
        }
        buf.append("SELECT");
        if (select.distinctOn() != null) {
            buf.append(" DISTINCT ON (");
            list(select.distinctOn());
            buf.append(')');
        } else if (select.distinct()) {
            buf.append(" DISTINCT");
        }
        targetList(select.targets());
        if (select.from() != null && !select.from().isEmpty()) {
            for (int i = 0; i < select.from().size(); i++) {
                if (i == 0) {
                    contextKeyword(" FROM ", -INDENT_STANDARD, INDENT_STANDARD, 2);
                } else {
                    buf.append(", ");
                }
                fromItem(select.from().get(i));
            }
        }
        if (select.where() != null) {
            contextKeyword(" WHERE ", -INDENT_STANDARD, INDENT_STANDARD, 1);
            expression(select.where(), null);
        }
        if (select.groupBy() != null && !select.groupBy().isEmpty()) {
            contextKeyword(" GROUP BY ", -INDENT_STANDARD, INDENT_STANDARD, 1);
            for (int i = 0; i < select.groupBy().size(); i++) {
                buf.append(i == 0 ? "" : ", ");
                sortGroupExpression(select.groupBy().get(i));
            }
        }
        if (select.having() != null) {
            contextKeyword(" HAVING ", -INDENT_STANDARD, INDENT_STANDARD, 0);
            expression(select.having(), null);
        }
    }

    private void targetList(List<ResTarget> targets) {
        String separator = " ";
        for (int i = 0; i < targets.size(); i++) {
            buf.append(separator);
            separator = ", ";
            StringBuilder outer = buf;
            buf = new StringBuilder();
            ResTarget target = targets.get(i);
            expression(target.value(), null);
            if (target.name() != null && !(target.value() instanceof Expr.ColumnRef ref
                    && ref.fields().getLast().equals(target.name()))) {
                buf.append(" AS ").append(Parser.quoteIdentifier(target.name()));
            }
            String field = buf.toString();
            buf = outer;
            if (field.startsWith("\n")) {
                removeTrailingSpaces();
            } else if (i > 0) {
                contextKeyword("", -INDENT_STANDARD, INDENT_STANDARD, INDENT_VARIABLE);
            }
            buf.append(field);
        }
    }

    private void fromItem(FromItem item) {
        switch (item) {
            case FromItem.Table table -> {
                QualifiedName name = table.name();
                if (name.schema() != null && showSchema.test(name)) {
                    buf.append(Parser.quoteIdentifier(name.schema())).append('.');
                }
                buf.append(Parser.quoteIdentifier(name.name()));
                alias(table.alias());
            }
            case FromItem.Subquery subquery -> {
                buf.append(subquery.lateral() ? "LATERAL (" : "(").append(subquery(subquery.query())).append(')');
                alias(subquery.alias());
            }
            case FromItem.Function function -> {
                boolean rowsFrom = function.ordinality() && !function.columnDefinitions().isEmpty();
                buf.append(rowsFrom ? "ROWS FROM(" : "");
                expression(function.call(), null);
                if (rowsFrom) {
                    columnDefinitions(function, true);
                    buf.append(')');
                }
                if (function.ordinality()) {
                    buf.append(" WITH ORDINALITY");
                }
                alias(function.alias());
                if (!rowsFrom) {
                    columnDefinitions(function, function.alias() == null);
                }
            }
            case FromItem.Join join -> join(join);
        }
    }

    private void join(FromItem.Join join) {
        boolean parenthesized = !pretty || join.alias() != null;
        if (parenthesized) {
            buf.append('(');
        }
        fromItem(join.left());
        String keyword = switch (join.type()) {
            case INNER, SEMI, ANTI -> join.on() == null && join.using() == null && !join.natural() ? " CROSS JOIN "
                    : " JOIN ";
            case CROSS -> " CROSS JOIN ";
            case LEFT -> " LEFT JOIN ";
            case RIGHT -> " RIGHT JOIN ";
            case FULL -> " FULL JOIN ";
        };
        if (join.natural()) {
            keyword = " NATURAL" + keyword;
        }
        contextKeyword(keyword, -INDENT_STANDARD, INDENT_STANDARD, INDENT_JOIN);
        boolean rightParen = join.right() instanceof FromItem.Join && pretty;
        buf.append(rightParen ? "(" : "");
        fromItem(join.right());
        buf.append(rightParen ? ")" : "");
        if (join.using() != null && !join.natural()) {
            buf.append(" USING (").append(String.join(", ", join.using().stream().map(Parser::quoteIdentifier).toList()))
                    .append(')');
            if (join.usingAlias() != null) {
                buf.append(" AS ").append(Parser.quoteIdentifier(join.usingAlias().name()));
            }
        } else if (join.on() != null) {
            buf.append(pretty ? " ON " : " ON (");
            expression(join.on(), null);
            buf.append(pretty ? "" : ")");
        } else if (join.type() != FromItem.JoinType.INNER && join.type() != FromItem.JoinType.CROSS
                && !join.natural()) {
            buf.append(" ON TRUE");
        }
        if (parenthesized) {
            buf.append(')');
        }
        // the alias goes after the right parenthesis (get_from_clause_item)
        alias(join.alias());
    }

    /** A function's column definition list, as {@code get_from_clause_coldeflist} prints it. */
    private void columnDefinitions(FromItem.Function function, boolean spaced) {
        if (function.columnDefinitions().isEmpty()) {
            return;
        }
        buf.append(spaced ? " AS (" : "(");
        String separator = "";
        for (FromItem.ColumnDefinition definition : function.columnDefinitions()) {
            buf.append(separator).append(Parser.quoteIdentifier(definition.name())).append(' ')
                    .append(typeText.apply(definition.type()));
            separator = ", ";
        }
        buf.append(')');
    }

    private void alias(FromItem.Alias alias) {
        if (alias == null) {
            return;
        }
        buf.append(' ').append(Parser.quoteIdentifier(alias.name()));
        if (alias.columns() != null && !alias.columns().isEmpty()) {
            buf.append('(').append(String.join(", ", alias.columns().stream().map(Parser::quoteIdentifier).toList()))
                    .append(')');
        }
    }

    /**
     * An ORDER BY or GROUP BY expression ({@code get_rule_sortgroupclause}): a function call, and
     * when pretty anything but a column, in parentheses.
     */
    private void sortGroupExpression(Expr expr) {
        boolean parenthesize = !(expr instanceof Expr.ColumnRef)
                && (pretty || expr instanceof Expr.FuncCall || expr instanceof Expr.SpecialFunction);
        buf.append(parenthesize ? "(" : "");
        expression(expr, null);
        buf.append(parenthesize ? ")" : "");
    }

    private void sortItem(SortBy sort) {
        sortGroupExpression(sort.expr());
        if (sort.descending()) {
            buf.append(" DESC");
            if (Boolean.FALSE.equals(sort.nullsFirst())) {
                buf.append(" NULLS LAST");
            }
        } else if (Boolean.TRUE.equals(sort.nullsFirst())) {
            buf.append(" NULLS FIRST");
        }
    }

    private void list(List<Expr> exprs) {
        for (int i = 0; i < exprs.size(); i++) {
            buf.append(i == 0 ? "" : ", ");
            expression(exprs.get(i), OWN_PARENTHESES);
        }
    }

    /** A parent that separates its arguments itself (function call, list), so they need no parentheses. */
    private static final Expr OWN_PARENTHESES = new Expr.Default(-1);

    /**
     * Prints {@code expr} under {@code parent} (null at the top of a clause). Unless pretty,
     * every operator prints its own parentheses; when pretty, the parent decides
     * ({@code isSimpleNode}): only where precedence needs them.
     */
    private void expression(Expr expr, Expr parent) {
        boolean parenthesize = pretty && parent != null && !simpleUnder(expr, parent);
        if (parenthesize) {
            buf.append('(');
        }
        print(expr);
        if (parenthesize) {
            buf.append(')');
        }
    }

    private static boolean simpleUnder(Expr expr, Expr parent) {
        return switch (expr) {
            case Expr.Operator operator when parent instanceof Expr.Operator parentOperator
                    && arithmetic(operator.name()) && arithmetic(parentOperator.name()) -> {
                boolean childHigh = "*/%".contains(operator.name());
                boolean parentHigh = "*/%".contains(parentOperator.name());
                yield childHigh && !parentHigh || childHigh == parentHigh && parentOperator.left() == expr;
            }
            case Expr.BoolExpr bool when parent instanceof Expr.BoolExpr parentBool ->
                    bool.op() != Expr.BoolExpr.BoolOp.OR ? parentBool.op() != Expr.BoolExpr.BoolOp.NOT
                            : parentBool.op() == Expr.BoolExpr.BoolOp.OR;
            case Expr.Operator ignored -> separatesArguments(parent);
            case Expr.BoolExpr ignored -> separatesArguments(parent) && !(parent instanceof Expr.BoolExpr);
            case Expr.NullTest ignored -> separatesArguments(parent);
            case Expr.DistinctFrom ignored -> separatesArguments(parent);
            case Expr.InList ignored -> separatesArguments(parent);
            case Expr.Between ignored -> separatesArguments(parent);
            case Expr.ArrayComparison ignored -> separatesArguments(parent);
            default -> true;
        };
    }

    private static boolean separatesArguments(Expr parent) {
        return parent == OWN_PARENTHESES || parent instanceof Expr.BoolExpr || parent instanceof Expr.Case
                || parent instanceof Expr.FuncCall || parent instanceof Expr.SpecialFunction
                || parent instanceof Expr.ArrayConstructor || parent instanceof Expr.RowConstructor;
    }

    private static boolean arithmetic(String operator) {
        return operator.length() == 1 && "+-*/%".contains(operator);
    }

    private void open() {
        if (!pretty) {
            buf.append('(');
        }
    }

    private void close() {
        if (!pretty) {
            buf.append(')');
        }
    }

    private void print(Expr expr) {
        switch (expr) {
            case Expr.Constant constant -> constant(constant, null);
            case Expr.ColumnRef ref -> buf.append(String.join(".",
                    ref.fields().stream().map(field -> field.equals("*") ? field : Parser.quoteIdentifier(field)).toList()));
            case Expr.ParamRef param -> buf.append('$').append(param.number());
            case Expr.Operator operator -> {
                if (operator.left() == null && operator.right() instanceof Expr.Constant constant
                        && operator.name().equals("-") && isNumber(constant)) {
                    constant(new Expr.Constant(constant.kind(), "-" + constant.value(), constant.location()), null);
                    return;
                }
                open();
                String name = operator.name().indexOf('.') >= 0 ? "OPERATOR(" + operator.name() + ")" : operator.name();
                if (operator.left() != null) {
                    expression(operator.left(), operator);
                    buf.append(' ').append(name).append(' ');
                } else {
                    buf.append(name).append(' ');
                }
                expression(operator.right(), operator);
                close();
            }
            case Expr.BoolExpr bool -> {
                open();
                if (bool.op() == Expr.BoolExpr.BoolOp.NOT) {
                    buf.append("NOT ");
                    expression(bool.args().getFirst(), bool);
                } else {
                    for (int i = 0; i < bool.args().size(); i++) {
                        buf.append(i == 0 ? "" : " " + bool.op() + " ");
                        expression(bool.args().get(i), bool);
                    }
                }
                close();
            }
            case Expr.NullTest test -> {
                open();
                expression(test.arg(), test);
                buf.append(' ').append(test.test().name().replace('_', ' '));
                close();
            }
            case Expr.DistinctFrom distinct -> {
                open();
                expression(distinct.left(), distinct);
                buf.append(distinct.not() ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ");
                expression(distinct.right(), distinct);
                close();
            }
            case Expr.Between between when !between.symmetric() -> {
                // the parser's transformAExprBetween: two comparisons
                Expr.BoolExpr.BoolOp op = between.not() ? Expr.BoolExpr.BoolOp.OR : Expr.BoolExpr.BoolOp.AND;
                print(new Expr.BoolExpr(op, List.of(
                        new Expr.Operator(between.not() ? "<" : ">=", between.arg(), between.low(), -1),
                        new Expr.Operator(between.not() ? ">" : "<=", between.arg(), between.high(), -1)), -1));
            }
            case Expr.InList in -> print(new Expr.ArrayComparison(in.not() ? "<>" : "=", in.not(), in.arg(),
                    new Expr.ArrayConstructor(in.list(), -1), -1));
            case Expr.ArrayComparison comparison -> {
                open();
                expression(comparison.left(), comparison);
                buf.append(' ').append(comparison.operator()).append(comparison.all() ? " ALL (" : " ANY (");
                expression(comparison.array(), OWN_PARENTHESES);
                buf.append(')');
                close();
            }
            case Expr.FuncCall call -> functionCall(call);
            case Expr.TypeCast cast -> typeCast(cast);
            case Expr.Case caseExpr -> {
                contextKeyword("CASE", 0, INDENT_VARIABLE, 0);
                if (caseExpr.arg() != null) {
                    buf.append(' ');
                    expression(caseExpr.arg(), caseExpr);
                }
                for (Expr.Case.When when : caseExpr.whens()) {
                    contextKeyword("WHEN ", 0, 0, 0);
                    expression(when.condition(), caseExpr);
                    buf.append(" THEN ");
                    expression(when.result(), caseExpr);
                }
                if (caseExpr.elseResult() != null) {
                    contextKeyword("ELSE ", 0, 0, 0);
                    expression(caseExpr.elseResult(), caseExpr);
                }
                contextKeyword("END", -INDENT_VARIABLE, 0, 0);
            }
            case Expr.SpecialFunction special -> {
                buf.append(special.kind().name()).append('(');
                list(special.args());
                buf.append(')');
            }
            case Expr.SqlValueFunction value -> buf.append(value.name().toUpperCase(Locale.ROOT))
                    .append(value.precision() >= 0 ? "(" + value.precision() + ")" : "");
            case Expr.SubLink link -> subLink(link);
            case Expr.ArrayConstructor array -> {
                buf.append("ARRAY[");
                list(array.elements());
                buf.append(']');
            }
            case Expr.RowConstructor row -> {
                buf.append("ROW(");
                list(row.fields());
                buf.append(')');
            }
            case Expr.FieldSelect field -> {
                buf.append('(');
                print(field.arg());
                buf.append(").").append(Parser.quoteIdentifier(field.field()));
            }
            case Expr.Subscript subscript -> {
                // as get_rule_expr prints a SubscriptingRef: the array in parentheses, then [i] or [lo:hi]
                buf.append('(');
                print(subscript.arg());
                buf.append(")[");
                if (subscript.lower() != null) {
                    print(subscript.lower());
                }
                if (subscript.slice()) {
                    buf.append(':');
                    if (subscript.upper() != null) {
                        print(subscript.upper());
                    }
                }
                buf.append(']');
            }
            case Expr.Collate collate -> {
                open();
                expression(collate.arg(), collate);
                buf.append(" COLLATE ").append(Parser.quoteIdentifier(collate.collation().name()));
                close();
            }
            default -> throw notPrintable();
        }
    }

    private static boolean isNumber(Expr.Constant constant) {
        return constant.kind() == Expr.Constant.Kind.INTEGER || constant.kind() == Expr.Constant.Kind.NUMERIC;
    }

    /** {@code get_const_expr}: numbers that read back as their type bare, anything else as a typed literal. */
    private void constant(Expr.Constant constant, String type) {
        String value = constant.value();
        switch (constant.kind()) {
            case STRING -> buf.append(literal(value)).append("::").append(type == null ? "text" : type);
            case INTEGER -> {
                long number;
                try {
                    number = Long.parseLong(value);
                } catch (NumberFormatException tooLarge) {
                    buf.append(value.startsWith("-") ? literal(value) + "::numeric" : value);
                    return;
                }
                if (number != (int) number) {
                    buf.append(literal(value)).append("::bigint");
                } else {
                    buf.append(number < 0 ? literal(value) + "::integer" : value);
                }
            }
            case NUMERIC -> buf.append(value.startsWith("-") ? literal(value) + "::numeric" : value);
            case BOOLEAN -> buf.append(value.toLowerCase(Locale.ROOT));
            case NULL -> buf.append("NULL").append(type == null ? "" : "::" + type);
            case BIT_STRING -> buf.append("B").append(literal(value));
        }
    }

    private void typeCast(Expr.TypeCast cast) {
        String type = typeText.apply(cast.type());
        if (cast.arg() instanceof Expr.Constant constant
                && (constant.kind() == Expr.Constant.Kind.STRING || constant.kind() == Expr.Constant.Kind.NULL)) {
            if (constant.kind() == Expr.Constant.Kind.STRING && type.equals("integer")
                    && constant.value().matches("[0-9]{1,9}")) {
                buf.append(Integer.parseInt(constant.value()));
                return;
            }
            constant(constant, type);
            return;
        }
        boolean simple = pretty && (cast.arg() instanceof Expr.ColumnRef || cast.arg() instanceof Expr.FuncCall
                || cast.arg() instanceof Expr.Constant);
        buf.append(simple ? "" : "(");
        expression(cast.arg(), OWN_PARENTHESES);
        buf.append(simple ? "" : ")").append("::").append(type);
    }

    private void functionCall(Expr.FuncCall call) {
        QualifiedName name = call.name();
        if (name.schema() != null && !name.schema().equals("pg_catalog")) {
            buf.append(Parser.quoteIdentifier(name.schema())).append('.');
        }
        buf.append(Parser.quoteIdentifier(name.name())).append('(');
        if (call.star()) {
            buf.append('*');
        } else {
            buf.append(call.distinct() ? "DISTINCT " : "");
            list(call.args());
            if (call.orderBy() != null && !call.orderBy().isEmpty()) {
                buf.append(" ORDER BY ");
                for (int i = 0; i < call.orderBy().size(); i++) {
                    buf.append(i == 0 ? "" : ", ");
                    sortItem(call.orderBy().get(i));
                }
            }
        }
        buf.append(')');
        if (call.filter() != null) {
            buf.append(" FILTER (WHERE ");
            expression(call.filter(), OWN_PARENTHESES);
            buf.append(')');
        }
        if (call.over() != null) {
            Expr.WindowDef window = call.over();
            if (!window.parenthesized()) {
                buf.append(" OVER ").append(Parser.quoteIdentifier(window.name()));
                return;
            }
            buf.append(" OVER (");
            String separator = "";
            if (window.name() != null) {
                buf.append(Parser.quoteIdentifier(window.name()));
                separator = " ";
            }
            if (window.partitionBy() != null && !window.partitionBy().isEmpty()) {
                buf.append(separator).append("PARTITION BY ");
                list(window.partitionBy());
                separator = " ";
            }
            if (window.orderBy() != null && !window.orderBy().isEmpty()) {
                buf.append(separator).append("ORDER BY ");
                for (int i = 0; i < window.orderBy().size(); i++) {
                    buf.append(i == 0 ? "" : ", ");
                    sortItem(window.orderBy().get(i));
                }
            }
            if (window.frame() != null) {
                throw notPrintable();
            }
            buf.append(')');
        }
    }

    private void subLink(Expr.SubLink link) {
        buf.append(link.kind() == Expr.SubLink.Kind.ARRAY ? "ARRAY(" : "(");
        boolean parenthesized = true;
        switch (link.kind()) {
            case EXISTS -> buf.append("EXISTS ");
            case ANY -> {
                expression(link.test(), link);
                buf.append(link.operator().equals("=") ? " IN " : " " + link.operator() + " ANY ");
            }
            case ALL -> {
                expression(link.test(), link);
                buf.append(' ').append(link.operator()).append(" ALL ");
            }
            case EXPR, ARRAY, MULTIEXPR -> parenthesized = false;
        }
        buf.append(parenthesized ? "(" : "").append(subquery(link.subquery())).append(parenthesized ? "))" : ")");
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static SqlException notPrintable() {
        return SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "this kind of view query is not supported yet");
    }
}
