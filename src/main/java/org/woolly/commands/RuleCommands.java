package org.woolly.commands;

import java.util.List;
import org.woolly.analyzer.RawTreeMapper;
import org.woolly.catalog.RelationInfo;
import org.woolly.catalog.RuleInfo;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.ResTarget;
import org.woolly.nodes.parse.RuleCommand;
import org.woolly.nodes.parse.Statement;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * CREATE / DROP / ALTER RULE and ALTER TABLE ... ENABLE | DISABLE RULE ({@code DefineRule} and
 * {@code DefineQueryRewrite} of {@code rewriteDefine.c}, {@code transformRuleStmt} of
 * {@code parse_utilcmd.c}, {@code RemoveRewriteRuleById}, {@code RenameRewriteRule},
 * {@code EnableDisableRule}), with PostgreSQL's checks of the relation kind, NEW and OLD, and
 * RETURNING. Rules ON SELECT make a view in PostgreSQL 15; Woolly refuses them with its errors.
 */
public final class RuleCommands {
    private static final String VIEW_RULE = "_RETURN";

    private RuleCommands() {}

    /** Runs the statement; returns its command tag. */
    public static String run(CommandContext context, RuleCommand command) {
        switch (command) {
            case RuleCommand.Create create -> create(context, create);
            case RuleCommand.Drop drop -> drop(context, drop);
            case RuleCommand.Rename rename -> rename(context, rename);
            case RuleCommand.SetEnabled enable -> setEnabled(context, enable);
        }
        return command.tag();
    }

    private static RelationInfo table(CommandContext context, QualifiedName name, LockMode mode) {
        return TriggerCommands.table(context, name, mode);
    }

    private static RelationInfo tableOrSkip(CommandContext context, QualifiedName name, LockMode mode,
                                            boolean missingOk) {
        return TriggerCommands.tableOrSkip(context, name, mode, missingOk);
    }

