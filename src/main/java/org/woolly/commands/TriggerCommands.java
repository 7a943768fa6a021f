package org.woolly.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.FunctionInfo;
import org.woolly.catalog.RelationInfo;
import org.woolly.catalog.TriggerInfo;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.TriggerCommand;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * CREATE / DROP / ALTER TRIGGER and ALTER TABLE ... ENABLE | DISABLE TRIGGER
 * ({@code CreateTrigger}, {@code RemoveTriggerById}, {@code renametrig} and
 * {@code EnableDisableTrigger} of {@code trigger.c}), with PostgreSQL's checks of the table kind,
 * the timing, the level and the function.
 */
public final class TriggerCommands {
    /** {@code trigger}'s pg_type OID: what a trigger function returns. */
    private static final int TRIGGER_TYPE = 2279;

    private TriggerCommands() {}

    /** Runs the statement; returns its command tag. */
    public static String run(CommandContext context, TriggerCommand command) {
        switch (command) {
            case TriggerCommand.Create create -> create(context, create);
            case TriggerCommand.Drop drop -> drop(context, drop);
            case TriggerCommand.Rename rename -> rename(context, rename);
            case TriggerCommand.SetEnabled enable -> setEnabled(context, enable);
        }
        return command.tag();
    }

    static RelationInfo table(CommandContext context, QualifiedName name, LockMode mode) {
        RelationInfo relation = context.catalog().openRelation(context.transaction(), name.schema(), name.name(), mode)
                .orElseThrow(() -> SqlException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist",
                        name.toString()));
        Privileges.checkOwner(context, context.catalog().relationOwner(context.transaction(), relation),
                relation.kind() == 'v' ? "view" : "table", relation.name());
        return relation;
    }

    /** The table, or null after the NOTICE of IF EXISTS when there is none. */
    static RelationInfo tableOrSkip(CommandContext context, QualifiedName name, LockMode mode,
                                            boolean missingOk) {
        if (missingOk && context.catalog().openRelation(context.transaction(), name.schema(), name.name(), mode)
                .isEmpty()) {
            context.notices().notice(new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                    "relation \"%s\" does not exist, skipping".formatted(name), null, null, 0, null));
            return null;
        }
        return table(context, name, mode);
    }

    private static void create(CommandContext context, TriggerCommand.Create create) {
        RelationInfo table = table(context, create.table(), LockMode.SHARE_ROW_EXCLUSIVE);
        int type = create.forEachRow() ? TriggerInfo.ROW : 0;
        type |= switch (create.timing()) {
            case "before" -> TriggerInfo.BEFORE;
            case "instead" -> TriggerInfo.INSTEAD;
            default -> 0;
        };
        List<Integer> columns = new ArrayList<>();
        for (TriggerCommand.Event event : create.events()) {
            int bit = switch (event.kind()) {
                case "insert" -> TriggerInfo.INSERT;
                case "update" -> TriggerInfo.UPDATE;
                case "delete" -> TriggerInfo.DELETE;
                default -> TriggerInfo.TRUNCATE;
            };
            if ((type & bit) != 0) {
                throw SqlException.of(SqlState.SYNTAX_ERROR, "duplicate trigger events specified at or near \"%s\"",
                        event.kind());
            }
            type |= bit;
            for (String column : event.columns()) {
                AttributeInfo attribute = table.attribute(column);
                if (attribute == null) {
                    throw SqlException.of(SqlState.UNDEFINED_COLUMN, "column \"%s\" of relation \"%s\" does not exist",
                            column, table.name());
                }
                if (columns.contains((int) attribute.number())) {
                    throw SqlException.of(SqlState.DUPLICATE_COLUMN, "column \"%s\" specified more than once", column);
                }
                columns.add((int) attribute.number());
            }
        }
        checkKind(table, create, type, !columns.isEmpty());
        FunctionInfo function = function(context, create.function());
        RelationInfo referenced = create.referencedTable() == null ? null
                : context.catalog().openRelation(context.transaction(), create.referencedTable().schema(),
                        create.referencedTable().name(), LockMode.ACCESS_SHARE).orElseThrow(() -> SqlException.of(
                        SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", create.referencedTable().toString()));
        List<TriggerInfo> existing = context.catalog().triggers(context.transaction(), table.oid());
        TriggerInfo replaced = existing.stream().filter(trigger -> trigger.name().equals(create.name())).findFirst()
                .orElse(null);
        if (replaced != null && !create.replace()) {
            throw SqlException.of(SqlState.DUPLICATE_OBJECT, "trigger \"%s\" for relation \"%s\" already exists",
                    create.name(), table.name());
        }
        int[] attributes = columns.stream().mapToInt(Integer::intValue).sorted().toArray();
        TriggerInfo trigger = new TriggerInfo(replaced == null ? 0 : replaced.oid(), table.oid(), create.name(),
                function.oid(), type, TriggerInfo.ENABLED_ORIGIN, false, referenced == null ? 0 : referenced.oid(),
                !create.constraint() ? 0 : replaced != null && replaced.constraintOid() != 0 ? replaced.constraintOid()
                        : context.catalog().allocateOid(), create.deferrable(),
                create.initiallyDeferred(), create.arguments(), attributes, create.when(), create.oldTable(),
                create.newTable());
        context.catalog().storeTrigger(context.transaction(), trigger);
    }

    /** The kind checks of {@code CreateTriggerFiringOn}: which timings and levels a table and a view take. */
    private static void checkKind(RelationInfo table, TriggerCommand.Create create, int type, boolean hasColumns) {
        boolean instead = (type & TriggerInfo.INSTEAD) != 0;
        boolean row = (type & TriggerInfo.ROW) != 0;
        if (table.kind() == 'v') {
            if (!instead && row) {
                throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "\"%s\" is a view", table.name())
                        .withDetail("Views cannot have row-level BEFORE or AFTER triggers.");
            }
            if ((type & TriggerInfo.TRUNCATE) != 0) {
                throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "\"%s\" is a view", table.name())
                        .withDetail("Views cannot have TRUNCATE triggers.");
            }
        } else if (table.kind() == 'r' || table.kind() == 'p') {
            if (instead) {
                throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "\"%s\" is a table", table.name())
                        .withDetail("Tables cannot have INSTEAD OF triggers.");
            }
        } else {
            throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "relation \"%s\" cannot have triggers", table.name())
                    .withDetail(table.kind() == 'S' ? "This operation is not supported for sequences."
                            : "This operation is not supported for indexes.");
        }
        if ((type & TriggerInfo.TRUNCATE) != 0 && row) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "TRUNCATE FOR EACH ROW triggers are not supported");
        }
        if (instead) {
            if (!row) {
                throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "INSTEAD OF triggers must be FOR EACH ROW");
            }
            if (create.when() != null) {
                throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "INSTEAD OF triggers cannot have WHEN conditions");
            }
            if (hasColumns) {
                throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "INSTEAD OF triggers cannot have column lists");
            }
        }
        if ((create.oldTable() != null || create.newTable() != null)) {
            if (instead || (type & TriggerInfo.BEFORE) != 0) {
                throw SqlException.of(SqlState.INVALID_OBJECT_DEFINITION,
                        "transition table name can only be specified for an AFTER trigger");
            }
            if (create.oldTable() != null && (type & (TriggerInfo.UPDATE | TriggerInfo.DELETE)) == 0) {
                throw SqlException.of(SqlState.INVALID_OBJECT_DEFINITION,
                        "OLD TABLE can only be specified for a DELETE or UPDATE trigger");
            }
            if (create.newTable() != null && (type & (TriggerInfo.UPDATE | TriggerInfo.INSERT)) == 0) {
                throw SqlException.of(SqlState.INVALID_OBJECT_DEFINITION,
                        "NEW TABLE can only be specified for an INSERT or UPDATE trigger");
            }
        }
    }

    /** The trigger function: no arguments, returns trigger ({@code LookupFuncName} then the type check). */
    private static FunctionInfo function(CommandContext context, QualifiedName name) {
        for (FunctionInfo candidate : context.catalog().lookupFunctions(context.transaction(), name.schema(),
                name.name())) {
            if (candidate.argumentTypes().length == 0) {
                if (candidate.returnType() != TRIGGER_TYPE) {
                    throw SqlException.of(SqlState.INVALID_OBJECT_DEFINITION, "function %s must return type %s",
                            name.name(), "trigger");
                }
                return candidate;
            }
        }
        throw SqlException.of(SqlState.UNDEFINED_FUNCTION, "function %s() does not exist", name.toString());
    }

    private static TriggerInfo find(CommandContext context, RelationInfo table, String name) {
        return context.catalog().triggers(context.transaction(), table.oid()).stream()
                .filter(trigger -> trigger.name().equals(name)).findFirst().orElse(null);
    }

    private static void drop(CommandContext context, TriggerCommand.Drop drop) {
        RelationInfo table = tableOrSkip(context, drop.table(), LockMode.ACCESS_EXCLUSIVE, drop.missingOk());
        if (table == null) {
            return;
        }
        TriggerInfo trigger = find(context, table, drop.name());
        if (trigger == null) {
            if (drop.missingOk()) {
                context.notices().notice(new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                        "trigger \"%s\" for relation \"%s\" does not exist, skipping".formatted(drop.name(),
                                drop.table()), null, null, 0, null));
                return;
            }
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "trigger \"%s\" for table \"%s\" does not exist",
                    drop.name(), table.name());
        }
        context.catalog().dropTrigger(context.transaction(), trigger);
    }

    private static void rename(CommandContext context, TriggerCommand.Rename rename) {
        RelationInfo table = table(context, rename.table(), LockMode.ACCESS_EXCLUSIVE);
        TriggerInfo trigger = find(context, table, rename.name());
        if (trigger == null) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "trigger \"%s\" for table \"%s\" does not exist",
                    rename.name(), table.name());
        }
        if (find(context, table, rename.newName()) != null) {
            throw SqlException.of(SqlState.DUPLICATE_OBJECT, "trigger \"%s\" for relation \"%s\" already exists",
                    rename.newName(), table.name());
        }
        context.catalog().storeTrigger(context.transaction(), trigger.with(rename.newName(), trigger.enabled()));
    }

    private static void setEnabled(CommandContext context, TriggerCommand.SetEnabled enable) {
        RelationInfo table = tableOrSkip(context, enable.table(), LockMode.SHARE_ROW_EXCLUSIVE, enable.ifExists());
        if (table == null) {
            return;
        }
        boolean found = false;
        for (TriggerInfo trigger : context.catalog().triggers(context.transaction(), table.oid())) {
            boolean matches = enable.name() == null ? !(enable.userOnly() && trigger.internal())
                    : trigger.name().equals(enable.name());
            if (!matches) {
                continue;
            }
            found = true;
            if (trigger.enabled() != enable.enabled()) {
                context.catalog().storeTrigger(context.transaction(), trigger.with(trigger.name(), enable.enabled()));
            }
        }
        if (!found && enable.name() != null) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "trigger \"%s\" for table \"%s\" does not exist",
                    enable.name(), table.name());
        }
    }

    /**
     * TRUNCATE's statement triggers ({@code ExecBSTruncateTriggers} / {@code ExecASTruncateTriggers}):
     * BEFORE ones ahead of truncating any table, AFTER ones once all are truncated.
     */
    public static void fireTruncate(CommandContext context, List<RelationInfo> tables, boolean before) {
        if (!before) {
            context.transaction().incrementCommandId();
        }
        for (RelationInfo table : tables) {
            for (TriggerInfo trigger : context.catalog().triggers(context.transaction(), table.oid())) {
                if (!trigger.firesOn(TriggerInfo.TRUNCATE) || !trigger.firesInOrigin() || trigger.before() != before) {
                    continue;
                }
                FunctionInfo function = context.catalog().functionByOid(context.transaction(), trigger.functionOid())
                        .orElseThrow(() -> SqlException.of(SqlState.UNDEFINED_FUNCTION,
                                "cache lookup failed for function %d", trigger.functionOid()));
                List<String> names = new ArrayList<>();
                int[] types = new int[table.descriptor().size()];
                for (int i = 0; i < types.length; i++) {
                    names.add(table.descriptor().get(i).name());
                    types[i] = table.descriptor().get(i).typeOid();
                }
                org.woolly.nodes.query.ProceduralCalls.current().fireTrigger(function,
                        new org.woolly.nodes.query.ProceduralCalls.TriggerCall(trigger.name(),
                                before ? "BEFORE" : "AFTER", "STATEMENT", "TRUNCATE", table.oid(), table.name(),
                                table.namespaceName(), trigger.arguments(), names, types, null, null));
            }
        }
    }

    /** A trigger as dependency messages name it ({@code getObjectDescription}): {@code trigger tr on table t}. */
    static String describe(CommandContext context, TriggerInfo trigger) {
        RelationInfo table = context.catalog().relationByOid(context.transaction(), trigger.relationOid());
        return "trigger %s on %s %s".formatted(trigger.name(), table.kind() == 'v' ? "view" : "table", table.name());
    }

    /**
     * DROP FUNCTION of a trigger function: 2BP01 naming the triggers without CASCADE; with it
     * they go first, with PostgreSQL's NOTICE ({@code reportDependentObjects}).
     */
    static void dropDependentTriggers(CommandContext context, FunctionInfo function, String what, boolean cascade) {
        // in creation order, as pg_depend's scan reports them
        List<TriggerInfo> dependents = context.catalog().triggersCalling(context.transaction(), function.oid())
                .stream().sorted(java.util.Comparator.comparingInt(TriggerInfo::oid)).toList();
        if (dependents.isEmpty()) {
            return;
        }
        List<String> names = dependents.stream().map(trigger -> describe(context, trigger)).toList();
        if (!cascade) {
            throw SqlException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                            "cannot drop %s because other objects depend on it", what)
                    .withDetail(String.join("\n", names.stream().map(name -> name + " depends on " + what).toList()))
                    .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
        }
        String text = names.size() == 1 ? "drop cascades to " + names.getFirst()
                : "drop cascades to %d other objects".formatted(names.size());
        context.notices().notice(new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION, text,
                names.size() == 1 ? null : "drop cascades to " + String.join("\ndrop cascades to ", names), null, 0,
                null));
        for (TriggerInfo trigger : dependents) {
            context.catalog().dropTrigger(context.transaction(), trigger);
        }
    }
}
