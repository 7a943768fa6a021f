package org.woolly.commands;

import java.util.ArrayList;
import java.util.List;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.ConstraintInfo;
import org.woolly.catalog.IndexInfo;
import org.woolly.catalog.IndexSpec;
import org.woolly.catalog.ObjectNames;
import org.woolly.catalog.PartitionKey;
import org.woolly.catalog.RelationInfo;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Indexes of partitioned tables ({@code DefineIndex}'s recursion in {@code indexcmds.c},
 * {@code AttachPartitionEnsureIndexes}, {@code ATExecAttachPartitionIdx} and
 * {@code DetachPartitionFinalize} in {@code tablecmds.c}). An index on a partitioned table is a
 * partitioned index (relkind 'I', no file); each partition has an index of its own linked to it by
 * a {@code pg_inherits} row (inhrelid the partition's index, inhparent the parent index), an
 * existing matching one when there is one ({@code CompareIndexInfo}), else one made with the name
 * PostgreSQL chooses ({@code p1_a_idx}, {@code p1_pkey}). A PRIMARY KEY or UNIQUE constraint is
 * there at each level too, the partition's with {@code conparentid} naming the parent's.
 * Uniqueness is enforced by each leaf's index, so the key must hold every partition key column.
 */
final class PartitionedIndexes {
    private PartitionedIndexes() {}

    /** The constraint an index is made for: PRIMARY KEY or UNIQUE with its timing, or null for a plain index. */
    record Key(char type, boolean deferrable, boolean deferred) {}

    /**
     * Creates {@code spec} on {@code table} (a partitioned table or a partition) under the parent
     * index {@code parentIndexOid} and parent constraint {@code parentConstraintOid} (0: none), with
     * its constraint when {@code key} is given; on a partitioned table also an index on each
     * partition unless {@code only}. Returns the index as it is at the end.
     */
    static IndexInfo define(CommandContext context, RelationInfo table, IndexSpec spec, boolean only, Key key,
                            int parentIndexOid, int parentConstraintOid) {
        if (table.kind() == 'p' && spec.unique()) {
            checkKeyCovered(context, table, spec, key);
        }
        if (key != null && key.type() == ConstraintInfo.PRIMARY_KEY) {
            for (ConstraintInfo existing : table.constraints()) {
                if (existing.type() == ConstraintInfo.PRIMARY_KEY) {
                    throw SqlException.of(SqlState.INVALID_TABLE_DEFINITION,
                            "multiple primary keys for table \"%s\" are not allowed", table.name());
                }
            }
            table = setKeyNotNull(context, table, spec);
        }
        IndexInfo index = context.catalog().createIndex(context.transaction(), table, spec);
        if (table.kind() != 'p') {
            IndexCommands.build(context, table, index);
        }
        int constraintOid = 0;
        if (key != null) {
            RelationInfo now = context.catalog().relationByOid(context.transaction(), table.oid());
            constraintOid = context.catalog().allocateOid();
            context.catalog().addConstraint(context.transaction(), now, new ConstraintInfo(constraintOid, spec.name(),
                    table.namespaceOid(), key.type(), List.copyOf(spec.columns().subList(0, spec.keyColumnCount())),
                    index.oid(), null, key.deferrable(), key.deferred(), true));
            if (parentConstraintOid != 0) {
                context.catalog().setConstraintParent(context.transaction(), table.oid(), constraintOid,
                        parentConstraintOid, true);
            }
        }
        if (parentIndexOid != 0) {
            context.catalog().addInheritanceParent(context.transaction(), index.oid(), parentIndexOid, 1);
        }
        if (table.kind() == 'p') {
            List<Integer> partitions = context.catalog().inheritanceChildren(context.transaction(), table.oid());
            boolean valid = partitions.isEmpty() || !only;
            if (!only) {
                for (int partitionOid : partitions) {
                    RelationInfo partition = context.catalog().relationByOid(context.transaction(), partitionOid);
                    valid &= ensureIndex(context, table, index, constraintOid, key, partition);
                }
            }
            if (!valid) {
                context.catalog().setIndexValid(context.transaction(), table.oid(), index.oid(), false);
            }
        }
        return context.catalog().relationByOid(context.transaction(), table.oid()).index(index.oid());
    }

    /**
     * Gives a new or attached partition an index for each index of its partitioned table: an
     * existing matching one is attached, else one is made ({@code AttachPartitionEnsureIndexes},
     * {@code DefineRelation}'s cloning). Returns the partition as it is now.
     */
    static RelationInfo cloneInto(CommandContext context, RelationInfo parent, RelationInfo partition) {
        parent = context.catalog().relationByOid(context.transaction(), parent.oid());
        for (IndexInfo index : parent.indexes()) {
            ConstraintInfo constraint = IndexCommands.constraintOf(parent, index);
            Key key = constraint == null ? null
                    : new Key(constraint.type(), constraint.deferrable(), constraint.deferred());
            partition = context.catalog().relationByOid(context.transaction(), partition.oid());
            boolean valid = ensureIndex(context, parent, index, constraint == null ? 0 : constraint.oid(), key,
                    partition);
            if (!valid && index.valid()) {
                context.catalog().setIndexValid(context.transaction(), parent.oid(), index.oid(), false);
            }
        }
        return context.catalog().relationByOid(context.transaction(), partition.oid());
    }

    /** ALTER TABLE ... DETACH PARTITION: the partition's indexes and constraints leave their parents. */
    static void detach(CommandContext context, RelationInfo parent, RelationInfo partition) {
        for (IndexInfo index : partition.indexes()) {
            for (int parentIndex : context.catalog().inheritanceParents(context.transaction(), index.oid())) {
                if (parent.index(parentIndex) == null) {
                    continue;
                }
                context.catalog().removeInheritanceParent(context.transaction(), index.oid(), parentIndex);
                ConstraintInfo constraint = IndexCommands.constraintOf(partition, index);
                if (constraint != null) {
                    context.catalog().setConstraintParent(context.transaction(), partition.oid(), constraint.oid(), 0,
                            false);
                }
            }
        }
    }

    /**
     * Makes sure {@code partition} has an index attached to {@code parentIndex}: attaches a
     * matching unattached one (with its constraint when the parent's index has one), else creates
     * it. Returns whether that index is valid.
     */
    private static boolean ensureIndex(CommandContext context, RelationInfo parent, IndexInfo parentIndex,
                                       int parentConstraintOid, Key key, RelationInfo partition) {
        IndexSpec wanted = translate(context, parent, parentIndex, partition, null);
        for (IndexInfo candidate : partition.indexes()) {
            if (!matches(candidate, wanted, parentIndex)
                    || !context.catalog().inheritanceParents(context.transaction(), candidate.oid()).isEmpty()) {
                continue;
            }
            ConstraintInfo constraint = IndexCommands.constraintOf(partition, candidate);
            if (key != null && constraint == null) {
                continue;
            }
            context.catalog().addInheritanceParent(context.transaction(), candidate.oid(), parentIndex.oid(), 1);
            if (key != null) {
                context.catalog().setConstraintParent(context.transaction(), partition.oid(), constraint.oid(),
                        parentConstraintOid, false);
            }
            return candidate.valid();
        }
        List<String> columnNames = new ArrayList<>();
        RelationInfo parentIndexRelation = context.catalog().relationByOid(context.transaction(), parentIndex.oid());
        for (int i = 0; i < parentIndex.columns().size(); i++) {
            columnNames.add(parentIndexRelation.attributes().get(i).name());
        }
        String name = ObjectNames.indexName(partition.name(), columnNames, parentIndex.primary(), key != null,
                candidate -> context.catalog().relationNameExists(context.transaction(), partition.namespaceOid(),
                        candidate) || key != null && context.catalog().constraintNameExists(context.transaction(),
                        partition.namespaceOid(), candidate));
        IndexSpec spec = translate(context, parent, parentIndex, partition, name);
        return define(context, partition, spec, false, key, parentIndex.oid(), parentConstraintOid).valid();
    }

    /**
     * The parent's index as an index of {@code partition}: the same columns found by name (their
     * numbers may differ), expressions and predicate (stored as SQL text over column names).
     */
    private static IndexSpec translate(CommandContext context, RelationInfo parent, IndexInfo index,
                                       RelationInfo partition, String name) {
        RelationInfo indexRelation = context.catalog().relationByOid(context.transaction(), index.oid());
        List<Short> columns = new ArrayList<>();
        List<IndexSpec.Expression> expressions = new ArrayList<>();
        List<String> texts = index.expressionTexts();
        int expression = 0;
        for (int i = 0; i < index.columns().size(); i++) {
            short column = index.columns().get(i);
            if (column == 0) {
                AttributeInfo stored = indexRelation.attributes().get(i);
                expressions.add(new IndexSpec.Expression(texts.get(expression++), stored.typeOid(),
                        stored.typeModifier(), stored.name()));
                columns.add((short) 0);
            } else {
                columns.add(partition.attribute(parent.attributeByNumber(column).name()).number());
            }
        }
        return new IndexSpec(name, columns, index.keyColumnCount(), index.descending(), index.nullsFirst(),
                index.unique(), index.primary(), index.nullsNotDistinct(), List.copyOf(expressions), index.predicate(),
                index.immediate());
    }

    /**
     * {@code CompareIndexInfo}: the same columns, expressions, predicate, operator classes and
     * uniqueness; like PostgreSQL 15 it does not compare DESC and NULLS FIRST.
     */
    private static boolean matches(IndexInfo candidate, IndexSpec wanted, IndexInfo parentIndex) {
        return candidate.columns().equals(wanted.columns()) && candidate.keyColumnCount() == wanted.keyColumnCount()
                && candidate.unique() == wanted.unique() && candidate.nullsNotDistinct() == wanted.nullsNotDistinct()
                && candidate.operatorClasses().equals(parentIndex.operatorClasses())
                && java.util.Objects.equals(candidate.expressions(), parentIndex.expressions())
                && java.util.Objects.equals(candidate.predicate(), parentIndex.predicate());
    }

    /**
     * A unique index on a partitioned table is enforced by each partition's own index, so it must
     * hold every column of the partition key ({@code DefineIndex}): 0A000 otherwise.
     */
    private static void checkKeyCovered(CommandContext context, RelationInfo table, IndexSpec spec, Key key) {
        PartitionKey partitionKey = context.catalog().partitionKey(context.transaction(), table.oid()).orElse(null);
        if (partitionKey == null) {
            return;
        }
        String constraintType = key != null && key.type() == ConstraintInfo.PRIMARY_KEY ? "PRIMARY KEY" : "UNIQUE";
        List<Short> keyColumns = spec.columns().subList(0, spec.keyColumnCount());
        for (int column : partitionKey.columns()) {
            if (column == 0) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                        "unsupported %s constraint with partition key definition".formatted(constraintType))
                        .withDetail("%s constraints cannot be used when partition keys include expressions."
                                .formatted(constraintType));
            }
            if (!keyColumns.contains((short) column)) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                        "unique constraint on partitioned table must include all partitioning columns")
                        .withDetail("%s constraint on table \"%s\" lacks column \"%s\" which is part of the partition key."
                                .formatted(constraintType, table.name(), table.attributeByNumber(column).name()));
            }
        }
    }

    /** A primary key's columns are NOT NULL in every partition too (23502 if a row has a null there). */
    private static RelationInfo setKeyNotNull(CommandContext context, RelationInfo table, IndexSpec spec) {
        boolean changed = false;
        for (short column : spec.columns().subList(0, spec.keyColumnCount())) {
            AttributeInfo attribute = column == 0 ? null : table.attributeByNumber(column);
            if (attribute != null && !attribute.notNull()) {
                ConstraintCommands.checkNoNulls(context, table, attribute);
                context.catalog().setColumnNotNull(context.transaction(), table, column, true);
                changed = true;
            }
        }
        return changed ? context.catalog().relationByOid(context.transaction(), table.oid()) : table;
    }

    /**
     * ALTER INDEX parent ATTACH PARTITION child ({@code ATExecAttachPartitionIdx}): links an index
     * of a partition to the partitioned index of its table; the parent becomes valid once every
     * partition has a valid index attached ({@code validatePartitionedIndex}), and so on upwards.
     */
    static void attachIndex(CommandContext context, RelationInfo parentIndexRelation, QualifiedName childName) {
        RelationInfo child = context.catalog().lookupRelation(context.transaction(), childName.schema(),
                childName.name()).orElseThrow(() -> SqlException.of(SqlState.UNDEFINED_TABLE,
                "relation \"%s\" does not exist", childName.name()));
        if (child.kind() != 'i' && child.kind() != 'I') {
            throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "\"%s\" is not an index", child.name());
        }
        int parentTableOid = context.catalog().indexTableOid(context.transaction(), parentIndexRelation.oid());
        RelationInfo parentTable = context.catalog().relationByOid(context.transaction(), parentTableOid);
        org.woolly.catalog.RelationLocks.lock(context.transaction(), parentTable, LockMode.SHARE_UPDATE_EXCLUSIVE);
        IndexInfo parentIndex = parentTable.index(parentIndexRelation.oid());
        int childTableOid = context.catalog().indexTableOid(context.transaction(), child.oid());
        RelationInfo partition = context.catalog().relationByOid(context.transaction(), childTableOid);
        IndexInfo childIndex = partition.index(child.oid());
        String cannot = "cannot attach index \"%s\" as a partition of index \"%s\"".formatted(child.name(),
                parentIndex.name());
        List<Integer> currentParents = context.catalog().inheritanceParents(context.transaction(), child.oid());
        if (currentParents.contains(parentIndex.oid())) {
            return; // already attached: nothing to do, as PostgreSQL
        }
        if (!context.catalog().inheritanceParents(context.transaction(), partition.oid()).contains(parentTable.oid())) {
            throw new SqlException(SqlState.INVALID_OBJECT_DEFINITION, cannot).withDetail(
                    "Index \"%s\" is not an index on any partition of table \"%s\".".formatted(child.name(),
                            parentTable.name()));
        }
        if (!currentParents.isEmpty()) {
            throw new SqlException(SqlState.INVALID_OBJECT_DEFINITION, cannot).withDetail(
                    "Index \"%s\" is already attached to another index.".formatted(child.name()));
        }
        IndexSpec wanted = translate(context, parentTable, parentIndex, partition, null);
        if (!matches(childIndex, wanted, parentIndex)) {
            throw new SqlException(SqlState.INVALID_OBJECT_DEFINITION, cannot).withDetail(
                    "The index definitions do not match.");
        }
        for (IndexInfo other : partition.indexes()) {
            if (context.catalog().inheritanceParents(context.transaction(), other.oid()).contains(parentIndex.oid())) {
                throw new SqlException(SqlState.INVALID_OBJECT_DEFINITION, cannot).withDetail(
                        "Another index is already attached for partition \"%s\".".formatted(partition.name()));
            }
        }
        ConstraintInfo parentConstraint = IndexCommands.constraintOf(parentTable, parentIndex);
        ConstraintInfo childConstraint = IndexCommands.constraintOf(partition, childIndex);
        if (parentConstraint != null && childConstraint == null) {
            throw new SqlException(SqlState.INVALID_OBJECT_DEFINITION, cannot).withDetail(
                    "The index \"%s\" belongs to a constraint in table \"%s\" but no constraint exists for index \"%s\"."
                            .formatted(parentIndex.name(), parentTable.name(), childIndex.name()));
        }
        context.catalog().addInheritanceParent(context.transaction(), childIndex.oid(), parentIndex.oid(), 1);
        if (parentConstraint != null) {
            context.catalog().setConstraintParent(context.transaction(), partition.oid(), childConstraint.oid(),
                    parentConstraint.oid(), false);
        }
        if (childIndex.valid()) {
            validate(context, parentTable, parentIndex);
        }
    }

    /** {@code validatePartitionedIndex}: an invalid partitioned index with a valid index on every partition becomes valid. */
    private static void validate(CommandContext context, RelationInfo table, IndexInfo index) {
        if (index.valid()) {
            return;
        }
        List<Integer> partitions = context.catalog().inheritanceChildren(context.transaction(), table.oid());
        for (int partitionOid : partitions) {
            RelationInfo partition = context.catalog().relationByOid(context.transaction(), partitionOid);
            boolean covered = false;
            for (IndexInfo candidate : partition.indexes()) {
                if (candidate.valid() && context.catalog().inheritanceParents(context.transaction(), candidate.oid())
                        .contains(index.oid())) {
                    covered = true;
                }
            }
            if (!covered) {
                return;
            }
        }
        context.catalog().setIndexValid(context.transaction(), table.oid(), index.oid(), true);
        for (int parentIndexOid : context.catalog().inheritanceParents(context.transaction(), index.oid())) {
            int parentTableOid = context.catalog().indexTableOid(context.transaction(), parentIndexOid);
            RelationInfo parentTable = context.catalog().relationByOid(context.transaction(), parentTableOid);
            validate(context, parentTable, parentTable.index(parentIndexOid));
        }
    }

    /**
     * Drops the partitions' indexes under a partitioned index, deepest first, with their
     * constraints (DROP INDEX or DROP CONSTRAINT of the parent: they depend on it internally).
     */
    static void dropDescendants(CommandContext context, RelationInfo table, IndexInfo index) {
        List<IndexInfo> below = descendants(context, table, index);
        for (IndexInfo descendant : below.reversed()) {
            int tableOid = context.catalog().indexTableOid(context.transaction(), descendant.oid());
            RelationInfo owner = context.catalog().relationByOid(context.transaction(), tableOid);
            ConstraintInfo constraint = IndexCommands.constraintOf(owner, descendant);
            if (constraint != null) {
                context.catalog().dropConstraint(context.transaction(), owner, constraint);
                owner = context.catalog().relationByOid(context.transaction(), tableOid);
            }
            context.catalog().dropIndex(context.transaction(), owner, owner.index(descendant.oid()));
        }
    }

    /** The partitioned index a partition's index is attached to, or 0. */
    static int parentIndex(CommandContext context, IndexInfo index) {
        List<Integer> parents = context.catalog().inheritanceParents(context.transaction(), index.oid());
        return parents.isEmpty() ? 0 : parents.getFirst();
    }

    /** The partitions' indexes attached to a partitioned index, all levels down, children after their parent. */
    static List<IndexInfo> descendants(CommandContext context, RelationInfo table, IndexInfo index) {
        List<IndexInfo> result = new ArrayList<>();
        for (int partitionOid : context.catalog().inheritanceChildren(context.transaction(), table.oid())) {
            RelationInfo partition = context.catalog().relationByOid(context.transaction(), partitionOid);
            for (IndexInfo candidate : partition.indexes()) {
                if (context.catalog().inheritanceParents(context.transaction(), candidate.oid()).contains(index.oid())) {
                    result.add(candidate);
                    result.addAll(descendants(context, partition, candidate));
                }
            }
        }
        return result;
    }
}
