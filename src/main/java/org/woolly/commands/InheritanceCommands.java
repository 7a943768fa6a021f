package org.woolly.commands;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.ColumnSpec;
import org.woolly.catalog.ConstraintInfo;
import org.woolly.catalog.RelationInfo;
import org.woolly.catalog.RelationLocks;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.parser.Parser;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * CREATE TABLE ... INHERITS: the columns a child gets from its parents merged with its own
 * ({@code MergeAttributes} in {@code tablecmds.c}), and once the child exists its pg_inherits
 * rows, the inheritance counts of its columns and the CHECK constraints it inherits
 * ({@code StoreCatalogInheritance}).
 */
final class InheritanceCommands {
    private InheritanceCommands() {
    }

    /** One column of the child: where it comes from and how often it is inherited. */
    private static final class MergedColumn {
        ColumnSpec spec;
        int inheritCount;
        boolean local;
        boolean conflictingDefaults;

        MergedColumn(ColumnSpec spec, int inheritCount, boolean local) {
            this.spec = spec;
            this.inheritCount = inheritCount;
            this.local = local;
        }
    }

    /** The parents (opened in ShareUpdateExclusiveLock) and the child's merged columns. */
    record Merged(List<RelationInfo> parents, List<ColumnSpec> columns, List<Integer> inheritCounts,
                  List<Boolean> local) {}

