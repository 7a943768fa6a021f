package org.woolly.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.woolly.access.sequence.SequenceAccess;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.RelationDependency;
import org.woolly.catalog.RelationInfo;
import org.woolly.catalog.SequenceDefinition;
import org.woolly.nodes.parse.DefElem;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.Statement;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * CREATE SEQUENCE, ALTER SEQUENCE and DROP SEQUENCE ({@code DefineSequence}, {@code AlterSequence}
 * and {@code process_owned_by} in {@code sequence.c}; the dependency checks of DROP as
 * {@code dependency.c} makes them for a sequence's column defaults and owners).
 */
public final class SequenceCommands {
    /** Separates the parts of a dotted name in an option value (see the parser's SequenceParser). */
    private static final String NAME_SEPARATOR = "\0";

    private SequenceCommands() {}

    public static String create(CommandContext context, SequenceAccess storage, Statement.CreateSequence create) {
        // PostgreSQL reports a temporary sequence in a permanent schema with no position
        QualifiedName name = create.temporary() ? TableCommands.temporaryName(
                new QualifiedName(create.name().schema(), create.name().name(), -1)) : create.name();
        if (context.catalog().lookupRelation(context.transaction(), name.schema(), name.name()).isPresent()
                && create.ifNotExists()) {
            context.notices().notice(new SqlException(Severity.NOTICE, SqlState.DUPLICATE_TABLE,
                    "relation \"%s\" already exists, skipping".formatted(name.name()), null, null, 0, null));
            return "CREATE SEQUENCE";
        }
        SequenceOptions options = new SequenceOptions(create.options());
        SequenceOptions.Applied applied = options.apply(null, 0, asType(context, options), false);
        RelationInfo sequence = createWithDefinition(context, storage, name.schema(), name.name(), applied);
        DefElem ownedBy = options.get("owned_by");
        if (ownedBy != null) {
            ownedBy(context, sequence, ownedBy);
        }
        return "CREATE SEQUENCE";
    }

    /** Creates the sequence's catalog rows and writes its page. */
    static RelationInfo createWithDefinition(CommandContext context, SequenceAccess storage, String schema,
                                             String name, SequenceOptions.Applied applied) {
        RelationInfo sequence = context.catalog().createSequence(context.transaction(), schema, name,
                applied.definition(), 'p');
        storage.initialize(sequence.locator(), applied.lastValue(), false);
        return sequence;
    }

    /** The OID of the AS type, or 0 when none is given. */
    static int asType(CommandContext context, SequenceOptions options) {
        DefElem as = options.get("as");
        if (as == null) {
            return 0;
        }
        String[] parts = as.value().split(NAME_SEPARATOR);
        try {
            return context.catalog().lookupTypeOid(context.transaction(), parts.length > 1 ? parts[0] : null,
                    parts[parts.length - 1]);
        } catch (SqlException error) {
            throw TableCommands.at(error, as.location());
        }
    }

    public static String alter(CommandContext context, SequenceAccess storage, Statement.AlterSequence alter) {
        QualifiedName name = alter.name();
        Optional<RelationInfo> found = TableCommands.openForAlter(context, name, alter.ifExists());
        if (found.isEmpty()) {
            return "ALTER SEQUENCE";
        }
        RelationInfo sequence = requireSequence(found.get(), name.location());
        if (alter.newName() != null) {
            context.catalog().renameSequence(context.transaction(), sequence, alter.newName());
            return "ALTER SEQUENCE";
        }
        SequenceOptions options = new SequenceOptions(alter.options());
        alterOptions(context, storage, sequence, options, false);
        DefElem ownedBy = options.get("owned_by");
        if (ownedBy != null) {
            ownedBy(context, sequence, ownedBy);
        }
        return "ALTER SEQUENCE";
    }

    /** Applies options to an existing sequence: its pg_sequence row, and its page when restarted. */
    static void alterOptions(CommandContext context, SequenceAccess storage, RelationInfo sequence,
                             SequenceOptions options, boolean identity) {
        SequenceDefinition old = context.catalog().sequenceDefinition(context.transaction(), sequence.oid())
                .orElseThrow(() -> SqlException.of(SqlState.INTERNAL_ERROR, "cache lookup failed for sequence %s",
                        Integer.toUnsignedString(sequence.oid())));
        SequenceAccess.State state = storage.read(sequence.locator());
        SequenceOptions.Applied applied = options.apply(old, state.lastValue(), asType(context, options), identity);
        context.catalog().alterSequence(context.transaction(), sequence, applied.definition());
        if (applied.restart()) {
            storage.setValue(sequence.locator(), applied.lastValue(), false);
        } else if (applied.changed()) {
            // log_cnt = 0: the next nextval logs ahead with the new parameters
            storage.setValue(sequence.locator(), state.lastValue(), state.isCalled());
        }
    }

    static RelationInfo requireSequence(RelationInfo relation, int location) {
        if (relation.kind() != 'S') {
            throw TableCommands.at(SqlException.of(SqlState.WRONG_OBJECT_TYPE, "\"%s\" is not a sequence",
                    relation.name()), location);
        }
        return relation;
    }

    /** {@code process_owned_by}: OWNED BY table.column, or NONE. */
    private static void ownedBy(CommandContext context, RelationInfo sequence, DefElem option) {
        for (RelationDependency dependency : context.catalog().dependencies(context.transaction(), sequence.oid(),
                false)) {
            if (dependency.type() == 'i') {
                RelationInfo table = context.catalog().relationByOid(context.transaction(), dependency.referencedOid());
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "cannot change ownership of identity sequence")
                        .withDetail("Sequence \"%s\" is linked to table \"%s\".".formatted(sequence.name(),
                                table.name()));
            }
        }
        List<String> parts = List.of(option.value().split(NAME_SEPARATOR));
        if (parts.size() == 1) {
            if (!parts.getFirst().equals("none")) {
                throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid OWNED BY option")
                        .withHint("Specify OWNED BY table.column or OWNED BY NONE.");
            }
            context.catalog().removeSequenceOwnership(context.transaction(), sequence.oid());
            return;
        }
        String column = parts.getLast();
        String table = parts.get(parts.size() - 2);
        String schema = parts.size() > 2 ? parts.get(parts.size() - 3) : null;
        RelationInfo owner = context.catalog().openRelation(context.transaction(), schema, table,
                LockMode.ACCESS_SHARE).orElseThrow(() -> SqlException.of(SqlState.UNDEFINED_TABLE,
                        "relation \"%s\" does not exist", schema == null ? table : schema + "." + table));
        if (owner.kind() != 'r' && owner.kind() != 'v' && owner.kind() != 'p' && owner.kind() != 'f') {
            throw SqlException.of(SqlState.WRONG_OBJECT_TYPE,
                    "sequence cannot be owned by relation \"%s\"", owner.name())
                    .withDetail("This operation is not supported for %s.".formatted(kindPlural(owner.kind())));
        }
        if (owner.namespaceOid() != sequence.namespaceOid()) {
            throw new SqlException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "sequence must be in same schema as table it is linked to");
        }
        AttributeInfo attribute = owner.attribute(column);
        if (attribute == null) {
            throw SqlException.of(SqlState.UNDEFINED_COLUMN, "column \"%s\" of relation \"%s\" does not exist", column,
                    owner.name());
        }
        own(context, sequence, owner, attribute, 'a');
    }

    /** Makes {@code sequence} owned by a column ('a': OWNED BY and serial; 'i': identity). */
    static void own(CommandContext context, RelationInfo sequence, RelationInfo table, AttributeInfo column, char type) {
        context.catalog().removeSequenceOwnership(context.transaction(), sequence.oid());
        context.catalog().addDependency(context.transaction(),
                new RelationDependency(sequence.oid(), 0, table.oid(), column.number(), type));
    }

    private static String kindPlural(char kind) {
        return switch (kind) {
            case 'S' -> "sequences";
            case 'i' -> "indexes";
            default -> "this relation";
        };
    }

    /**
     * TRUNCATE ... RESTART IDENTITY: the sequences owned by the tables' columns start again
     * ({@code ExecuteTruncateGuts}). PostgreSQL gives each a new relfilenode, undone by a
     * rollback; here the page is rewritten in place and a rollback keeps the restart.
     */
    public static void restartOwnedSequences(CommandContext context, SequenceAccess storage,
                                             List<RelationInfo> tables) {
        for (RelationInfo table : tables) {
            for (RelationDependency dependency : context.catalog().dependencies(context.transaction(),
                    table.oid(), true)) {
                if (dependency.type() == 'a' || dependency.type() == 'i') {
                    RelationInfo sequence = context.catalog().relationByOid(context.transaction(),
                            dependency.objectOid());
                    SequenceOptions restart = new SequenceOptions(List.of(new DefElem("restart", null, -1)));
                    alterOptions(context, storage, sequence, restart, false);
                }
            }
        }
    }

    /** DROP SEQUENCE [IF EXISTS] name, ... [CASCADE | RESTRICT]. */
    public static String drop(CommandContext context, Statement.Drop drop) {
        List<RelationInfo> targets = new ArrayList<>();
        for (QualifiedName name : drop.names()) {
            ViewCommands.openForDrop(context, drop, name, 'S', "sequence").ifPresent(targets::add);
        }
        for (RelationInfo sequence : targets) {
            dropDependentDefaults(context, sequence, drop.cascade());
            context.catalog().dropRelation(context.transaction(), sequence);
        }
        return "DROP SEQUENCE";
    }

    /**
     * The objects that depend on a sequence: an identity column requires it (2BP01 always); a
     * column default that calls nextval on it blocks the drop unless CASCADE, which removes it.
     */
    private static void dropDependentDefaults(CommandContext context, RelationInfo sequence, boolean cascade) {
        List<String> defaults = new ArrayList<>();
        List<RelationDependency> defaultDependencies = new ArrayList<>();
        for (RelationDependency dependency : context.catalog().dependencies(context.transaction(), sequence.oid(),
                false)) {
            if (dependency.type() == 'i') {
                RelationInfo table = context.catalog().relationByOid(context.transaction(), dependency.referencedOid());
                String column = columnName(table, dependency.referencedColumn());
                throw SqlException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                                "cannot drop sequence %s because column %s of table %s requires it", sequence.name(),
                                column, table.name())
                        .withHint("You can drop column %s of table %s instead.".formatted(column, table.name()));
            }
        }
        for (RelationDependency dependency : context.catalog().dependencies(context.transaction(), sequence.oid(),
                true)) {
            if (dependency.type() == 'n') {
                RelationInfo table = context.catalog().relationByOid(context.transaction(), dependency.objectOid());
                defaults.add("default value for column %s of table %s".formatted(
                        columnName(table, dependency.objectColumn()), table.name()));
                defaultDependencies.add(dependency);
            }
        }
        if (defaults.isEmpty()) {
            return;
        }
        if (!cascade) {
            throw SqlException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                            "cannot drop sequence %s because other objects depend on it", sequence.name())
                    .withDetail(defaults.stream().map(text -> text + " depends on sequence " + sequence.name())
                            .reduce((a, b) -> a + "\n" + b).orElseThrow())
                    .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
        }
        context.notices().notice(defaults.size() == 1
                ? new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                        "drop cascades to " + defaults.getFirst(), null, null, 0, null)
                : new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                        "drop cascades to %d other objects".formatted(defaults.size()),
                        defaults.stream().map(text -> "drop cascades to " + text).reduce((a, b) -> a + "\n" + b)
                                .orElseThrow(), null, 0, null));
        for (RelationDependency dependency : defaultDependencies) {
            context.catalog().dropColumnDefault(context.transaction(), dependency.objectOid(), dependency.objectColumn());
        }
    }

    private static String columnName(RelationInfo table, int number) {
        for (AttributeInfo attribute : table.attributes()) {
            if (attribute.number() == number) {
                return attribute.name();
            }
        }
        return Integer.toString(number);
    }
}
