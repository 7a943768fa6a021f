package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.woolly.access.transam.Transaction;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.CatalogAccess;
import org.woolly.catalog.RelationInfo;
import org.woolly.catalog.RuleInfo;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.ResTarget;
import org.woolly.nodes.parse.RuleCommand;
import org.woolly.nodes.parse.SelectStmt;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.parse.TypeName;
import org.woolly.parser.Parser;

/**
 * {@code pg_get_ruledef} of a user rule ({@code make_ruledef} of {@code ruleutils.c}): the
 * CREATE RULE statement printed again from pg_rewrite's text, the actions through the view
 * printer. As PostgreSQL's analyzed actions show them, a column of the action's relation is
 * qualified by its name, an INSERT lists the columns it writes, a string written for a column
 * gets the column's type, and a SELECT's output columns get their names.
 */
public final class RuleDefinition {
    private final CatalogAccess catalog;
    private final Transaction tx;
    private final boolean pretty;
    private final Predicate<QualifiedName> showSchema;
    private final Function<TypeName, String> typeText;

    private RuleDefinition(CatalogAccess catalog, Transaction tx, TypeSystem types, boolean pretty) {
        this.catalog = catalog;
        this.tx = tx;
        this.pretty = pretty;
        this.showSchema = name -> name.schema() != null && catalog.lookupRelation(tx, null, name.name())
                .map(found -> !found.namespaceName().equals(name.schema())).orElse(true);
        this.typeText = ViewDefinitionText.typeText(catalog, tx, types);
    }

    public static String of(CatalogAccess catalog, Transaction tx, TypeSystem types, RuleInfo rule, boolean pretty) {
        return new RuleDefinition(catalog, tx, types, pretty).print(rule);
    }

    private String print(RuleInfo rule) {
        RelationInfo relation = catalog.relationByOid(tx, rule.relationOid());
        StringBuilder buf = new StringBuilder("CREATE RULE ").append(Parser.quoteIdentifier(rule.name()))
                .append(" AS\n    ON ").append(RuleCommand.Event.of(rule.event()).name()).append(" TO ");
        QualifiedName name = new QualifiedName(relation.namespaceName(), relation.name(), -1);
        if (!pretty || showSchema.test(name)) {
            buf.append(Parser.quoteIdentifier(relation.namespaceName())).append('.');
        }
        buf.append(Parser.quoteIdentifier(relation.name()));
        if (rule.qual() != null) {
            buf.append("\n   WHERE ").append(ViewDefinitionText.expression(Parser.parseExpression(rule.qual()), pretty,
                    showSchema, typeText));
        }
        buf.append(" DO ");
        if (rule.instead()) {
            buf.append("INSTEAD ");
        }
        List<Statement> actions = RuleRewriter.actionStatements(rule);
        if (actions.isEmpty()) {
            return buf.append("NOTHING;").toString();
        }
        if (actions.size() == 1) {
            return buf.append(action(actions.getFirst())).append(';').toString();
        }
        buf.append('(');
        for (Statement action : actions) {
            buf.append(action(action)).append(";\n");
        }
        return buf.append(");").toString();
    }

