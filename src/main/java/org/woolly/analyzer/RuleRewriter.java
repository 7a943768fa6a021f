package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.woolly.access.transam.Transaction;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.CatalogAccess;
import org.woolly.catalog.RelationInfo;
import org.woolly.catalog.RuleInfo;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.RawStatement;
import org.woolly.nodes.parse.ResTarget;
import org.woolly.nodes.parse.RuleCommand;
import org.woolly.nodes.parse.SelectStmt;
import org.woolly.nodes.parse.SetClause;
import org.woolly.nodes.parse.Statement;
import org.woolly.parser.Parser;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The rule system's query rewriter ({@code RewriteQuery} and {@code fireRules} of
 * {@code rewriteHandler.c}) for INSERT, UPDATE and DELETE on a relation with user rules, done on
 * raw parse trees: each rule action gets the original statement's relations and qualification,
 * NEW becomes the values the statement writes and OLD the row it reads, the rule's WHERE is
 * added to the action; a conditional INSTEAD rule adds its negated condition to the original,
 * an unconditional one removes the original. The original comes first for INSERT and last for
 * UPDATE and DELETE, so that actions see the rows as PostgreSQL's do. The tag-setting product
 * follows {@code QueryRewrite}: the original if kept, else the last INSTEAD action of the same
 * command type. Each action is rewritten again by its own relation's rules when it runs.
 */
public final class RuleRewriter {
    /** The name the rewritten actions give the original's target row (PostgreSQL's {@code *OLD*}). */
    private static final String OLD = "old";
    private static final String NEW = "new";
    /** The derived table of the rows an INSERT ... SELECT or multi-row VALUES writes. */
    private static final String NEW_ROWS = "*NEW*";

    /**
     * One statement to run: {@code original} is the user's statement (maybe with negated rule
     * conditions), which runs without rules; {@code setsTag} the one whose command tag and rows
     * the client gets.
     */
    public record Product(Statement statement, Origin origin, boolean setsTag) {
        public boolean original() {
            return origin == Origin.ORIGINAL;
        }
    }

    /** Where a product comes from ({@code QuerySource} of {@code parsenodes.h}). */
    public enum Origin { ORIGINAL, INSTEAD_RULE, QUALIFIED_INSTEAD_RULE, NON_INSTEAD_RULE }

    /** The statements to run in order; {@code emptyTag} the tag when none sets it ("INSERT 0 0"). */
    public record Rewritten(RelationInfo relation, RuleCommand.Event event, List<Product> products,
                            String emptyTag) {}

    private final CatalogAccess catalog;
    private final Transaction tx;

    private RuleRewriter(CatalogAccess catalog, Transaction tx) {
        this.catalog = catalog;
        this.tx = tx;
    }

    /** The rewritten form of an INSERT, UPDATE or DELETE on a relation with enabled rules for it, or null. */
    public static Rewritten rewrite(CatalogAccess catalog, Transaction tx, Statement statement) {
        QualifiedName target;
        RuleCommand.Event event;
        switch (statement) {
            case Statement.Insert insert -> {
                target = insert.table();
                event = RuleCommand.Event.INSERT;
            }
            case Statement.Update update -> {
                target = update.table();
                event = RuleCommand.Event.UPDATE;
            }
            case Statement.Delete delete -> {
                target = delete.table();
                event = RuleCommand.Event.DELETE;
            }
            default -> {
                return null;
            }
        }
        RelationInfo relation = catalog.lookupRelation(tx, target.schema(), target.name()).orElse(null);
        if (relation == null) {
            return null;
        }
        List<RuleInfo> rules = catalog.rules(tx, relation.oid()).stream()
                .filter(rule -> rule.event() == event.code() && rule.firesInOrigin()).toList();
        if (rules.isEmpty()) {
            return null;
        }
        return new RuleRewriter(catalog, tx).fire(statement, relation, event, rules);
    }

