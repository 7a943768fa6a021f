package org.woolly.commands;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.woolly.analyzer.ViewDefinitionText;
import org.woolly.analyzer.ViewQualifier;
import org.woolly.catalog.ColumnSpec;
import org.woolly.catalog.RelationInfo;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.Statement;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * CREATE [OR REPLACE] VIEW and DROP VIEW ({@code view.c}, {@code dropcmds.c}), and what
 * dropping a relation does to the views that read it ({@code findDependentObjects} of
 * {@code dependency.c}: 2BP01 without CASCADE, the views dropped with it otherwise).
 */
public final class ViewCommands {
    private ViewCommands() {}

    /** A temporary view's name in pg_temp; 42P16 (without a position, as DefineView) in another schema. */
    private static QualifiedName temporaryName(QualifiedName name) {
        QualifiedName temporary = TableCommands.temporaryName(new QualifiedName(name.schema(), name.name(), -1));
        return new QualifiedName(temporary.schema(), temporary.name(), name.location());
    }

    /**
     * {@code queryColumns}: the analyzed query's output columns (an unknown-typed literal already
     * text, as PostgreSQL 15 resolves it in a view).
     */
    public static String createView(CommandContext context, Statement.CreateView create, List<ColumnSpec> queryColumns) {
        if (create.columnNames().size() > queryColumns.size()) {
            throw SqlException.of(SqlState.SYNTAX_ERROR, "CREATE VIEW specifies more column names than columns");
        }
        List<ColumnSpec> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < queryColumns.size(); i++) {
            ColumnSpec column = queryColumns.get(i);
            String columnName = i < create.columnNames().size() ? create.columnNames().get(i) : column.name();
            if (!seen.add(columnName)) {
                throw SqlException.of(SqlState.DUPLICATE_COLUMN, "column \"%s\" specified more than once", columnName);
            }
            columns.add(new ColumnSpec(columnName, column.typeOid(), column.typeModifier(), false, null));
        }
        ViewQualifier.Result stored = ViewQualifier.qualify(context.catalog(), context.transaction(), create.query(),
                columns.stream().map(ColumnSpec::name).toList());
        String text = ViewDefinitionText.of(stored.query(), false, relation -> true,
                ViewDefinitionText.storedTypeText(context.catalog(), context.transaction(), context.types()));
        QualifiedName name = create.name();
        if (create.temporary()) {
            name = temporaryName(name);
        } else if (stored.references().stream().anyMatch(reference -> context.catalog().relationByOid(context.transaction(), reference.relationOid())
                        .isTemporary())) {
            // a view over a temporary table goes with it (DefineView's isQueryUsingTempRelation)
            context.notices().notice(new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                    "view \"%s\" will be a temporary view".formatted(name.name()), null, null, 0, null));
            name = temporaryName(name);
        }
        List<int[]> references = stored.references().stream()
                .map(reference -> new int[] {reference.relationOid(), reference.column()}).toList();
        Optional<RelationInfo> existing = create.replace()
                ? context.catalog().openRelation(context.transaction(), name.schema(), name.name(),
                        LockMode.ACCESS_EXCLUSIVE)
                : Optional.empty();
        RelationInfo view;
        if (existing.isPresent()) {
            view = existing.get();
            if (view.kind() != 'v') {
                throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "\"%s\" is not a view", view.name());
            }
            Privileges.checkOwner(context, context.catalog().relationOwner(context.transaction(), view), "view",
                    view.name());
            checkReplacement(context, view, columns);
            view = context.catalog().replaceView(context.transaction(), view, columns, text, references);
        } else {
            try {
                view = context.catalog().createView(context.transaction(), name.schema(), name.name(), columns, text,
                        references);
            } catch (SqlException error) {
                throw error.sqlState() == SqlState.INVALID_SCHEMA_NAME ? TableCommands.at(error, name.location())
                        : error;
            }
        }
        if (create.checkOption() != null) {
            context.catalog().setRelationOptions(context.transaction(), view, view.oid(),
                    List.of("check_option=" + create.checkOption()));
        }
        return "CREATE VIEW";
    }

    /** {@code checkViewTupleDesc}: the old columns stay, with their names and types; new ones may follow. */
    private static void checkReplacement(CommandContext context, RelationInfo view, List<ColumnSpec> columns) {
        var old = view.attributes().stream().filter(attribute -> attribute.number() > 0).toList();
        if (columns.size() < old.size()) {
            throw SqlException.of(SqlState.INVALID_TABLE_DEFINITION, "cannot drop columns from view");
        }
        for (int i = 0; i < old.size(); i++) {
            var before = old.get(i);
            ColumnSpec after = columns.get(i);
            if (!before.name().equals(after.name())) {
                throw SqlException.of(SqlState.INVALID_TABLE_DEFINITION,
                                "cannot change name of view column \"%s\" to \"%s\"", before.name(), after.name())
                        .withHint("Use ALTER VIEW ... RENAME COLUMN ... to change name of view column instead.");
            }
            if (before.typeOid() != after.typeOid() || before.typeModifier() != after.typeModifier()) {
                throw SqlException.of(SqlState.INVALID_TABLE_DEFINITION,
                        "cannot change data type of view column \"%s\" from %s to %s", before.name(),
                        context.types().formatType(before.typeOid(), before.typeModifier()),
                        context.types().formatType(after.typeOid(), after.typeModifier()));
            }
        }
    }

    /**
     * A relation DROP VIEW or DROP SEQUENCE names, locked for the drop: empty (with PostgreSQL's
     * "does not exist, skipping" NOTICE) when it is missing and IF EXISTS was given, 42P01 when
     * missing otherwise, 42809 when it is of another kind.
     */
    static Optional<RelationInfo> openForDrop(CommandContext context, Statement.Drop drop, QualifiedName name,
                                              char kind, String word) {
        Optional<RelationInfo> relation = context.catalog().openRelation(context.transaction(), name.schema(),
                name.name(), LockMode.ACCESS_EXCLUSIVE);
        if (relation.isEmpty()) {
            if (drop.ifExists()) {
                context.notices().notice(new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                        "%s \"%s\" does not exist, skipping".formatted(word, name.name()), null, null, 0, null));
                return Optional.empty();
            }
            throw SqlException.of(SqlState.UNDEFINED_TABLE, "%s \"%s\" does not exist", word, name.name());
        }
        if (relation.get().kind() != kind) {
            throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "\"%s\" is not a %s", name.name(), word)
                    .withHint(relation.get().kind() == 'r' ? "Use DROP TABLE to remove a table." : null);
        }
        return relation;
    }

    /** DROP VIEW [IF EXISTS] name, ... [CASCADE | RESTRICT]. */
    public static String drop(CommandContext context, Statement.Drop drop) {
        List<RelationInfo> targets = new ArrayList<>();
        for (QualifiedName name : drop.names()) {
            Optional<RelationInfo> relation = openForDrop(context, drop, name, 'v', "view");
            if (relation.isEmpty()) {
                continue;
            }
            Privileges.checkOwner(context, context.catalog().relationOwner(context.transaction(), relation.get()),
                    "view", name.name());
            targets.add(relation.get());
        }
        for (RelationInfo view : targets) {
            dropDependentViews(context, view, 0, drop.cascade(), targets);
        }
        for (RelationInfo view : targets) {
            context.catalog().dropRelation(context.transaction(), view);
        }
        return "DROP VIEW";
    }

    /**
     * Before {@code relation} (or its column {@code column}, when not 0) goes: the views reading
     * it, and the views reading those. Without {@code cascade} 2BP01 lists them; with it a NOTICE
     * does, and they are dropped, the last-built first. Relations in {@code alsoDropped} (the
     * statement's other targets) are not dependents to report.
     */
    public static void dropDependentViews(CommandContext context, RelationInfo relation, int column, boolean cascade,
                                          List<RelationInfo> alsoDropped) {
        Set<Integer> skip = new HashSet<>();
        alsoDropped.forEach(target -> skip.add(target.oid()));
        List<RelationInfo> dependents = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        collect(context, relation, column, skip, dependents, reasons);
        if (dependents.isEmpty()) {
            return;
        }
        String what = column == 0 ? kindWord(relation) + " " + relation.name()
                : "column %s of %s %s".formatted(relation.attributeByNumber(column).name(), kindWord(relation),
                        relation.name());
        if (!cascade) {
            throw SqlException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                            "cannot drop %s because other objects depend on it", what)
                    .withDetail(String.join("\n", reasons))
                    .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
        }
        List<String> dropped = dependents.stream().map(view -> "drop cascades to view " + view.name()).toList();
        context.notices().notice(new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                dependents.size() == 1 ? dropped.getFirst()
                        : "drop cascades to %d other objects".formatted(dependents.size()),
                dependents.size() == 1 ? null : String.join("\n", dropped), null, 0, null));
        for (RelationInfo view : dependents.reversed()) {
            context.catalog().dropRelation(context.transaction(), view);
        }
    }

    /**
     * Before {@code relation} (or its column {@code column}, when not 0) is renamed to
     * {@code newName}: the views that read it get their stored query rewritten with the new
     * name, as PostgreSQL's views, which hold OIDs and column numbers, keep working.
     */
    public static void renameInViews(CommandContext context, RelationInfo relation, int column, String newName) {
        for (int viewOid : context.catalog().dependentViews(context.transaction(), relation.oid(), column)) {
            RelationInfo view = context.catalog().relationByOid(context.transaction(), viewOid);
            String stored = context.catalog().viewQuery(context.transaction(), viewOid).orElseThrow();
            if (!(org.woolly.parser.Parser.parse(stored).getFirst().statement() instanceof Statement.Select select)) {
                continue;
            }
            List<ColumnSpec> columns = view.attributes().stream().filter(attribute -> attribute.number() > 0)
                    .map(attribute -> new ColumnSpec(attribute.name(), attribute.typeOid(), attribute.typeModifier(),
                            false, null)).toList();
            ViewQualifier.Result renamed = ViewQualifier.qualify(context.catalog(), context.transaction(),
                    select.query(), columns.stream().map(ColumnSpec::name).toList(),
                    new ViewQualifier.Rename(relation.oid(), column, newName));
            String text = ViewDefinitionText.of(renamed.query(), false, name -> true,
                    ViewDefinitionText.storedTypeText(context.catalog(), context.transaction(), context.types()));
            context.catalog().replaceView(context.transaction(), view, columns, text, renamed.references().stream()
                    .map(reference -> new int[] {reference.relationOid(), reference.column()}).toList());
        }
    }

    /** ALTER COLUMN TYPE of a column a view reads ({@code ATExecAlterColumnType}): 0A000, as PostgreSQL 15. */
    static void refuseTypeChange(CommandContext context, RelationInfo relation, int column, String columnName) {
        List<Integer> views = context.catalog().dependentViews(context.transaction(), relation.oid(), column);
        if (!views.isEmpty()) {
            RelationInfo view = context.catalog().relationByOid(context.transaction(), views.getFirst());
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                            "cannot alter type of a column used by a view or rule")
                    .withDetail("rule _RETURN on view %s depends on column \"%s\"".formatted(view.name(), columnName));
        }
    }

    private static void collect(CommandContext context, RelationInfo relation, int column, Set<Integer> skip,
                                List<RelationInfo> dependents, List<String> reasons) {
        for (int viewOid : context.catalog().dependentViews(context.transaction(), relation.oid(), column)) {
            if (skip.contains(viewOid)) {
                continue;
            }
            skip.add(viewOid);
            RelationInfo view = context.catalog().relationByOid(context.transaction(), viewOid);
            dependents.add(view);
            reasons.add("view %s depends on %s".formatted(view.name(), column == 0
                    ? kindWord(relation) + " " + relation.name()
                    : "column %s of %s %s".formatted(relation.attributeByNumber(column).name(), kindWord(relation),
                            relation.name())));
            collect(context, view, 0, skip, dependents, reasons);
        }
    }

    private static String kindWord(RelationInfo relation) {
        return relation.kind() == 'v' ? "view" : "table";
    }
}