    private static void notice(CommandContext context, String message) {
        context.notices().notice(new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION, message, null, null,
                0, null));
    }

    private static RuleInfo find(CommandContext context, RelationInfo table, String name) {
        return context.catalog().rules(context.transaction(), table.oid()).stream()
                .filter(rule -> rule.name().equals(name)).findFirst().orElse(null);
    }

    private static void create(CommandContext context, RuleCommand.Create create) {
        RelationInfo table = table(context, create.table(), LockMode.ACCESS_EXCLUSIVE);
        if (table.kind() != 'r' && table.kind() != 'p' && table.kind() != 'v' && table.kind() != 'm') {
            throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "relation \"%s\" cannot have rules", table.name())
                    .withDetail(switch (table.kind()) {
                        case 'S' -> "This operation is not supported for sequences.";
                        case 'i', 'I' -> "This operation is not supported for indexes.";
                        case 'c' -> "This operation is not supported for composite types.";
                        case 'f' -> "This operation is not supported for foreign tables.";
                        default -> "This operation is not supported for TOAST tables.";
                    });
        }
        checkNewOld(create);
        if (create.event() == RuleCommand.Event.SELECT) {
            checkSelectRule(create, table);
        }
        boolean returning = false;
        for (Statement action : create.actions()) {
            List<ResTarget> list = switch (action) {
                case Statement.Insert insert -> insert.returning();
                case Statement.Update update -> update.returning();
                case Statement.Delete delete -> delete.returning();
                default -> null;
            };
            if (list == null || list.isEmpty()) {
                continue;
            }
            if (returning) {
                throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "cannot have multiple RETURNING lists in a rule");
            }
            returning = true;
            if (create.condition() != null) {
                throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                        "RETURNING lists are not supported in conditional rules");
            }
            if (!create.instead()) {
                throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                        "RETURNING lists are not supported in non-INSTEAD rules");
            }
        }
        RuleInfo replaced = find(context, table, create.name());
        if (replaced != null && !create.replace()) {
            throw SqlException.of(SqlState.DUPLICATE_OBJECT, "rule \"%s\" for relation \"%s\" already exists",
                    create.name(), table.name());
        }
        RuleInfo rule = new RuleInfo(replaced == null ? 0 : replaced.oid(), table.oid(), create.name(),
                create.event().code(), RuleInfo.ENABLED_ORIGIN, create.instead(), create.conditionText(),
                String.join(";\n", create.actionTexts()));
        context.catalog().storeRule(context.transaction(), rule);
    }

    /** {@code transformRuleStmt}: ON INSERT cannot read OLD, ON DELETE cannot read NEW, ON SELECT neither. */
    private static void checkNewOld(RuleCommand.Create create) {
        boolean[] uses = new boolean[2];
        RawTreeMapper finder = new RawTreeMapper(ref -> {
            if (ref.fields().size() >= 2) {
                uses[0] |= ref.fields().getFirst().equals("old");
                uses[1] |= ref.fields().getFirst().equals("new");
            }
            return ref;
        });
        finder.expr(create.condition());
        create.actions().forEach(finder::statement);
        boolean usesOld = uses[0];
        boolean usesNew = uses[1];
        switch (create.event()) {
            case SELECT -> {
                if (usesOld) {
                    throw SqlException.of(SqlState.INVALID_OBJECT_DEFINITION, "ON SELECT rule cannot use OLD");
                }
                if (usesNew) {
                    throw SqlException.of(SqlState.INVALID_OBJECT_DEFINITION, "ON SELECT rule cannot use NEW");
                }
            }
            case INSERT -> {
                if (usesOld) {
                    throw SqlException.of(SqlState.INVALID_OBJECT_DEFINITION, "ON INSERT rule cannot use OLD");
                }
            }
            case DELETE -> {
                if (usesNew) {
                    throw SqlException.of(SqlState.INVALID_OBJECT_DEFINITION, "ON DELETE rule cannot use NEW");
                }
            }
            case UPDATE -> { }
        }
    }

    /** {@code DefineQueryRewrite}'s checks of a rule ON SELECT. */
    private static void checkSelectRule(RuleCommand.Create create, RelationInfo table) {
        if (create.actions().isEmpty()) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "INSTEAD NOTHING rules on SELECT are not implemented")
                    .withHint("Use views instead.");
        }
        if (create.actions().size() > 1) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                    "multiple actions for rules on SELECT are not implemented");
        }
        if (!create.instead() || !(create.actions().getFirst() instanceof Statement.Select)) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "rules on SELECT must have action INSTEAD SELECT");
        }
        if (create.condition() != null) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                    "event qualifications are not implemented for rules on SELECT");
        }
        if (table.kind() == 'v') {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "\"%s\" is already a view", table.name());
        }
        if (!create.name().equals(VIEW_RULE)) {
            throw SqlException.of(SqlState.INVALID_OBJECT_DEFINITION, "view rule for \"%s\" must be named \"%s\"",
                    table.name(), VIEW_RULE);
        }
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                "converting table \"%s\" to a view with an ON SELECT rule is not supported; use CREATE VIEW",
                table.name());
    }

    private static void drop(CommandContext context, RuleCommand.Drop drop) {
        RelationInfo table = tableOrSkip(context, drop.table(), LockMode.ACCESS_EXCLUSIVE, drop.missingOk());
        if (table == null) {
            return;
        }
        RuleInfo rule = find(context, table, drop.name());
        if (rule == null) {
            if (drop.missingOk()) {
                notice(context, "rule \"%s\" for relation \"%s\" does not exist, skipping".formatted(drop.name(),
                        table.name()));
                return;
            }
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "rule \"%s\" for relation \"%s\" does not exist",
                    drop.name(), table.name());
        }
        context.catalog().dropRule(context.transaction(), rule);
    }

    private static void rename(CommandContext context, RuleCommand.Rename rename) {
        RelationInfo table = table(context, rename.table(), LockMode.ACCESS_EXCLUSIVE);
        if (rename.name().equals(VIEW_RULE)) {
            throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "renaming an ON SELECT rule is not allowed");
        }
        RuleInfo rule = find(context, table, rename.name());
        if (rule == null) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "rule \"%s\" for relation \"%s\" does not exist",
                    rename.name(), table.name());
        }
        if (find(context, table, rename.newName()) != null) {
            throw SqlException.of(SqlState.DUPLICATE_OBJECT, "rule \"%s\" for relation \"%s\" already exists",
                    rename.newName(), table.name());
        }
        context.catalog().storeRule(context.transaction(), rule.withName(rename.newName()));
    }

    private static void setEnabled(CommandContext context, RuleCommand.SetEnabled enable) {
        RelationInfo table = tableOrSkip(context, enable.table(), LockMode.SHARE_ROW_EXCLUSIVE, enable.ifExists());
        if (table == null) {
            return;
        }
        RuleInfo rule = find(context, table, enable.name());
        if (rule == null) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "rule \"%s\" for relation \"%s\" does not exist",
                    enable.name(), table.name());
        }
        if (rule.enabled() != enable.enabled()) {
            context.catalog().storeRule(context.transaction(), rule.withEnabled(enable.enabled()));
        }
    }
}