    /**
     * Merges the parents' columns, in parent order, with the child's own {@code columns}: a name
     * seen twice becomes one column (NOTICE), whose types must agree (42804); NOT NULL from any
     * side is kept; the child's own default wins over inherited ones.
     */
    static Merged merge(CommandContext context, String childName, List<QualifiedName> parentNames,
                        List<ColumnSpec> columns) {
        List<RelationInfo> parents = new ArrayList<>();
        for (QualifiedName name : parentNames) {
            Optional<RelationInfo> parent = context.catalog().openRelation(context.transaction(), name.schema(),
                    name.name(), LockMode.SHARE_UPDATE_EXCLUSIVE);
            if (parent.isEmpty()) {
                throw SqlException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", name.name());
            }
            if (parent.get().kind() != 'r' && parent.get().kind() != 'p') {
                throw SqlException.of(SqlState.WRONG_OBJECT_TYPE,
                        "inherited relation \"%s\" is not a table or foreign table", name.name());
            }
            for (RelationInfo earlier : parents) {
                if (earlier.oid() == parent.get().oid()) {
                    throw SqlException.of(SqlState.DUPLICATE_TABLE,
                            "relation \"%s\" would be inherited from more than once", name.name());
                }
            }
            parents.add(parent.get());
        }
        Map<String, MergedColumn> merged = new LinkedHashMap<>();
        for (RelationInfo parent : parents) {
            for (AttributeInfo attribute : parent.attributes()) {
                ColumnSpec inherited = new ColumnSpec(attribute.name(), attribute.typeOid(), attribute.typeModifier(),
                        attribute.notNull(), attribute.defaultExpression());
                MergedColumn existing = merged.get(attribute.name());
                if (existing == null) {
                    merged.put(attribute.name(), new MergedColumn(inherited, 1, false));
                    continue;
                }
                notice(context, "merging multiple inherited definitions of column \"%s\"".formatted(attribute.name()),
                        null);
                checkSameType(context, "inherited column \"%s\" has a type conflict", existing.spec, inherited);
                existing.inheritCount++;
                boolean conflict = !Objects.equals(existing.spec.defaultExpression(), inherited.defaultExpression());
                existing.conflictingDefaults |= conflict;
                existing.spec = new ColumnSpec(existing.spec.name(), existing.spec.typeOid(),
                        existing.spec.typeModifier(), existing.spec.notNull() || inherited.notNull(),
                        existing.spec.defaultExpression() != null ? existing.spec.defaultExpression()
                                : inherited.defaultExpression());
            }
        }
        List<String> inheritedNames = List.copyOf(merged.keySet());
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec column = columns.get(i);
            MergedColumn existing = merged.get(column.name());
            if (existing == null) {
                merged.put(column.name(), new MergedColumn(column, 0, true));
                continue;
            }
            if (inheritedNames.indexOf(column.name()) == i) {
                notice(context, "merging column \"%s\" with inherited definition".formatted(column.name()), null);
            } else {
                notice(context, "moving and merging column \"%s\" with inherited definition".formatted(column.name()),
                        "User-specified column moved to the position of the inherited column.");
            }
            checkSameType(context, "column \"%s\" has a type conflict", existing.spec, column);
            existing.local = true;
            if (column.defaultExpression() != null) {
                existing.conflictingDefaults = false;
            }
            existing.spec = new ColumnSpec(column.name(), column.typeOid(), column.typeModifier(),
                    existing.spec.notNull() || column.notNull(), column.defaultExpression() != null
                            ? column.defaultExpression() : existing.spec.defaultExpression());
        }
        List<ColumnSpec> specs = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        List<Boolean> local = new ArrayList<>();
        for (MergedColumn column : merged.values()) {
            if (column.conflictingDefaults) {
                throw SqlException.of(SqlState.INVALID_COLUMN_DEFINITION,
                        "column \"%s\" inherits conflicting default values", column.spec.name())
                        .withHint("To resolve the conflict, specify a default explicitly.");
            }
            specs.add(column.spec);
            counts.add(column.inheritCount);
            local.add(column.local);
        }
        return new Merged(List.copyOf(parents), List.copyOf(specs), List.copyOf(counts), List.copyOf(local));
    }

    /**
     * Links a new child to its parents: pg_inherits rows in parent order, the columns'
     * attinhcount and attislocal, and the parents' CHECK constraints copied to the child
     * (one constraint per name, counted once per parent that has it).
     */
    static RelationInfo link(CommandContext context, RelationInfo child, Merged merged) {
        for (int i = 0; i < merged.parents().size(); i++) {
            context.catalog().addInheritanceParent(context.transaction(), child.oid(), merged.parents().get(i).oid(),
                    i + 1);
        }
        for (int i = 0; i < merged.columns().size(); i++) {
            if (merged.inheritCounts().get(i) != 0) {
                context.catalog().setColumnInheritance(context.transaction(), child.oid(),
                        child.attributes().get(i).number(), merged.inheritCounts().get(i), merged.local().get(i));
            }
        }
        Map<String, Integer> checkCounts = new LinkedHashMap<>();
        Map<String, String> checkTexts = new LinkedHashMap<>();
        for (RelationInfo parent : merged.parents()) {
            for (ConstraintInfo constraint : parent.constraints()) {
                if (constraint.type() != ConstraintInfo.CHECK) {
                    continue;
                }
                String earlier = checkTexts.putIfAbsent(constraint.name(), constraint.checkExpression());
                if (earlier != null && !earlier.equals(constraint.checkExpression())) {
                    throw SqlException.of(SqlState.DUPLICATE_OBJECT,
                            "check constraint name \"%s\" appears multiple times but with different expressions",
                            constraint.name());
                }
                checkCounts.merge(constraint.name(), 1, Integer::sum);
            }
        }
        RelationInfo table = child;
        for (Map.Entry<String, String> check : checkTexts.entrySet()) {
            table = ConstraintCommands.addCheck(context, table, check.getKey(), Parser.parseExpression(check.getValue()));
            context.catalog().setConstraintInheritance(context.transaction(), table.oid(), check.getKey(),
                    checkCounts.get(check.getKey()), false);
        }
        return context.catalog().relationByOid(context.transaction(), table.oid());
    }

    /**
     * DROP TABLE of tables with inheritance children not themselves listed: 2BP01 naming each
     * child, or with CASCADE the children too (NOTICE {@code drop cascades to table c}), children
     * before their parents so each is dropped once ({@code findDependentObjects}).
     */
    static List<RelationInfo> withChildren(CommandContext context, List<RelationInfo> targets, boolean cascade) {
        Set<Integer> listed = new HashSet<>();
        for (RelationInfo target : targets) {
            listed.add(target.oid());
        }
        List<RelationInfo> result = new ArrayList<>();
        for (RelationInfo target : targets) {
            List<RelationInfo> dependents = new ArrayList<>();
            for (int oid : context.catalog().allInheritors(context.transaction(), target.oid())) {
                if (listed.add(oid)) {
                    dependents.add(context.catalog().relationByOid(context.transaction(), oid));
                }
            }
            if (target.kind() == 'p') {
                // partitions belong to their partitioned table: they go with it, without CASCADE or NOTICE
                for (RelationInfo dependent : dependents.reversed()) {
                    RelationLocks.lock(context.transaction(), dependent, LockMode.ACCESS_EXCLUSIVE);
                    result.add(dependent);
                }
                result.add(target);
                continue;
            }
            if (!dependents.isEmpty() && !cascade) {
                StringBuilder detail = new StringBuilder();
                for (RelationInfo dependent : dependents) {
                    detail.append(detail.isEmpty() ? "" : "\n").append("table %s depends on table %s".formatted(
                            dependent.name(), reachedThrough(context, dependent, target, dependents)));
                }
                throw SqlException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                                "cannot drop table %s because other objects depend on it", target.name())
                        .withDetail(detail.toString())
                        .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
            }
            if (!dependents.isEmpty()) {
                List<String> lines = dependents.stream().map(table -> "drop cascades to table " + table.name()).toList();
                String text = lines.size() == 1 ? lines.getFirst()
                        : "drop cascades to %d other objects".formatted(lines.size());
                context.notices().notice(new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION, text,
                        lines.size() == 1 ? null : String.join("\n", lines), null, 0, null));
                for (RelationInfo dependent : dependents.reversed()) {
                    RelationLocks.lock(context.transaction(), dependent, LockMode.ACCESS_EXCLUSIVE);
                    result.add(dependent);
                }
            }
            result.add(target);
        }
        return result;
    }

    /**
     * ALTER TABLE child [NO] INHERIT parent ({@code ATExecAddInherit}, {@code ATExecDropInherit}):
     * to inherit, the child must have each of the parent's columns with its type (and NOT NULL
     * where the parent has it) and each of its CHECK constraints; their inheritance counts go up.
     * Leaving a parent counts them down; a column or constraint no longer inherited becomes local.
     */
    static RelationInfo alterInherit(CommandContext context, RelationInfo child,
                                     org.woolly.nodes.parse.AlterTableAction.Inherit action) {
        QualifiedName name = action.parent();
        RelationInfo parent = context.catalog().openRelation(context.transaction(), name.schema(), name.name(),
                LockMode.SHARE_UPDATE_EXCLUSIVE).orElseThrow(() -> SqlException.of(SqlState.UNDEFINED_TABLE,
                "relation \"%s\" does not exist", name.name()));
        if (context.catalog().partitionBound(context.transaction(), child.oid()) != null) {
            throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "cannot change inheritance of a partition");
        }
        if (!action.remove()) {
            refusePartitionedParent(parent);
        }
        return changeParent(context, child, parent, action.remove());
    }

    /** 42809 for INHERITS or ALTER TABLE ... INHERIT naming a partitioned table. */
    static void refusePartitionedParent(RelationInfo parent) {
        if (parent.kind() == 'p') {
            throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "cannot inherit from partitioned table \"%s\"",
                    parent.name());
        }
    }

    /** Links {@code child} to {@code parent} or ({@code remove}) unlinks it, as ALTER TABLE [NO] INHERIT does. */
    static RelationInfo changeParent(CommandContext context, RelationInfo child, RelationInfo parent, boolean remove) {
        var catalog = context.catalog();
        var tx = context.transaction();
        if (remove) {
            if (!catalog.removeInheritanceParent(tx, child.oid(), parent.oid())) {
                throw SqlException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" is not a parent of relation \"%s\"",
                        parent.name(), child.name());
            }
            for (AttributeInfo column : parent.attributes()) {
                AttributeInfo own = child.attribute(column.name());
                int count = catalog.columnInheritCount(tx, child.oid(), own.number());
                catalog.setColumnInheritance(tx, child.oid(), own.number(), Math.max(0, count - 1),
                        count <= 1 || catalog.columnIsLocal(tx, child.oid(), own.number()));
            }
            for (ConstraintInfo constraint : parent.constraints()) {
                if (constraint.type() == ConstraintInfo.CHECK && child.constraint(constraint.name()) != null) {
                    int count = catalog.constraintInheritCount(tx, child.oid(), constraint.name());
                    catalog.setConstraintInheritance(tx, child.oid(), constraint.name(), Math.max(0, count - 1),
                            true);
                }
            }
            return catalog.relationByOid(tx, child.oid());
        }
        if (catalog.allInheritors(tx, child.oid()).contains(parent.oid())) {
            throw SqlException.of(SqlState.DUPLICATE_TABLE, "circular inheritance not allowed")
                    .withDetail("\"%s\" is already a child of \"%s\".".formatted(parent.name(), child.name()));
        }
        List<Integer> parents = catalog.inheritanceParents(tx, child.oid());
        if (parents.contains(parent.oid())) {
            throw SqlException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" would be inherited from more than once",
                    parent.name());
        }
        for (AttributeInfo column : parent.attributes()) {
            AttributeInfo own = child.attribute(column.name());
            if (own == null) {
                throw SqlException.of(SqlState.DATATYPE_MISMATCH, "child table is missing column \"%s\"",
                        column.name());
            }
            if (own.typeOid() != column.typeOid() || own.typeModifier() != column.typeModifier()) {
                throw SqlException.of(SqlState.DATATYPE_MISMATCH,
                        "child table \"%s\" has different type for column \"%s\"", child.name(), column.name());
            }
            if (column.notNull() && !own.notNull()) {
                throw SqlException.of(SqlState.DATATYPE_MISMATCH,
                        "column \"%s\" in child table must be marked NOT NULL", column.name());
            }
        }
        for (ConstraintInfo constraint : parent.constraints()) {
            if (constraint.type() == ConstraintInfo.CHECK && child.constraint(constraint.name()) == null) {
                throw SqlException.of(SqlState.DATATYPE_MISMATCH, "child table is missing constraint \"%s\"",
                        constraint.name());
            }
        }
        for (AttributeInfo column : parent.attributes()) {
            AttributeInfo own = child.attribute(column.name());
            catalog.setColumnInheritance(tx, child.oid(), own.number(),
                    catalog.columnInheritCount(tx, child.oid(), own.number()) + 1,
                    catalog.columnIsLocal(tx, child.oid(), own.number()));
        }
        for (ConstraintInfo constraint : parent.constraints()) {
            if (constraint.type() == ConstraintInfo.CHECK) {
                catalog.setConstraintInheritance(tx, child.oid(), constraint.name(),
                        catalog.constraintInheritCount(tx, child.oid(), constraint.name()) + 1, true);
            }
        }
        catalog.addInheritanceParent(tx, child.oid(), parent.oid(), parents.size() + 1);
        return catalog.relationByOid(tx, child.oid());
    }

    /** The parent a dependent is reported under: its last parent (inhseqno order) that is dropped too. */
    private static String reachedThrough(CommandContext context, RelationInfo dependent, RelationInfo target,
                                         List<RelationInfo> dependents) {
        String name = target.name();
        for (int parent : context.catalog().inheritanceParents(context.transaction(), dependent.oid())) {
            if (parent == target.oid()) {
                name = target.name();
            }
            for (RelationInfo other : dependents) {
                if (other.oid() == parent) {
                    name = other.name();
                }
            }
        }
        return name;
    }

    private static void checkSameType(CommandContext context, String message, ColumnSpec existing, ColumnSpec other) {
        if (existing.typeOid() != other.typeOid() || existing.typeModifier() != other.typeModifier()) {
            throw SqlException.of(SqlState.DATATYPE_MISMATCH, message, existing.name())
                    .withDetail("%s versus %s".formatted(
                            context.types().formatType(existing.typeOid(), existing.typeModifier()),
                            context.types().formatType(other.typeOid(), other.typeModifier())));
        }
    }

    private static void notice(CommandContext context, String message, String detail) {
        context.notices().notice(new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION, message, detail,
                null, 0, null));
    }
}