    private String action(Statement action) {
        List<String> columns = List.of();
        Statement shown = action;
        switch (action) {
            case Statement.Insert insert -> {
                RelationInfo target = catalog.lookupRelation(tx, insert.table().schema(), insert.table().name())
                        .orElse(null);
                columns = insertColumns(insert, target);
                SelectStmt source = insert.source();
                if (source != null && source.values() != null && source.values().size() == 1 && target != null) {
                    List<Expr> values = new ArrayList<>();
                    for (int i = 0; i < source.values().getFirst().size(); i++) {
                        Expr value = source.values().getFirst().get(i);
                        AttributeInfo column = i < columns.size() ? target.attribute(columns.get(i)) : null;
                        values.add(column == null ? value : typed(value, column.typeOid()));
                    }
                    source = new SelectStmt(List.of(), false, null, List.of(), null, List.of(), null,
                            List.of(List.copyOf(values)), null, false, null, null, List.of(), null, null, List.of(),
                            List.of(), source.location());
                } else if (source != null && source.op() == null && source.values() == null) {
                    source = named(qualified(source, singleTable(source.from())));
                }
                shown = new Statement.Insert(insert.table(), insert.alias(), insert.columns(),
                        insert.columnLocations(), source, insert.defaultValues(), returning(insert.returning(), target,
                        insert.alias() != null ? insert.alias() : insert.table().name()),
                        insert.location(), insert.overriding(), insert.onConflict(), insert.columnTargets());
            }
            case Statement.Update update -> {
                String own = update.alias() != null ? update.alias() : update.table().name();
                RelationInfo target = catalog.lookupRelation(tx, update.table().schema(), update.table().name())
                        .orElse(null);
                RawTreeMapper mapper = qualifier(own);
                shown = mapper.statement(new Statement.Update(update.table(), update.alias(),
                        update.assignments().stream().map(set -> {
                            AttributeInfo column = target == null ? null : target.attribute(set.column());
                            return column == null ? set : new org.woolly.nodes.parse.SetClause(set.column(),
                                    typed(set.value(), column.typeOid()), set.location(), set.target());
                        }).toList(), update.from(), update.where(), update.returning(), update.location(),
                        update.only()));
            }
            case Statement.Delete delete -> shown = qualifier(delete.alias() != null ? delete.alias()
                    : delete.table().name()).statement(delete);
            case Statement.Select select -> shown = new Statement.Select(
                    named(qualified(select.query(), singleTable(select.query().from()))));
            default -> { }
        }
        return ViewDefinitionText.statement(shown, columns, pretty, showSchema, typeText);
    }

    private List<String> insertColumns(Statement.Insert insert, RelationInfo target) {
        if (!insert.columns().isEmpty() || target == null) {
            return insert.columns();
        }
        SelectStmt source = insert.source();
        int width = source == null ? 0 : source.values() != null ? source.values().getFirst().size()
                : source.targets().size();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < width && i < target.attributes().size(); i++) {
            names.add(target.attributes().get(i).name());
        }
        return names;
    }

    private Expr typed(Expr value, int typeOid) {
        return RuleRewriter.castLiteral(catalog, tx, value, typeOid);
    }

    /** RETURNING as the analyzed list prints: {@code *} expanded, every column qualified by the target's name. */
    private List<ResTarget> returning(List<ResTarget> returning, RelationInfo target, String own) {
        if (returning == null || returning.isEmpty() || target == null) {
            return returning;
        }
        List<ResTarget> expanded = new ArrayList<>();
        for (ResTarget entry : returning) {
            if (entry.value() instanceof Expr.ColumnRef ref && ref.fields().getLast().equals("*")) {
                for (AttributeInfo attribute : target.attributes()) {
                    expanded.add(new ResTarget(new Expr.ColumnRef(List.of(own, attribute.name()), -1), null, -1));
                }
            } else {
                expanded.add(new ResTarget(qualifier(own).expr(entry.value()), entry.name(), entry.location()));
            }
        }
        return List.copyOf(expanded);
    }

    private static String singleTable(List<FromItem> from) {
        if (from != null && from.size() == 1 && from.getFirst() instanceof FromItem.Table table) {
            return table.alias() != null ? table.alias().name() : table.name().name();
        }
        return null;
    }

    private static RawTreeMapper qualifier(String relation) {
        return new RawTreeMapper(ref -> relation != null && ref.fields().size() == 1
                && !ref.fields().getFirst().equals("*") ? new Expr.ColumnRef(List.of(relation,
                ref.fields().getFirst()), ref.location()) : ref);
    }

    private static SelectStmt qualified(SelectStmt select, String relation) {
        return relation == null ? select : qualifier(relation).select(select);
    }

    /** Output columns named as the analyzer names them ({@code ?column?} for a constant). */
    private static SelectStmt named(SelectStmt select) {
        List<ResTarget> targets = select.targets().stream().map(target -> target.name() != null
                || target.value() instanceof Expr.ColumnRef ? target
                : new ResTarget(target.value(), OutputNames.of(target.value()), target.location())).toList();
        return new SelectStmt(targets, select.distinct(), select.distinctOn(), select.from(), select.where(),
                select.groupBy(), select.having(), select.values(), select.op(), select.all(), select.left(),
                select.right(), select.orderBy(), select.limit(), select.offset(), select.forLocking(), select.with(),
                select.location(), select.windows(), select.limitWithTies());
    }
}
