package org.woolly.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.woolly.access.transam.Transaction;
import org.woolly.utils.adt.Identifiers;

/**
 * {@code pg_get_triggerdef} ({@code pg_get_triggerdef_worker} of {@code ruleutils.c}): the
 * CREATE TRIGGER statement of a trigger, events in PostgreSQL's order (INSERT, DELETE, UPDATE,
 * TRUNCATE), the table schema-qualified unless {@code pretty} and visible, the function
 * qualified only when search_path would not find it, the arguments as string literals, the WHEN
 * condition printed again by {@code printCondition} (the view printer).
 */
final class TriggerDefinition {
    private TriggerDefinition() {}

    static String of(CatalogAccess catalog, Transaction tx, TriggerInfo trigger, boolean pretty,
                     BiFunction<String, Boolean, String> printCondition) {
        RelationInfo table = catalog.relationByOid(tx, trigger.relationOid());
        StringBuilder text = new StringBuilder(trigger.constraintOid() != 0 ? "CREATE CONSTRAINT TRIGGER "
                : "CREATE TRIGGER ");
        text.append(Identifiers.quote(trigger.name())).append(' ');
        text.append(trigger.before() ? "BEFORE" : trigger.instead() ? "INSTEAD OF" : "AFTER");
        List<String> events = new ArrayList<>();
        if (trigger.firesOn(TriggerInfo.INSERT)) {
            events.add("INSERT");
        }
        if (trigger.firesOn(TriggerInfo.DELETE)) {
            events.add("DELETE");
        }
        if (trigger.firesOn(TriggerInfo.UPDATE)) {
            StringBuilder update = new StringBuilder("UPDATE");
            for (int i = 0; i < trigger.columns().length; i++) {
                AttributeInfo column = table.attributeByNumber(trigger.columns()[i]);
                update.append(i == 0 ? " OF " : ", ").append(Identifiers.quote(column.name()));
            }
            events.add(update.toString());
        }
        if (trigger.firesOn(TriggerInfo.TRUNCATE)) {
            events.add("TRUNCATE");
        }
        text.append(' ').append(String.join(" OR ", events)).append(" ON ")
                .append(relationName(catalog, tx, table, pretty)).append(' ');
        if (trigger.constraintOid() != 0) {
            if (trigger.constraintRelationOid() != 0) {
                text.append("FROM ").append(relationName(catalog, tx,
                        catalog.relationByOid(tx, trigger.constraintRelationOid()), pretty)).append(' ');
            }
            text.append(trigger.deferrable() ? "DEFERRABLE " : "NOT DEFERRABLE ");
            text.append(trigger.initiallyDeferred() ? "INITIALLY DEFERRED " : "INITIALLY IMMEDIATE ");
        }
        if (trigger.oldTable() != null || trigger.newTable() != null) {
            text.append("REFERENCING ");
            if (trigger.oldTable() != null) {
                text.append("OLD TABLE AS ").append(Identifiers.quote(trigger.oldTable())).append(' ');
            }
            if (trigger.newTable() != null) {
                text.append("NEW TABLE AS ").append(Identifiers.quote(trigger.newTable())).append(' ');
            }
        }
        text.append(trigger.forEachRow() ? "FOR EACH ROW " : "FOR EACH STATEMENT ");
        if (trigger.when() != null) {
            text.append("WHEN (").append(printCondition.apply(trigger.when(), pretty)).append(") ");
        }
        text.append("EXECUTE FUNCTION ").append(functionName(catalog, tx, trigger.functionOid())).append('(');
        for (int i = 0; i < trigger.arguments().size(); i++) {
            text.append(i == 0 ? "" : ", ").append('\'').append(trigger.arguments().get(i).replace("'", "''"))
                    .append('\'');
        }
        return text.append(')').toString();
    }

    private static String relationName(CatalogAccess catalog, Transaction tx, RelationInfo table, boolean pretty) {
        boolean visible = catalog.lookupRelation(tx, null, table.name()).map(found -> found.oid() == table.oid())
                .orElse(false);
        String name = Identifiers.quote(table.name());
        return pretty && visible ? name : Identifiers.quote(table.namespaceName()) + "." + name;
    }

    private static String functionName(CatalogAccess catalog, Transaction tx, int functionOid) {
        FunctionInfo function = catalog.functionByOid(tx, functionOid).orElse(null);
        if (function == null) {
            return Integer.toUnsignedString(functionOid);
        }
        boolean visible = catalog.lookupFunctions(tx, null, function.name()).stream()
                .anyMatch(found -> found.oid() == functionOid);
        String name = Identifiers.quote(function.name());
        if (visible) {
            return name;
        }
        return catalog.namespaceByOid(tx, function.namespaceOid()).map(namespace -> Identifiers.quote(namespace.name())
                + "." + name).orElse(name);
    }
}