    /** {@code fireRules} and the ordering of {@code RewriteQuery}. */
    private Rewritten fire(Statement original, RelationInfo relation, RuleCommand.Event event, List<RuleInfo> rules) {
        Source source = new Source(original, relation);
        List<Product> actions = new ArrayList<>();
        boolean instead = false;
        List<Expr> negated = new ArrayList<>();
        boolean returning = false;
        for (RuleInfo rule : rules) {
            Expr qual = rule.qual() == null ? null : Parser.parseExpression(rule.qual());
            if (rule.instead()) {
                if (qual == null) {
                    instead = true;
                } else if (!instead) {
                    negated.add(qual);
                }
            }
            for (Statement action : actionStatements(rule)) {
                boolean hasReturning = returningOf(action) != null && !returningOf(action).isEmpty();
                if (hasReturning) {
                    if (returning) {
                        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                                "cannot have RETURNING lists in multiple rules");
                    }
                    returning = true;
                }
                Origin origin = !rule.instead() ? Origin.NON_INSTEAD_RULE
                        : qual == null ? Origin.INSTEAD_RULE : Origin.QUALIFIED_INSTEAD_RULE;
                actions.add(new Product(source.action(action, qual), origin, false));
            }
        }
        List<ResTarget> originalReturning = returningOf(original);
        if ((instead || !negated.isEmpty()) && originalReturning != null && !originalReturning.isEmpty()
                && !returning) {
            String command = event.name();
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "cannot perform %s RETURNING on relation \"%s\"",
                    command, relation.name())
                    .withHint("You need an unconditional ON " + command + " DO INSTEAD rule with a RETURNING clause.");
        }
        List<Product> products = new ArrayList<>();
        int tagIndex = -1;
        if (!instead) {
            Product kept = new Product(negated.isEmpty() ? original : source.withNegated(negated), Origin.ORIGINAL,
                    true);
            if (event == RuleCommand.Event.INSERT) {
                products.add(kept);
                products.addAll(actions);
                tagIndex = 0;
            } else {
                products.addAll(actions);
                products.add(kept);
                tagIndex = products.size() - 1;
            }
        } else {
            products.addAll(actions);
            for (int i = 0; i < actions.size(); i++) {
                if (actions.get(i).origin() != Origin.NON_INSTEAD_RULE
                        && sameCommand(actions.get(i).statement(), original)) {
                    tagIndex = i;
                }
            }
        }
        List<Product> tagged = new ArrayList<>();
        for (int i = 0; i < products.size(); i++) {
            Product product = products.get(i);
            tagged.add(new Product(product.statement(), product.origin(), i == tagIndex));
        }
        String emptyTag = event == RuleCommand.Event.INSERT ? "INSERT 0 0" : event.name() + " 0";
        return new Rewritten(relation, event, List.copyOf(tagged), emptyTag);
    }

    private static boolean sameCommand(Statement a, Statement b) {
        return a.getClass() == b.getClass();
    }

    /** The rule's actions parsed again from pg_rewrite's text; none for DO NOTHING. */
    static List<Statement> actionStatements(RuleInfo rule) {
        if (rule.actions() == null || rule.actions().isBlank()) {
            return List.of();
        }
        List<Statement> statements = new ArrayList<>();
        for (RawStatement raw : Parser.parse(rule.actions())) {
            if (!(raw.statement() instanceof Statement.Empty)) {
                statements.add(raw.statement());
            }
        }
        return statements;
    }

    static List<ResTarget> returningOf(Statement statement) {
        return switch (statement) {
            case Statement.Insert insert -> insert.returning();
            case Statement.Update update -> update.returning();
            case Statement.Delete delete -> delete.returning();
            default -> null;
        };
    }

    /** A NULL or string literal cast to a column's type, as the coerced constant of an analyzed INSERT shows. */
    static Expr castLiteral(CatalogAccess catalog, Transaction tx, Expr value, int typeOid) {
        if (value instanceof Expr.Constant constant && (constant.kind() == Expr.Constant.Kind.STRING
                || constant.kind() == Expr.Constant.Kind.NULL)) {
            String typeName = catalog.typeByOid(tx, typeOid).map(type -> type.name()).orElse(null);
            if (typeName != null) {
                return new Expr.TypeCast(value, new org.woolly.nodes.parse.TypeName(null, typeName, List.of(), 0, -1),
                        -1);
            }
        }
        return value;
    }

    private static Expr and(Expr left, Expr right) {
        if (left == null) {
            return right;
        }
        if (right == null) {
            return left;
        }
        return new Expr.BoolExpr(Expr.BoolExpr.BoolOp.AND, List.of(left, right), -1);
    }

    private static Expr.ColumnRef column(String relation, String column) {
        return new Expr.ColumnRef(List.of(relation, column), -1);
    }

    /**
     * The name a column of OLD or of the rows of an INSERT ... SELECT gets in an action: one no
     * unqualified reference can reach, since in PostgreSQL an action's unqualified names never
     * resolve to OLD or NEW (they are in the rule's range table but not in its name space).
     */
    private static String hidden(String column) {
        return "*" + column;
    }

    /** OLD's column in an action ({@code oldName} OLD) or in the original's own names. */
    private static Expr.ColumnRef oldRef(String oldName, String column) {
        return oldName.equals(OLD) ? column(OLD, hidden(column)) : column(oldName, column);
    }

    /** What NEW and OLD stand for in the actions of rules on one statement, and the relations the actions join. */
    private final class Source {
        private final Statement original;
        private final RelationInfo relation;
        /** INSERT: NEW's columns by name (the values written); UPDATE: the assigned columns. */
        private final Map<String, Expr> newValues = new HashMap<>();
        /** The relations an action joins: the original's FROM / USING, or the rows of an INSERT ... SELECT. */
        private final List<FromItem> joined = new ArrayList<>();
        /** The original's WHERE in terms of {@link #OLD}. */
        private Expr originalWhere;
        /** The name the original's target goes by in its own statement. */
        private final String targetName;
        /** For RETURNING of an INSTEAD rule: the original's RETURNING list. */
        private final List<ResTarget> originalReturning;
        private final boolean only;

        Source(Statement original, RelationInfo relation) {
            this.original = original;
            this.relation = relation;
            this.originalReturning = returningOf(original);
            switch (original) {
                case Statement.Insert insert -> {
                    targetName = insert.alias() != null ? insert.alias() : relation.name();
                    only = false;
                    List<String> columns = insert.columns().isEmpty() ? null : insert.columns();
                    SelectStmt rows = insert.source();
                    if (insert.defaultValues() || rows == null) {
                        break;
                    }
                    if (rows.values() != null && rows.values().size() == 1 && rows.op() == null) {
                        List<Expr> values = rows.values().getFirst();
                        for (int i = 0; i < values.size(); i++) {
                            String name = columns != null ? columns.get(i) : relation.attributes().get(i).name();
                            if (!(values.get(i) instanceof Expr.Default)) {
                                newValues.put(name, values.get(i));
                            }
                        }
                    } else {
                        int width = rows.values() != null ? rows.values().getFirst().size() : -1;
                        List<String> names = new ArrayList<>();
                        if (columns != null) {
                            names.addAll(columns);
                        } else {
                            for (AttributeInfo attribute : relation.attributes()) {
                                if (width < 0 || names.size() < width) {
                                    names.add(attribute.name());
                                }
                            }
                            if (width < 0) {
                                names.clear();
                                // the SELECT's own output width decides; its columns come in table order
                                int count = rows.targets() == null ? relation.attributes().size()
                                        : rows.targets().size();
                                for (int i = 0; i < count && i < relation.attributes().size(); i++) {
                                    names.add(relation.attributes().get(i).name());
                                }
                            }
                        }
                        joined.add(new FromItem.Subquery(rows, new FromItem.Alias(NEW_ROWS,
                                names.stream().map(RuleRewriter::hidden).toList()), false, -1));
                        for (String name : names) {
                            newValues.put(name, column(NEW_ROWS, hidden(name)));
                        }
                    }
                }
                case Statement.Update update -> {
                    targetName = update.alias() != null ? update.alias() : relation.name();
                    only = update.only();
                    RawTreeMapper toOld = new RawTreeMapper(this::originalToOld);
                    for (SetClause set : update.assignments()) {
                        if (set.target() == null) {
                            newValues.put(set.column(), toOld.expr(set.value()));
                        }
                    }
                    joined.addAll(update.from());
                    originalWhere = toOld.expr(update.where());
                }
                case Statement.Delete delete -> {
                    targetName = delete.alias() != null ? delete.alias() : relation.name();
                    only = delete.only();
                    joined.addAll(delete.using());
                    originalWhere = new RawTreeMapper(this::originalToOld).expr(delete.where());
                }
                default -> throw new IllegalStateException("rules apply to INSERT, UPDATE and DELETE");
            }
        }

        private boolean isInsert() {
            return original instanceof Statement.Insert;
        }

        /** A reference of the original statement to its target's column, renamed to {@link #OLD}. */
        private Expr originalToOld(Expr.ColumnRef ref) {
            List<String> fields = ref.fields();
            String last = fields.getLast();
            if (fields.size() == 1 && relation.attribute(last) != null) {
                return oldRef(OLD, last);
            }
            if (fields.size() >= 2 && fields.get(fields.size() - 2).equals(targetName) && !last.equals("*")) {
                return oldRef(OLD, last);
            }
            return ref;
        }

        /** NEW and OLD in a rule's action or condition (in terms of {@code oldName} for the target's row). */
        private Expr newOld(Expr.ColumnRef ref, String oldName) {
            List<String> fields = ref.fields();
            if (fields.size() < 2) {
                return ref;
            }
            String first = fields.getFirst();
            String name = fields.get(1);
            if (first.equals(NEW)) {
                if (name.equals("*")) {
                    return ref;
                }
                Expr value = newValues.get(name);
                if (value != null) {
                    return oldName.equals(OLD) || isInsert() ? value : originalReference(value, oldName);
                }
                if (isInsert()) {
                    return defaultOf(name);
                }
                return oldRef(oldName, name);
            }
            if (first.equals(OLD) && !name.equals("*")) {
                return oldRef(oldName, name);
            }
            return ref;
        }

        /** A value in terms of OLD turned back into the original statement's own names. */
        private Expr originalReference(Expr value, String oldName) {
            return new RawTreeMapper(ref -> ref.fields().size() == 2 && ref.fields().getFirst().equals(OLD)
                    ? column(oldName, ref.fields().get(1).substring(1)) : ref).expr(value);
        }

        /** NEW of a column an INSERT leaves out: its default, NULL without one ({@code rewriteTargetListIU}). */
        private Expr defaultOf(String name) {
            AttributeInfo attribute = relation.attribute(name);
            if (attribute != null && attribute.defaultExpression() != null) {
                return Parser.parseExpression(attribute.defaultExpression());
            }
            return new Expr.Constant(Expr.Constant.Kind.NULL, null, -1);
        }

        private boolean usesOld(Statement statement, Expr qual) {
            boolean[] found = {false};
            RawTreeMapper finder = new RawTreeMapper(ref -> {
                if (ref.fields().size() >= 2 && ref.fields().getFirst().equals(OLD)) {
                    found[0] = true;
                }
                return ref;
            });
            finder.statement(statement);
            finder.expr(qual);
            finder.expr(originalWhere);
            return found[0];
        }

        /** {@code rewriteRuleAction}: one action with NEW and OLD replaced, joined with the original's relations. */
        Statement action(Statement action, Expr ruleQual) {
            RawTreeMapper mapper = new RawTreeMapper(ref -> newOld(ref, OLD));
            Statement mapped = mapper.statement(action);
            Expr qual = mapper.expr(ruleQual);
            List<FromItem> items = new ArrayList<>(joined);
            if (!isInsert() && usesOld(mapped, qual)) {
                items.addFirst(new FromItem.Table(new QualifiedName(relation.namespaceName(), relation.name(), -1),
                        new FromItem.Alias(OLD, relation.attributes().stream().map(a -> hidden(a.name())).toList()),
                        -1, only));
            }
            Expr where = and(qual, originalWhere);
            return switch (mapped) {
                case Statement.Insert insert -> {
                    SelectStmt rows = insert.source();
                    List<String> columns = insert.columns();
                    if ((!items.isEmpty() || where != null) && rows == null) {
                        // DEFAULT VALUES joined with the original's rows: each default written out
                        columns = new ArrayList<>();
                        List<Expr> defaults = new ArrayList<>();
                        RelationInfo target = catalog.lookupRelation(tx, insert.table().schema(),
                                insert.table().name()).orElseThrow(() -> SqlException.of(SqlState.UNDEFINED_TABLE,
                                "relation \"%s\" does not exist", insert.table().name()));
                        for (AttributeInfo attribute : target.attributes()) {
                            if (attribute.defaultExpression() != null || columns.isEmpty()
                                    && attribute == target.attributes().getLast()) {
                                columns.add(attribute.name());
                                defaults.add(attribute.defaultExpression() != null
                                        ? Parser.parseExpression(attribute.defaultExpression())
                                        : new Expr.Constant(Expr.Constant.Kind.NULL, null, -1));
                            }
                        }
                        rows = new SelectStmt(List.of(), false, null, List.of(), null, List.of(), null,
                                List.of(List.copyOf(defaults)), null, false, null, null, List.of(), null, null,
                                List.of(), List.of(), insert.location());
                    }
                    if (!items.isEmpty() || where != null) {
                        rows = joinSelect(typedValues(rows, insert), items, where);
                    }
                    yield new Statement.Insert(insert.table(), insert.alias(), List.copyOf(columns),
                            columns == insert.columns() ? insert.columnLocations()
                                    : columns.stream().map(name -> -1).toList(), rows,
                            insert.defaultValues() && rows == null,
                            actionReturning(insert.returning(), insert.table()), insert.location(), insert.overriding(),
                            insert.onConflict(), insert.columnTargets());
                }
                case Statement.Update update -> {
                    List<FromItem> from = new ArrayList<>(items);
                    from.addAll(update.from());
                    yield new Statement.Update(update.table(), update.alias(), update.assignments(), List.copyOf(from),
                            and(update.where(), where), actionReturning(update.returning(), update.table()),
                            update.location(), update.only());
                }
                case Statement.Delete delete -> {
                    List<FromItem> using = new ArrayList<>(items);
                    using.addAll(delete.using());
                    yield new Statement.Delete(delete.table(), delete.alias(), List.copyOf(using),
                            and(delete.where(), where), actionReturning(delete.returning(), delete.table()),
                            delete.location(), delete.only());
                }
                case Statement.Select select -> new Statement.Select(joinSelect(select.query(), items, where));
                default -> mapped;
            };
        }

        /**
         * A VALUES row of an INSERT action with its NULLs and strings cast to the columns' types: the
         * row becomes a SELECT list, where such a literal would otherwise be resolved to text.
         */
        private SelectStmt typedValues(SelectStmt rows, Statement.Insert insert) {
            if (rows.values() == null || rows.values().size() != 1) {
                return rows;
            }
            RelationInfo target = catalog.lookupRelation(tx, insert.table().schema(), insert.table().name())
                    .orElse(null);
            if (target == null) {
                return rows;
            }
            List<Expr> values = new ArrayList<>();
            List<Expr> row = rows.values().getFirst();
            for (int i = 0; i < row.size(); i++) {
                AttributeInfo column = !insert.columns().isEmpty()
                        ? (i < insert.columns().size() ? target.attribute(insert.columns().get(i)) : null)
                        : (i < target.attributes().size() ? target.attributes().get(i) : null);
                values.add(column == null ? row.get(i) : castLiteral(catalog, tx, row.get(i), column.typeOid()));
            }
            return new SelectStmt(List.of(), false, null, List.of(), null, List.of(), null, List.of(List.copyOf(values)),
                    null, false, null, null, List.of(), null, null, List.of(), List.of(), rows.location());
        }

        /** A query with more relations in FROM and more conditions in WHERE; a VALUES row becomes a SELECT. */
        private SelectStmt joinSelect(SelectStmt query, List<FromItem> items, Expr where) {
            if (query.op() != null) {
                throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                        "conditional UNION/INTERSECT/EXCEPT statements are not implemented");
            }
            if (query.values() != null) {
                if (query.values().size() != 1) {
                    throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                            "a multi-row VALUES action in a rule on a multi-row statement is not supported");
                }
                List<ResTarget> targets = query.values().getFirst().stream()
                        .map(value -> new ResTarget(value, null, -1)).toList();
                return new SelectStmt(targets, false, null, List.copyOf(items), where, List.of(), null, null, null,
                        false, null, null, List.of(), null, null, List.of(), List.of(), query.location());
            }
            List<FromItem> from = new ArrayList<>(items);
            from.addAll(query.from());
            return new SelectStmt(query.targets(), query.distinct(), query.distinctOn(), List.copyOf(from),
                    and(query.where(), where), query.groupBy(), query.having(), query.values(), query.op(),
                    query.all(), query.left(), query.right(), query.orderBy(), query.limit(), query.offset(),
                    query.forLocking(), query.with(), query.location(), query.windows(), query.limitWithTies());
        }

        /**
         * The RETURNING an INSTEAD rule's action gets: the original's RETURNING with each column of
         * the original's target replaced by the action's RETURNING entry in its place; none when the
         * original has no RETURNING.
         */
        private List<ResTarget> actionReturning(List<ResTarget> actionReturning, QualifiedName actionTarget) {
            if (actionReturning == null || actionReturning.isEmpty()) {
                return actionReturning;
            }
            if (originalReturning == null || originalReturning.isEmpty()) {
                return List.of();
            }
            List<Expr> entries = new ArrayList<>();
            for (ResTarget target : actionReturning) {
                if (target.value() instanceof Expr.ColumnRef ref && ref.fields().getLast().equals("*")) {
                    RelationInfo actionRelation = catalog.lookupRelation(tx, actionTarget.schema(), actionTarget.name())
                            .orElseThrow(() -> SqlException.of(SqlState.UNDEFINED_TABLE,
                                    "relation \"%s\" does not exist", actionTarget.name()));
                    for (AttributeInfo attribute : actionRelation.attributes()) {
                        List<String> fields = new ArrayList<>(ref.fields().subList(0, ref.fields().size() - 1));
                        fields.add(attribute.name());
                        entries.add(new Expr.ColumnRef(List.copyOf(fields), -1));
                    }
                } else {
                    entries.add(target.value());
                }
            }
            List<AttributeInfo> attributes = relation.attributes();
            List<ResTarget> result = new ArrayList<>();
            RawTreeMapper mapper = new RawTreeMapper(ref -> {
                List<String> fields = ref.fields();
                String last = fields.getLast();
                boolean ours = fields.size() == 1 || fields.size() >= 2
                        && fields.get(fields.size() - 2).equals(targetName);
                if (ours && !last.equals("*")) {
                    for (int i = 0; i < attributes.size() && i < entries.size(); i++) {
                        if (attributes.get(i).name().equals(last)) {
                            return entries.get(i);
                        }
                    }
                }
                return ref;
            });
            for (ResTarget target : originalReturning) {
                if (target.value() instanceof Expr.ColumnRef ref && ref.fields().getLast().equals("*")
                        && (ref.fields().size() == 1 || ref.fields().get(ref.fields().size() - 2).equals(targetName))) {
                    for (int i = 0; i < attributes.size() && i < entries.size(); i++) {
                        result.add(new ResTarget(entries.get(i), attributes.get(i).name(), -1));
                    }
                } else {
                    String name = target.name();
                    if (name == null && target.value() instanceof Expr.ColumnRef ref) {
                        name = ref.fields().getLast();
                    }
                    result.add(new ResTarget(mapper.expr(target.value()), name, target.location()));
                }
            }
            return List.copyOf(result);
        }

        /** The original with the negated conditions of conditional INSTEAD rules ({@code CopyAndAddInvertedQual}). */
        Statement withNegated(List<Expr> quals) {
            RawTreeMapper mapper = new RawTreeMapper(ref -> newOld(ref, targetName));
            Expr negated = null;
            for (Expr qual : quals) {
                negated = and(negated, new Expr.NullTest(mapper.expr(qual), Expr.NullTest.Test.IS_NOT_TRUE, -1));
            }
            return switch (original) {
                case Statement.Insert insert -> {
                    List<String> names = new ArrayList<>();
                    if (!insert.columns().isEmpty()) {
                        names.addAll(insert.columns());
                    } else {
                        for (AttributeInfo attribute : relation.attributes()) {
                            names.add(attribute.name());
                        }
                    }
                    List<ResTarget> targets = new ArrayList<>();
                    List<String> written = new ArrayList<>();
                    for (String name : names) {
                        if (newValues.containsKey(name) || insert.columns().contains(name)) {
                            targets.add(new ResTarget(newValues.containsKey(name) ? newValues.get(name)
                                    : defaultOf(name), null, -1));
                            written.add(name);
                        }
                    }
                    SelectStmt rows = new SelectStmt(List.copyOf(targets), false, null, List.copyOf(joined), negated,
                            List.of(), null, null, null, false, null, null, List.of(), null, null, List.of(), List.of(),
                            insert.location());
                    yield new Statement.Insert(insert.table(), insert.alias(), List.copyOf(written),
                            written.stream().map(name -> -1).toList(), rows, false, insert.returning(),
                            insert.location(), insert.overriding(), insert.onConflict(), null);
                }
                case Statement.Update update -> new Statement.Update(update.table(), update.alias(),
                        update.assignments(), update.from(), and(update.where(), negated), update.returning(),
                        update.location(), update.only());
                case Statement.Delete delete -> new Statement.Delete(delete.table(), delete.alias(), delete.using(),
                        and(delete.where(), negated), delete.returning(), delete.location(), delete.only());
                default -> original;
            };
        }
    }
}
