package org.woolly.catalog;

import org.woolly.access.transam.Transaction;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import static org.woolly.catalog.CatalogDefinitions.PG_AUTHID;

import org.woolly.catalog.acl.Acl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@link CatalogAccess} for one database and one search_path: name resolution
 * ({@code namespace.c}), relation descriptors ({@code relcache.c}) and the DDL of heap tables
 * ({@code heap.c}, delegated to {@link RelationDdl}). Immutable and cheap: a session makes a new
 * one with {@link #withSearchPath} whenever its search_path or user changes.
 */
public final class DatabaseCatalog implements CatalogAccess {
    private static final String PG_CATALOG = "pg_catalog";
    private static final char TEMPORARY = 't';

    private final SystemCatalog system;
    private final int databaseOid;
    private final SearchPath searchPath;
    private final String userName;
    private final RelationDdl ddl;
    private final ViewDdl views;
    private final AlterTableDdl alter;
    private final StatisticsRows statisticsRows;
    private final SequenceCatalog sequences;
    private final NamespaceDdl namespaces;
    private final RoleDdl roles;
    /** The session's temporary schema; null in the shared instance no session owns. */
    private final TemporarySchema temporary;
    private final InheritanceCatalog inheritance;
    private final PartitionCatalog partitions;
    private final TypeDdl types;
    private final DomainDdl domains;
    private final ExtensionCatalog extensions;
    private final OperatorCatalog operators;

    DatabaseCatalog(SystemCatalog system, int databaseOid, SearchPath searchPath, String userName) {
        this(system, databaseOid, searchPath, userName, null);
    }

    private DatabaseCatalog(SystemCatalog system, int databaseOid, SearchPath searchPath, String userName,
                            TemporarySchema temporary) {
        this.temporary = temporary;
        this.system = system;
        this.databaseOid = databaseOid;
        this.searchPath = searchPath;
        this.userName = userName;
        this.ddl = new RelationDdl(system, databaseOid);
        this.views = new ViewDdl(system, databaseOid);
        this.alter = new AlterTableDdl(system, databaseOid, ddl);
        this.statisticsRows = new StatisticsRows(system, databaseOid);
        this.sequences = new SequenceCatalog(system, databaseOid, ddl);
        this.namespaces = new NamespaceDdl(system, databaseOid, alter, sequences);
        this.roles = new RoleDdl(system);
        this.inheritance = new InheritanceCatalog(system, databaseOid);
        this.partitions = new PartitionCatalog(system, databaseOid);
        this.types = new TypeDdl(system, databaseOid);
        this.domains = new DomainDdl(system, databaseOid);
        this.extensions = new ExtensionCatalog(system, databaseOid);
        this.operators = new OperatorCatalog(system, databaseOid);
    }

    @Override
    public boolean extensionExists(Transaction tx, String name) {
        return extensions.find(tx, name).isPresent();
    }

    @Override
    public void createExtension(Transaction tx, String name, int ownerOid, int namespaceOid, String version) {
        extensions.create(tx, name, ownerOid, namespaceOid, version);
    }

    @Override
    public boolean dropExtension(Transaction tx, String name) {
        return extensions.drop(tx, name);
    }

    /**
     * This database's catalogs as seen with the given {@code search_path} setting (as SHOW prints
     * it, e.g. {@code "$user", public}) by the given session user (for {@code $user}).
     */
    public DatabaseCatalog withSearchPath(String searchPathSetting, String sessionUser) {
        return new DatabaseCatalog(system, databaseOid, SearchPath.parse(searchPathSetting), sessionUser, temporary);
    }

    /** This catalog for a new session: the same view, with a temporary schema of the session's own. */
    public DatabaseCatalog forNewSession() {
        return new DatabaseCatalog(system, databaseOid, searchPath, userName,
                new TemporarySchema(system.temporaryBackendIds()));
    }

    @Override
    public DatabaseCatalog inSchemaOnly(String schema) {
        return new DatabaseCatalog(system, databaseOid, new SearchPath(List.of(schema)), userName, temporary);
    }

    public int databaseOid() {
        return databaseOid;
    }

    @Override
    public Optional<RelationInfo> lookupRelation(Transaction tx, String schema, String name) {
        CatalogImage image = system.imageFor(tx, databaseOid);
        if (schema != null) {
            Integer namespaceOid = namespaceOidOf(image, schema);
            if (namespaceOid == null) {
                return Optional.empty();
            }
            checkUsage(tx, image, namespaceOid);
            Integer relationOid = image.relationOid(namespaceOid, name);
            if (relationOid != null && TemporarySchema.isTemporaryName(image.namespaceName(namespaceOid))
                    && !namespaceOid.equals(ownTemporaryNamespace(image))) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                        "cannot access temporary tables of other sessions");
            }
            return relationOid == null ? Optional.empty() : Optional.of(image.relation(relationOid));
        }
        for (int namespaceOid : searchPathOids(tx, image, true)) {
            Integer relationOid = image.relationOid(namespaceOid, name);
            if (relationOid != null) {
                return Optional.of(image.relation(relationOid));
            }
        }
        return Optional.empty();
    }

    @Override
    public RelationInfo relationByOid(Transaction tx, int oid) {
        RelationInfo relation = system.imageFor(tx, databaseOid).relation(oid);
        if (relation == null) {
            throw SqlException.of(SqlState.UNDEFINED_TABLE, "could not open relation with OID %s",
                    Integer.toUnsignedString(oid));
        }
        return relation;
    }

    @Override
    public long forkSize(org.woolly.storage.smgr.RelFileLocator relation, org.woolly.storage.smgr.ForkNumber fork) {
        return relation.relNumber() == 0 ? 0 : system.storage().relationForkSize(relation, fork);
    }

    @Override
    public Optional<String> description(Transaction tx, int objectOid, int classOid, int subId) {
        return system.heap().scan(CatalogDefinitions.PG_DESCRIPTION, databaseOid, tx.takeSnapshot(),
                        row -> row.getOid("objoid") == objectOid && row.getOid("classoid") == classOid
                                && row.getInt("objsubid") == subId)
                .stream().map(row -> row.getString("description")).findFirst();
    }

    @Override
    public void setDescription(Transaction tx, int objectOid, int classOid, int subId, String text) {
        org.woolly.access.transam.Snapshot snapshot = tx.takeSnapshot();
        CatalogHeap heap = system.heap();
        heap.scan(CatalogDefinitions.PG_DESCRIPTION, databaseOid, snapshot,
                        row -> row.getOid("objoid") == objectOid && row.getOid("classoid") == classOid
                                && row.getInt("objsubid") == subId)
                .forEach(row -> heap.delete(row, databaseOid, tx, snapshot));
        // an empty comment removes it, as in PostgreSQL
        if (text != null && !text.isEmpty()) {
            heap.insert(CatalogDefinitions.PG_DESCRIPTION, databaseOid,
                    CatalogRows.description(objectOid, classOid, subId, text), tx);
        }
        tx.incrementCommandId();
    }

    @Override
    public Optional<String> sharedDescription(Transaction tx, int objectOid, int classOid) {
        return system.heap().scan(CatalogDefinitions.PG_SHDESCRIPTION, 0, tx.takeSnapshot(),
                        row -> row.getOid("objoid") == objectOid && row.getOid("classoid") == classOid)
                .stream().map(row -> row.getString("description")).findFirst();
    }

    @Override
    public DatabaseCatalog withSystemSearchPath() {
        return withSearchPath(PG_CATALOG, userName);
    }

    @Override
    public Optional<String> viewQuery(Transaction tx, int relationOid) {
        return Optional.ofNullable(system.imageFor(tx, databaseOid).viewQuery(relationOid));
    }

    @Override
    public long invalidationStamp() {
        return system.invalidationStamp();
    }

    /** Makes every session's catalog images and plans stale ({@link SystemCatalog#invalidateAll}). */
    public void invalidateAll() {
        system.invalidateAll();
    }

    @Override
    public boolean relationChangedSince(Transaction tx, int relationOid, long stamp) {
        return system.relationChangedSince(tx, relationOid, stamp);
    }

    @Override
    public boolean changedCatalogs(Transaction tx) {
        return system.changedCatalogs(tx);
    }

    @Override
    public List<String> searchPath(Transaction tx) {
        CatalogImage image = system.imageFor(tx, databaseOid);
        List<String> names = new ArrayList<>();
        for (int namespaceOid : searchPathOids(tx, image, false)) {
            names.add(image.namespaceName(namespaceOid));
        }
        return names;
    }

    @Override
    public int lookupTypeOid(Transaction tx, String schema, String name) {
        CatalogImage image = system.imageFor(tx, databaseOid);
        if (schema != null) {
            Integer namespaceOid = namespaceOidOf(image, schema);
            if (namespaceOid == null) {
                throw SqlException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", schema);
            }
            checkUsage(tx, image, namespaceOid);
            Integer typeOid = image.typeOid(namespaceOid, name);
            if (typeOid == null) {
                throw SqlException.of(SqlState.UNDEFINED_OBJECT, "type \"%s.%s\" does not exist", schema, name);
            }
            return typeOid;
        }
        for (int namespaceOid : searchPathOids(tx, image, true)) {
            Integer typeOid = image.typeOid(namespaceOid, name);
            if (typeOid != null) {
                return typeOid;
            }
        }
        throw SqlException.of(SqlState.UNDEFINED_OBJECT, "type \"%s\" does not exist", name);
    }

    /** The OID of the schema of that name, if it exists (as this transaction sees the catalogs). */
    public OptionalInt namespaceOid(Transaction tx, String schema) {
        Integer oid = namespaceOidOf(system.imageFor(tx, databaseOid), schema);
        return oid == null ? OptionalInt.empty() : OptionalInt.of(oid);
    }

    /** The {@code pg_type} row of a type, or empty (for the analyzer: length, category, row type's relation). */
    @Override
    public Optional<TypeInfo> typeByOid(Transaction tx, int typeOid) {
        return Optional.ofNullable(system.imageFor(tx, databaseOid).type(typeOid));
    }

    @Override
    public RelationInfo createTable(Transaction tx, String schema, String name, List<ColumnSpec> columns,
                                    char persistence) {
        int namespaceOid = creationNamespace(tx, schema, name, persistence == TEMPORARY);
        CatalogImage image = system.imageFor(tx, databaseOid);
        return ddl.createTable(tx, image, namespaceOid, name, columns,
                isOwnTemporaryNamespace(image, namespaceOid) ? TEMPORARY : persistence);
    }

    @Override
    public RelationInfo createView(Transaction tx, String schema, String name, List<ColumnSpec> columns, String query,
                                   List<int[]> references) {
        int namespaceOid = creationNamespace(tx, schema, name, false);
        CatalogImage image = system.imageFor(tx, databaseOid);
        return views.create(tx, image, namespaceOid, name, columns, query, references,
                isOwnTemporaryNamespace(image, namespaceOid) ? TEMPORARY : 'p');
    }

    @Override
    public RelationInfo replaceView(Transaction tx, RelationInfo view, List<ColumnSpec> columns, String query,
                                    List<int[]> references) {
        return views.replace(tx, view, columns, query, references);
    }

    @Override
    public List<Integer> dependentViews(Transaction tx, int relationOid, int column) {
        return views.dependentViews(tx, relationOid, column);
    }

    @Override
    public void dropRelation(Transaction tx, RelationInfo relation) {
        if (relation.kind() == 'v') {
            views.dropRule(tx, relation);
        }
        RelationLocks.lock(tx, relation, org.woolly.storage.lmgr.LockMode.ACCESS_EXCLUSIVE);
        sequences.dropDependents(tx, relation);
        inheritance.forget(tx, relation.oid());
        partitions.forget(tx, relation.oid());
        for (TriggerInfo trigger : triggers(tx, relation.oid())) {
            dropTrigger(tx, trigger);
        }
        if (relation.kind() != 'v') {
            for (RuleInfo rule : rules(tx, relation.oid())) {
                dropRule(tx, rule);
            }
        }
        ddl.dropRelation(tx, relation);
    }

    @Override
    public List<Integer> inheritanceParents(Transaction tx, int relationOid) {
        return system.imageFor(tx, databaseOid).inheritanceParents(relationOid);
    }

    @Override
    public List<Integer> inheritanceChildren(Transaction tx, int relationOid) {
        return system.imageFor(tx, databaseOid).inheritanceChildren(relationOid);
    }

    @Override
    public List<Integer> allInheritors(Transaction tx, int relationOid) {
        return InheritanceCatalog.allInheritors(system.imageFor(tx, databaseOid), relationOid);
    }

    @Override
    public void storePartitionKey(Transaction tx, int relationOid, PartitionKey key) {
        partitions.storeKey(tx, relationOid, key);
    }

    @Override
    public Optional<PartitionKey> partitionKey(Transaction tx, int relationOid) {
        return partitions.key(tx, relationOid);
    }

    @Override
    public void storePartitionBound(Transaction tx, int relationOid, int parentOid, String bound, boolean isDefault) {
        partitions.storeBound(tx, relationOid, parentOid, bound, isDefault);
    }

    @Override
    public String partitionBound(Transaction tx, int relationOid) {
        return partitions.bound(tx, relationOid);
    }

    @Override
    public void addInheritanceParent(Transaction tx, int childOid, int parentOid, int sequence) {
        inheritance.addParent(tx, childOid, parentOid, sequence);
    }

    @Override
    public boolean removeInheritanceParent(Transaction tx, int childOid, int parentOid) {
        return inheritance.removeParent(tx, childOid, parentOid);
    }

    @Override
    public int columnInheritCount(Transaction tx, int relationOid, int attributeNumber) {
        CatalogRow row = system.imageFor(tx, databaseOid).attributeRow(relationOid, attributeNumber);
        return row == null ? 0 : row.getInt("attinhcount");
    }

    @Override
    public int constraintInheritCount(Transaction tx, int relationOid, String name) {
        CatalogRow row = system.imageFor(tx, databaseOid).constraintRow(relationOid, name);
        return row == null ? 0 : row.getInt("coninhcount");
    }

    @Override
    public boolean columnIsLocal(Transaction tx, int relationOid, int attributeNumber) {
        CatalogRow row = system.imageFor(tx, databaseOid).attributeRow(relationOid, attributeNumber);
        return row == null || row.getBool("attislocal");
    }

    @Override
    public void setColumnInheritance(Transaction tx, int relationOid, int attributeNumber, int count, boolean local) {
        inheritance.setColumnInheritance(tx, relationOid, attributeNumber, count, local);
    }

    @Override
    public void setConstraintInheritance(Transaction tx, int relationOid, String name, int count, boolean local) {
        inheritance.setConstraintInheritance(tx, relationOid, name, count, local);
    }

    @Override
    public RelationInfo createSequence(Transaction tx, String schema, String name, SequenceDefinition definition,
                                       char persistence) {
        int namespaceOid = creationNamespace(tx, schema, name, persistence == TEMPORARY);
        CatalogImage image = system.imageFor(tx, databaseOid);
        return sequences.create(tx, image, namespaceOid, name, definition,
                isOwnTemporaryNamespace(image, namespaceOid) ? TEMPORARY : persistence);
    }

    @Override
    public Optional<SequenceDefinition> sequenceDefinition(Transaction tx, int sequenceOid) {
        return sequences.definition(tx, sequenceOid);
    }

    @Override
    public void alterSequence(Transaction tx, RelationInfo sequence, SequenceDefinition definition) {
        sequences.alter(tx, sequence, definition);
    }

    @Override
    public void renameSequence(Transaction tx, RelationInfo sequence, String newName) {
        sequences.rename(tx, system.imageFor(tx, databaseOid), sequence, newName);
    }

    @Override
    public void addDependency(Transaction tx, RelationDependency dependency) {
        sequences.addDependency(tx, dependency);
    }

    @Override
    public void removeSequenceOwnership(Transaction tx, int sequenceOid) {
        sequences.removeOwnership(tx, sequenceOid);
    }

    @Override
    public List<RelationDependency> dependencies(Transaction tx, int relationOid, boolean onIt) {
        return sequences.dependencies(tx, relationOid, onIt);
    }

    @Override
    public void setIdentity(Transaction tx, int tableOid, int column, char identity, String nextvalExpression) {
        sequences.setIdentity(tx, tableOid, column, identity, nextvalExpression);
    }

    @Override
    public void dropColumnDefault(Transaction tx, int tableOid, int column) {
        sequences.dropDefault(tx, tableOid, column);
    }

    @Override
    public RelationInfo truncate(Transaction tx, RelationInfo relation) {
        return ddl.truncate(tx, relation);
    }

    @Override
    public boolean relationNameExists(Transaction tx, int namespaceOid, String name) {
        return system.imageFor(tx, databaseOid).relationOid(namespaceOid, name) != null;
    }

    @Override
    public boolean constraintNameExists(Transaction tx, int namespaceOid, String name) {
        return system.imageFor(tx, databaseOid).constraintNameExists(namespaceOid, name);
    }

    @Override
    public int indexTableOid(Transaction tx, int indexOid) {
        CatalogRow row = system.imageFor(tx, databaseOid).indexRow(indexOid);
        if (row == null) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "index with OID %d does not exist", indexOid);
        }
        return row.getOid("indrelid");
    }

    @Override
    public IndexInfo createIndex(Transaction tx, RelationInfo table, IndexSpec spec) {
        return ddl.createIndex(tx, system.imageFor(tx, databaseOid), table, spec);
    }

    @Override
    public void dropIndex(Transaction tx, RelationInfo table, IndexInfo index) {
        ddl.dropIndex(tx, table, index);
    }

    @Override
    public IndexInfo reindex(Transaction tx, RelationInfo table, IndexInfo index) {
        return ddl.reindex(tx, table, index);
    }

    @Override
    public void setIndexValid(Transaction tx, int tableOid, int indexOid, boolean valid) {
        ddl.setIndexValid(tx, tableOid, indexOid, valid);
    }

    @Override
    public void setConstraintParent(Transaction tx, int relationOid, int constraintOid, int parentOid,
                                    boolean created) {
        ddl.setConstraintParent(tx, relationOid, constraintOid, parentOid, created);
    }

    @Override
    public List<ForeignKeyReference> referencingForeignKeys(Transaction tx, int relationOid) {
        return system.imageFor(tx, databaseOid).referencingForeignKeys(relationOid);
    }

    @Override
    public void addConstraint(Transaction tx, RelationInfo table, ConstraintInfo constraint) {
        ddl.addConstraint(tx, table, constraint);
    }

    @Override
    public void dropConstraint(Transaction tx, RelationInfo table, ConstraintInfo constraint) {
        ddl.dropConstraint(tx, table, constraint);
    }

    @Override
    public int allocateOid() {
        return system.storage().allocateOid();
    }

    @Override
    public RelationInfo renameRelation(Transaction tx, RelationInfo relation, String newName) {
        return alter.renameRelation(tx, relation, newName);
    }

    @Override
    public RelationInfo renameColumn(Transaction tx, RelationInfo relation, int attributeNumber, String newName) {
        return alter.renameColumn(tx, relation, attributeNumber, newName);
    }

    @Override
    public RelationInfo addColumn(Transaction tx, RelationInfo relation, ColumnSpec column, String missingValue) {
        return alter.addColumn(tx, relation, column, missingValue);
    }

    @Override
    public RelationInfo dropColumn(Transaction tx, RelationInfo relation, int attributeNumber) {
        return alter.dropColumn(tx, relation, attributeNumber);
    }

    @Override
    public RelationInfo setColumnDefault(Transaction tx, RelationInfo relation, int attributeNumber,
                                         String expression) {
        return alter.setDefault(tx, relation, attributeNumber, expression);
    }

    @Override
    public RelationInfo setColumnNotNull(Transaction tx, RelationInfo relation, int attributeNumber,
                                         boolean notNull) {
        return alter.setNotNull(tx, relation, attributeNumber, notNull);
    }

    @Override
    public RelationInfo setColumnStorage(Transaction tx, RelationInfo relation, int attributeNumber, char value,
                                         boolean compression) {
        return alter.setStorage(tx, relation, attributeNumber, value, compression);
    }

    @Override
    public RelationInfo changeColumnType(Transaction tx, RelationInfo relation, int attributeNumber, int typeOid,
                                         int typeModifier) {
        return alter.changeColumnType(tx, relation, attributeNumber, typeOid, typeModifier);
    }

    @Override
    public RelationInfo rewriteRelation(Transaction tx, RelationInfo relation) {
        return alter.rewrite(tx, relation);
    }

    @Override
    public RelationInfo setRelationOwner(Transaction tx, RelationInfo relation, int ownerOid) {
        return alter.setOwner(tx, relation, ownerOid);
    }

    @Override
    public int relationOwner(Transaction tx, RelationInfo relation) {
        return alter.owner(tx, relation);
    }

    @Override
    public OptionalInt roleOid(String roleName) {
        return system.lookupRole(roleName).map(role -> OptionalInt.of(role.oid())).orElse(OptionalInt.empty());
    }

    @Override
    public Optional<String> roleName(int roleOid) {
        return system.roleByOid(roleOid).map(RoleInfo::name);
    }

    @Override
    public long relationFrozenXid(Transaction tx, int relationOid) {
        CatalogRow row = system.imageFor(tx, databaseOid).classRow(relationOid);
        return row == null ? 0 : row.getXid("relfrozenxid");
    }

    @Override
    public void updateRelationStatsInPlace(Transaction tx, RelationInfo relation, int relpages, double reltuples,
                                           int relallvisible, long frozenXid) {
        statisticsRows.updateInPlace(tx, relation, relpages, reltuples, relallvisible, frozenXid);
    }

    @Override
    public long oldestRelationFrozenXid(Transaction tx) {
        long oldest = Long.MAX_VALUE;
        for (CatalogRow row : system.heap().scan(CatalogDefinitions.PG_CLASS, databaseOid, tx.takeSnapshot(),
                row -> "rtm".indexOf(row.getChar("relkind")) >= 0)) {
            long xid = row.getXid("relfrozenxid");
            oldest = Math.min(oldest, xid == 0 ? CatalogRows.FIRST_NORMAL_XID : xid);
        }
        return oldest;
    }

    @Override
    public TableStatistics statistics(Transaction tx, int relationOid) {
        return system.imageFor(tx, databaseOid).statistics(relationOid);
    }

    @Override
    public void storeStatistics(Transaction tx, RelationInfo relation, int relpages, double reltuples,
                                List<TableStatistics.Column> columns) {
        statisticsRows.store(tx, relation, relpages, reltuples, -1, columns);
    }

    @Override
    public void storeStatistics(Transaction tx, RelationInfo relation, int relpages, double reltuples,
                                int relallvisible, List<TableStatistics.Column> columns) {
        statisticsRows.store(tx, relation, relpages, reltuples, relallvisible, columns);
    }

    @Override
    public List<RelationInfo> tables(Transaction tx) {
        return system.imageFor(tx, databaseOid).tables();
    }

    @Override
    public String relationAcl(Transaction tx, RelationInfo relation) {
        CatalogRow row = system.imageFor(tx, databaseOid).classRow(relation.oid());
        return row == null ? null : row.getString("relacl");
    }

    @Override
    public RelationInfo setRelationOptions(Transaction tx, RelationInfo table, int oid, List<String> options) {
        return alter.setOptions(tx, table, oid, options);
    }

    @Override
    public void setRelationAcl(Transaction tx, RelationInfo relation, String acl) {
        alter.setAcl(tx, relation, acl);
    }

    @Override
    public boolean hasRelationPrivilege(Transaction tx, int roleOid, int relationOid, char letter) {
        CatalogRow row = system.imageFor(tx, databaseOid).classRow(relationOid);
        if (row == null) {
            return true;
        }
        // initdb grants SELECT on the system catalogs and views to PUBLIC, and Woolly lets every role
        // read them (their relacl stays null here): has_table_privilege says so too
        if (letter == 'r' && row.getString("relacl") == null
                && Integer.compareUnsigned(relationOid, CatalogOids.FIRST_NORMAL_OBJECT_ID) < 0) {
            return true;
        }
        Acl.ObjectType type = row.getChar("relkind") == 'S' ? Acl.ObjectType.SEQUENCE : Acl.ObjectType.TABLE;
        return holds(tx, roleOid, row.getString("relacl"), type, row.getOid("relowner"), letter);
    }

    @Override
    public Optional<NamespaceInfo> namespace(Transaction tx, String name) {
        CatalogImage image = system.imageFor(tx, databaseOid);
        Integer oid = image.namespaceOid(name);
        return oid == null ? Optional.empty() : Optional.of(NamespaceDdl.info(image.namespaceRow(oid)));
    }

    @Override
    public Optional<NamespaceInfo> namespaceByOid(Transaction tx, int oid) {
        CatalogRow row = system.imageFor(tx, databaseOid).namespaceRow(oid);
        return row == null ? Optional.empty() : Optional.of(NamespaceDdl.info(row));
    }

    @Override
    public NamespaceInfo createNamespace(Transaction tx, String name, int ownerOid) {
        return namespaces.create(tx, name, ownerOid);
    }

    @Override
    public NamespaceInfo renameNamespace(Transaction tx, NamespaceInfo namespace, String newName) {
        return namespaces.rename(tx, namespace, newName);
    }

    @Override
    public NamespaceInfo setNamespaceOwner(Transaction tx, NamespaceInfo namespace, int ownerOid) {
        return namespaces.setOwner(tx, namespace, ownerOid);
    }

    @Override
    public NamespaceInfo setNamespaceAcl(Transaction tx, NamespaceInfo namespace, String acl) {
        return namespaces.setAcl(tx, namespace, acl);
    }

    @Override
    public List<RelationInfo> namespaceDependents(Transaction tx, NamespaceInfo namespace) {
        return namespaces.dependents(tx, namespace);
    }

    @Override
    public void dropNamespace(Transaction tx, NamespaceInfo namespace) {
        namespaces.drop(tx, namespace);
    }

    @Override
    public RelationInfo setRelationNamespace(Transaction tx, RelationInfo relation, NamespaceInfo target) {
        return namespaces.setRelationNamespace(tx, relation, target);
    }

    @Override
    public OptionalInt roleOid(Transaction tx, String roleName) {
        return system.lookupRole(tx, roleName).map(role -> OptionalInt.of(role.oid())).orElse(OptionalInt.empty());
    }

    @Override
    public Optional<String> roleName(Transaction tx, int roleOid) {
        return system.roleByOid(tx, roleOid).map(RoleInfo::name);
    }

    @Override
    public Optional<Map<String, Object>> roleAttributes(Transaction tx, int roleOid) {
        CatalogRow row = system.roleRow(tx, roleOid);
        if (row == null) {
            return Optional.empty();
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (CatalogColumn column : PG_AUTHID.columns()) {
            attributes.put(column.name(), row.get(column.name()));
        }
        return Optional.of(attributes);
    }

    @Override
    public boolean hasPrivilegesOfRole(Transaction tx, int member, int role) {
        return belongsTo(tx, member, role, true);
    }

    @Override
    public boolean isMemberOfRole(Transaction tx, int member, int role) {
        return belongsTo(tx, member, role, false);
    }

    @Override
    public Set<Integer> rolesOf(Transaction tx, int member, boolean inheritingOnly) {
        return roles.rolesOf(tx, member, inheritingOnly);
    }

    /** {@code member} is {@code role}, a superuser, or a member of it (through inheriting roles only if asked). */
    private boolean belongsTo(Transaction tx, int member, int role, boolean inheritingOnly) {
        return member == role || isSuperuser(tx, member) || roles.rolesOf(tx, member, inheritingOnly).contains(role);
    }

    private boolean isSuperuser(Transaction tx, int role) {
        CatalogRow row = system.roleRow(tx, role);
        return row != null && row.getBool("rolsuper");
    }

    @Override
    public String databaseName() {
        return system.databaseName(databaseOid).orElse("");
    }

    @Override
    public DatabaseDdl databases() {
        return system.databases();
    }

    @Override
    public int currentDatabaseOid() {
        return databaseOid;
    }

    @Override
    public boolean hasDatabasePrivilege(Transaction tx, int roleOid, char letter) {
        CatalogRow row = system.databaseRow(tx, databaseOid);
        if (row == null) {
            return false;
        }
        return holds(tx, roleOid, row.getString("datacl"), Acl.ObjectType.DATABASE, row.getOid("datdba"), letter);
    }

    @Override
    public Optional<Boolean> hasObjectPrivilege(Transaction tx, int roleOid, char kind, int objectOid, char letter) {
        return switch (kind) {
            case 'r' -> system.imageFor(tx, databaseOid).classRow(objectOid) == null ? Optional.empty()
                    : Optional.of(hasRelationPrivilege(tx, roleOid, objectOid, letter));
            case 'n' -> namespaceByOid(tx, objectOid)
                    .map(namespace -> hasNamespacePrivilege(tx, roleOid, namespace, letter));
            case 'd' -> Optional.ofNullable(system.databaseRow(tx, objectOid)).map(row -> holds(tx, roleOid,
                    row.getString("datacl"), Acl.ObjectType.DATABASE, row.getOid("datdba"), letter));
            default -> throw new IllegalArgumentException("object kind " + kind);
        };
    }

    @Override
    public boolean hasNamespacePrivilege(Transaction tx, int roleOid, NamespaceInfo namespace, char letter) {
        return holds(tx, roleOid, namespace.acl(), Acl.ObjectType.SCHEMA, namespace.ownerOid(), letter);
    }

    /** Whether the role holds the privilege under the ACL (superusers hold every one; owners their defaults). */
    boolean holds(Transaction tx, int roleOid, String aclText, Acl.ObjectType type, int owner, char letter) {
        if (isSuperuser(tx, roleOid)) {
            return true;
        }
        Acl acl = Acl.parse(aclText, type, owner, name -> roleOid(tx, name).orElse(-1));
        Set<Integer> inherited = roles.rolesOf(tx, roleOid, true);
        return acl.privilegesOf(roleOid, Acl.bit(letter), inherited::contains) != 0;
    }

    @Override
    public int createRole(Transaction tx, String name, Map<String, Object> attributes) {
        return roles.create(tx, name, attributes);
    }

    @Override
    public void alterRole(Transaction tx, int roleOid, Map<String, Object> attributes) {
        roles.update(tx, roleOid, attributes);
    }

    @Override
    public List<String> storedSettings(Transaction tx, int databaseOid, int roleOid) {
        return roles.settings(tx, databaseOid, roleOid);
    }

    @Override
    public void storeSettings(Transaction tx, int databaseOid, int roleOid, List<String> config) {
        roles.storeSettings(tx, databaseOid, roleOid, config);
    }

    @Override
    public void dropRole(Transaction tx, int roleOid) {
        roles.drop(tx, roleOid);
    }

    @Override
    public Optional<Boolean> membership(Transaction tx, int role, int member) {
        CatalogRow row = roles.membership(tx, role, member);
        return row == null ? Optional.empty() : Optional.of(row.getBool("admin_option"));
    }

    @Override
    public void grantMembership(Transaction tx, int role, int member, int grantor, boolean adminOption) {
        roles.addMember(tx, role, member, grantor, adminOption);
    }

    @Override
    public void revokeMembership(Transaction tx, int role, int member, boolean adminOptionOnly) {
        roles.removeMember(tx, role, member, adminOptionOnly);
    }

    @Override
    public List<String> roleDependents(Transaction tx, int roleOid) {
        List<String> lines = new ArrayList<>();
        for (CatalogRow row : system.databaseRows(tx)) {
            String name = row.getString("datname");
            if (row.getOid("datdba") == roleOid) {
                lines.add("owner of database " + name);
            }
            if (mentions(tx, row.getString("datacl"), roleOid)) {
                lines.add("privileges for database " + name);
            }
        }
        for (CatalogRow row : system.databaseRows(tx)) {
            int database = row.getOid("oid");
            if (database == databaseOid) {
                lines.addAll(objectsOwnedIn(tx, system.imageFor(tx, database), roleOid));
            } else if (row.getBool("datallowconn")) {
                int count = objectsOwnedIn(tx, system.imageFor(tx, database), roleOid).size();
                if (count > 0) {
                    lines.add("%d object%s in database %s".formatted(count, count == 1 ? "" : "s",
                            row.getString("datname")));
                }
            }
        }
        return lines;
    }

    /** The objects of one database that the role owns or holds privileges on, in creation (OID) order. */
    private List<String> objectsOwnedIn(Transaction tx, CatalogImage image, int roleOid) {
        java.util.TreeMap<Integer, List<String>> byOid = new java.util.TreeMap<>(Integer::compareUnsigned);
        for (CatalogRow row : image.namespaceRows()) {
            String description = "schema " + row.getString("nspname");
            describeDependency(tx, byOid, row.getOid("oid"), row.getOid("nspowner") == roleOid,
                    row.getString("nspacl"), roleOid, description);
        }
        for (CatalogRow row : image.classRows()) {
            char kind = row.getChar("relkind");
            if (kind != 'i') {
                String description = relationKindWord(kind) + " " + visibleName(tx, image, row);
                describeDependency(tx, byOid, row.getOid("oid"), row.getOid("relowner") == roleOid,
                        row.getString("relacl"), roleOid, description);
            }
        }
        List<String> lines = new ArrayList<>();
        byOid.values().forEach(lines::addAll);
        return lines;
    }

    private void describeDependency(Transaction tx, Map<Integer, List<String>> byOid, int oid, boolean owner,
                                    String acl, int roleOid, String description) {
        if (owner) {
            byOid.computeIfAbsent(oid, key -> new ArrayList<>()).add("owner of " + description);
        }
        if (mentions(tx, acl, roleOid)) {
            byOid.computeIfAbsent(oid, key -> new ArrayList<>()).add("privileges for " + description);
        }
    }

    private boolean mentions(Transaction tx, String aclText, int roleOid) {
        return aclText != null && Acl.parse(aclText, Acl.ObjectType.TABLE, 0, name -> roleOid(tx, name).orElse(-1))
                .mentions(roleOid);
    }

    private String visibleName(Transaction tx, CatalogImage image, CatalogRow classRow) {
        String name = classRow.getString("relname");
        if (image.databaseOid() == databaseOid) {
            Optional<RelationInfo> visible = lookupRelation(tx, null, name);
            if (visible.isPresent() && visible.get().oid() == classRow.getOid("oid")) {
                return name;
            }
        }
        return image.namespaceName(classRow.getOid("relnamespace")) + "." + name;
    }

    /** The word {@code getObjectDescription} uses for a relation of that relkind. */
    public static String relationKindWord(char kind) {
        return switch (kind) {
            case 'S' -> "sequence";
            case 'v' -> "view";
            case 'm' -> "materialized view";
            case 'i' -> "index";
            default -> "table";
        };
    }

    @Override
    public List<FunctionInfo> lookupFunctions(Transaction tx, String schema, String name) {
        CatalogImage image = system.imageFor(tx, databaseOid);
        List<FunctionInfo> found = new ArrayList<>();
        // functions are never looked up in the temporary schema (PostgreSQL's namespace.c)
        List<Integer> namespaces = schema == null ? searchPathOids(tx, image, false)
                : image.namespaceOid(schema) == null ? List.of() : List.of(image.namespaceOid(schema));
        if (schema != null && !namespaces.isEmpty()) {
            checkUsage(tx, image, namespaces.getFirst());
        }
        for (int namespaceOid : namespaces) {
            for (FunctionInfo function : image.functions(name)) {
                if (function.namespaceOid() == namespaceOid) {
                    found.add(function);
                }
            }
        }
        return found;
    }

    @Override
    public Optional<FunctionInfo> functionByOid(Transaction tx, int oid) {
        return Optional.ofNullable(system.imageFor(tx, databaseOid).function(oid));
    }

    @Override
    public List<FunctionInfo> allFunctions(Transaction tx) {
        return List.copyOf(system.imageFor(tx, databaseOid).functions());
    }

    @Override
    public FunctionInfo storeFunction(Transaction tx, String schema, FunctionInfo function) {
        int namespaceOid = function.oid() != 0 ? function.namespaceOid()
                : creationNamespace(tx, schema, function.name(), false);
        return new FunctionDdl(system, databaseOid).store(tx, function, namespaceOid);
    }

    @Override
    public void dropFunction(Transaction tx, FunctionInfo function) {
        new FunctionDdl(system, databaseOid).drop(tx, function);
    }

    @Override
    public List<FunctionInfo> lookupAggregates(Transaction tx, String schema, String name) {
        CatalogImage image = system.imageFor(tx, databaseOid);
        List<FunctionInfo> all = image.aggregates(name);
        if (all.isEmpty()) {
            return List.of();
        }
        List<Integer> namespaces = schema == null ? searchPathOids(tx, image, false)
                : image.namespaceOid(schema) == null ? List.of() : List.of(image.namespaceOid(schema));
        List<FunctionInfo> found = new ArrayList<>();
        for (int namespaceOid : namespaces) {
            for (FunctionInfo aggregate : all) {
                if (aggregate.namespaceOid() == namespaceOid) {
                    found.add(aggregate);
                }
            }
        }
        return found;
    }

    @Override
    public Optional<AggregateInfo> aggregate(Transaction tx, int oid) {
        return Optional.ofNullable(system.imageFor(tx, databaseOid).aggregate(oid));
    }

    @Override
    public FunctionInfo storeAggregate(Transaction tx, String schema, FunctionInfo function, AggregateInfo aggregate) {
        int namespaceOid = function.oid() != 0 ? function.namespaceOid()
                : creationNamespace(tx, schema, function.name(), false);
        return new AggregateDdl(system, databaseOid).store(tx, function, namespaceOid, aggregate);
    }

    @Override
    public void dropAggregate(Transaction tx, FunctionInfo function) {
        new AggregateDdl(system, databaseOid).drop(tx, function);
    }

    @Override
    public Optional<CastInfo> userCast(Transaction tx, int source, int target) {
        return Optional.ofNullable(system.imageFor(tx, databaseOid).userCast(source, target));
    }

    @Override
    public Optional<CastInfo> anyCast(Transaction tx, int source, int target) {
        return Optional.ofNullable(new AggregateDdl(system, databaseOid).cast(tx, source, target));
    }

    @Override
    public CastInfo storeCast(Transaction tx, CastInfo cast) {
        return new AggregateDdl(system, databaseOid).storeCast(tx, cast);
    }

    @Override
    public void dropCast(Transaction tx, CastInfo cast) {
        new AggregateDdl(system, databaseOid).dropCast(tx, cast);
    }

    @Override
    public List<OperatorInfo> lookupOperators(Transaction tx, String schema, String name) {
        CatalogImage image = system.imageFor(tx, databaseOid);
        List<OperatorInfo> all = image.operators(name);
        if (all.isEmpty()) {
            return List.of();
        }
        List<Integer> namespaces = schema == null ? searchPathOids(tx, image, true)
                : image.namespaceOid(schema) == null ? List.of() : List.of(image.namespaceOid(schema));
        List<OperatorInfo> found = new ArrayList<>();
        for (int namespaceOid : namespaces) {
            for (OperatorInfo operator : all) {
                if (operator.namespaceOid() == namespaceOid) {
                    found.add(operator);
                }
            }
        }
        return found;
    }

    @Override
    public Optional<OperatorInfo> operatorByOid(Transaction tx, int oid) {
        return Optional.ofNullable(system.imageFor(tx, databaseOid).operator(oid));
    }

    @Override
    public OperatorInfo storeOperator(Transaction tx, OperatorInfo operator) {
        return operators.store(tx, operator);
    }

    @Override
    public void dropOperator(Transaction tx, OperatorInfo operator) {
        operators.drop(tx, operator);
    }

    @Override
    public List<OperatorFamilyInfo> operatorFamilies(Transaction tx, boolean classes) {
        return classes ? operators.classes(tx) : operators.families(tx);
    }

    @Override
    public List<OperatorFamilyInfo.Member> operatorFamilyMembers(Transaction tx, int familyOid) {
        return operators.members(tx, familyOid);
    }

    @Override
    public int createOperatorFamily(Transaction tx, OperatorFamilyInfo info, boolean isClass) {
        return operators.create(tx, info, isClass);
    }

    @Override
    public void addOperatorFamilyMember(Transaction tx, OperatorFamilyInfo.Member member, int method) {
        operators.addMember(tx, member, method);
    }

    @Override
    public void dropOperatorFamilyMember(Transaction tx, OperatorFamilyInfo.Member member) {
        operators.dropMember(tx, member);
    }

    @Override
    public void dropOperatorFamily(Transaction tx, OperatorFamilyInfo info, boolean family) {
        operators.dropClassOrFamily(tx, info, family);
    }

    @Override
    public List<RuleInfo> rules(Transaction tx, int relationOid) {
        return system.imageFor(tx, databaseOid).rules(relationOid);
    }

    @Override
    public Optional<RuleInfo> ruleByOid(Transaction tx, int ruleOid) {
        return Optional.ofNullable(system.imageFor(tx, databaseOid).rule(ruleOid));
    }

    @Override
    public RuleInfo storeRule(Transaction tx, RuleInfo rule) {
        return new RuleDdl(system, databaseOid).store(tx, rule);
    }

    @Override
    public void dropRule(Transaction tx, RuleInfo rule) {
        new RuleDdl(system, databaseOid).drop(tx, rule);
    }

    @Override
    public List<TriggerInfo> triggers(Transaction tx, int relationOid) {
        return system.imageFor(tx, databaseOid).triggers(relationOid);
    }

    @Override
    public List<TriggerInfo> triggersCalling(Transaction tx, int functionOid) {
        return system.imageFor(tx, databaseOid).triggersCalling(functionOid);
    }

    @Override
    public Optional<TriggerInfo> triggerByOid(Transaction tx, int triggerOid) {
        return Optional.ofNullable(system.imageFor(tx, databaseOid).trigger(triggerOid));
    }

    @Override
    public TriggerInfo storeTrigger(Transaction tx, TriggerInfo trigger) {
        return new TriggerDdl(system, databaseOid).store(tx, trigger);
    }

    @Override
    public void dropTrigger(Transaction tx, TriggerInfo trigger) {
        new TriggerDdl(system, databaseOid).drop(tx, trigger);
    }

    /**
     * The session's temporary schema first when it has one and search_path does not list
     * {@code pg_temp} ({@code includeTemporary}: name lookups, not current_schemas(false)), then
     * pg_catalog unless listed, then the listed schemas that exist, each once.
     */
    private List<Integer> searchPathOids(Transaction tx, CatalogImage image, boolean includeTemporary) {
        List<Integer> oids = new ArrayList<>();
        List<String> names = searchPath.resolve(userName);
        Integer temporaryOid = ownTemporaryNamespace(image);
        if (includeTemporary && temporaryOid != null && !names.contains(TemporarySchema.ALIAS)) {
            oids.add(temporaryOid);
        }
        if (!names.contains(PG_CATALOG)) {
            oids.add(CatalogOids.PG_CATALOG_NAMESPACE);
        }
        for (String name : names) {
            Integer oid = namespaceOidOf(image, name);
            if (oid != null && !oids.contains(oid) && mayUse(tx, image, oid)) {
                oids.add(oid);
            }
        }
        return oids;
    }

    /**
     * Whether the current user holds USAGE on the schema ({@code recomputeNamespacePath} leaves
     * the others out of the path); pg_catalog and the session's own temporary schema need none.
     */
    private boolean mayUse(Transaction tx, CatalogImage image, int namespaceOid) {
        if (namespaceOid == CatalogOids.PG_CATALOG_NAMESPACE || isOwnTemporaryNamespace(image, namespaceOid)) {
            return true;
        }
        OptionalInt user = currentUserOid(tx);
        if (user.isEmpty() || isSuperuser(tx, user.getAsInt())) {
            return true;
        }
        NamespaceInfo namespace = NamespaceDdl.info(image.namespaceRow(namespaceOid));
        return namespace.ownerOid() == user.getAsInt()
                || hasNamespacePrivilege(tx, user.getAsInt(), namespace, 'U');
    }

    /** {@code LookupExplicitNamespace}: a schema named in a qualified name needs USAGE, else 42501. */
    private void checkUsage(Transaction tx, CatalogImage image, int namespaceOid) {
        if (!mayUse(tx, image, namespaceOid)) {
            throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for schema %s",
                    image.namespaceName(namespaceOid));
        }
    }

    @Override
    public int createCompositeType(Transaction tx, String schema, String name, List<ColumnSpec> attributes,
                                   int ownerOid) {
        int namespaceOid = creationNamespace(tx, schema, name, false);
        return types.createComposite(tx, system.imageFor(tx, databaseOid), namespaceOid, name, attributes, ownerOid);
    }

    @Override
    public int createEnumType(Transaction tx, String schema, String name, List<String> labels, int ownerOid) {
        int namespaceOid = creationNamespace(tx, schema, name, false);
        return types.createEnum(tx, system.imageFor(tx, databaseOid), namespaceOid, name, labels, ownerOid);
    }

    @Override
    public int createRangeType(Transaction tx, String schema, String name, RangeDefinition definition,
                               int ownerOid) {
        int namespaceOid = creationNamespace(tx, schema, name, false);
        int multirangeNamespaceOid = definition.multirangeName() == null ? namespaceOid
                : creationNamespace(tx, definition.multirangeSchema(), definition.multirangeName(), false);
        return types.createRange(tx, system.imageFor(tx, databaseOid), namespaceOid, name, definition,
                multirangeNamespaceOid, ownerOid);
    }

    @Override
    public int createShellType(Transaction tx, String schema, String name, int ownerOid) {
        int namespaceOid = creationNamespace(tx, schema, name, false);
        return types.createShell(tx, system.imageFor(tx, databaseOid), namespaceOid, name, ownerOid);
    }

    @Override
    public Optional<org.woolly.utils.adt.RangeTypes.RangeType> userRange(Transaction tx, int typeOid) {
        return Optional.ofNullable(system.imageFor(tx, databaseOid).userRange(typeOid));
    }

    @Override
    public int creationNamespaceOid(Transaction tx, String schema, String name) {
        return creationNamespace(tx, schema, name, false);
    }

    @Override
    public List<EnumLabel> enumLabels(Transaction tx, int typeOid) {
        return system.imageFor(tx, databaseOid).enumLabels(typeOid);
    }

    @Override
    public EnumLabel enumLabel(Transaction tx, int labelOid) {
        return system.imageFor(tx, databaseOid).enumLabel(labelOid);
    }

    @Override
    public boolean addEnumLabel(Transaction tx, int typeOid, String label, String neighbor, boolean before,
                                boolean ifNotExists) {
        return types.addEnumLabel(tx, system.imageFor(tx, databaseOid), typeOid, label, neighbor, before, ifNotExists);
    }

    @Override
    public void renameEnumLabel(Transaction tx, int typeOid, String oldLabel, String newLabel) {
        types.renameEnumLabel(tx, system.imageFor(tx, databaseOid), typeOid, oldLabel, newLabel);
    }

    @Override
    public List<int[]> columnsOfType(Transaction tx, TypeInfo type) {
        return types.dependentColumns(tx, type);
    }

    @Override
    public void dropType(Transaction tx, TypeInfo type) {
        types.dropType(tx, type);
    }

    @Override
    public void alterType(Transaction tx, TypeInfo type, String newName, int newNamespaceOid, int newOwnerOid) {
        types.alterType(tx, system.imageFor(tx, databaseOid), type, newName, newNamespaceOid, newOwnerOid);
    }

    @Override
    public Optional<DomainInfo> domain(Transaction tx, int typeOid) {
        return Optional.ofNullable(system.imageFor(tx, databaseOid).domain(typeOid));
    }

    @Override
    public List<DomainInfo> domainsOver(Transaction tx, int typeOid) {
        return system.imageFor(tx, databaseOid).domainsOver(typeOid);
    }

    @Override
    public Optional<DomainInfo.Check> domainCheck(Transaction tx, int constraintOid) {
        return Optional.ofNullable(system.imageFor(tx, databaseOid).domainCheck(constraintOid));
    }

    @Override
    public int createDomain(Transaction tx, String schema, String name, int baseTypeOid, int baseTypmod,
                            boolean notNull, String defaultExpression, int ownerOid) {
        int namespaceOid = creationNamespace(tx, schema, name, false);
        return domains.create(tx, system.imageFor(tx, databaseOid), namespaceOid, name, baseTypeOid, baseTypmod,
                notNull, defaultExpression, ownerOid);
    }

    @Override
    public void setDomainDefault(Transaction tx, int domainOid, String defaultExpression) {
        domains.update(tx, domainOid, "typdefault", defaultExpression);
    }

    @Override
    public void setDomainNotNull(Transaction tx, int domainOid, boolean notNull) {
        domains.update(tx, domainOid, "typnotnull", notNull);
    }

    @Override
    public void addDomainCheck(Transaction tx, int domainOid, int namespaceOid, String name, String expression,
                               boolean validated) {
        domains.addCheck(tx, domainOid, namespaceOid, name, expression, validated);
    }

    @Override
    public void dropDomainCheck(Transaction tx, int domainOid, int constraintOid) {
        domains.dropChecks(tx, domainOid, constraintOid);
    }

    @Override
    public void validateDomainCheck(Transaction tx, int domainOid, int constraintOid) {
        domains.markValidated(tx, domainOid, constraintOid);
    }


    /**
     * Where CREATE puts a relation ({@code RangeVarGetCreationNamespace} with
     * {@code RangeVarAdjustRelationPersistence}): the named schema, or the first existing schema
     * listed in search_path; the session's temporary schema (made now if need be) for a
     * temporary relation or one created in {@code pg_temp}.
     */
    private int creationNamespace(Transaction tx, String schema, String relationName, boolean temporaryRelation) {
        CatalogImage image = system.imageFor(tx, databaseOid);
        if (schema != null) {
            if (schema.equals(TemporarySchema.ALIAS)) {
                return temporaryNamespace(tx);
            }
            Integer oid = image.namespaceOid(schema);
            if (oid == null) {
                throw SqlException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", schema);
            }
            if (TemporarySchema.isTemporaryName(schema)) {
                if (!oid.equals(ownTemporaryNamespace(image))) {
                    throw new SqlException(SqlState.INVALID_TABLE_DEFINITION,
                            "cannot create relations in temporary schemas of other sessions");
                }
                return oid;
            }
            if (temporaryRelation) {
                throw new SqlException(SqlState.INVALID_TABLE_DEFINITION,
                        "cannot create temporary relation in non-temporary schema");
            }
            return checkCreationAllowed(tx, oid, schema, relationName);
        }
        if (temporaryRelation) {
            return temporaryNamespace(tx);
        }
        for (String name : searchPath.resolve(userName)) {
            if (name.equals(TemporarySchema.ALIAS)) {
                return temporaryNamespace(tx);
            }
            Integer oid = image.namespaceOid(name);
            if (oid != null && mayUse(tx, image, oid)) {
                return checkCreationAllowed(tx, oid, name, relationName);
            }
        }
        throw new SqlException(SqlState.INVALID_SCHEMA_NAME, "no schema has been selected to create in");
    }

    /**
     * Creating in a schema needs CREATE on it ({@code RangeVarGetCreationNamespace}'s
     * {@code pg_namespace_aclcheck}); pg_catalog and pg_toast take no user objects at all.
     */
    private int checkCreationAllowed(Transaction tx, int namespaceOid, String schema, String relationName) {
        if (namespaceOid == CatalogOids.PG_CATALOG_NAMESPACE || namespaceOid == CatalogOids.PG_TOAST_NAMESPACE) {
            throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to create \"%s.%s\"", schema,
                    relationName).withDetail("System catalog modifications are currently disallowed.");
        }
        OptionalInt user = currentUserOid(tx);
        if (user.isPresent()) {
            NamespaceInfo namespace = NamespaceDdl.info(system.imageFor(tx, databaseOid).namespaceRow(namespaceOid));
            if (!hasNamespacePrivilege(tx, user.getAsInt(), namespace, 'C')) {
                throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for schema %s", schema);
            }
        }
        return namespaceOid;
    }

    /** The OID of the role this catalog view acts for (search_path's $user), if it names one. */
    private OptionalInt currentUserOid(Transaction tx) {
        return userName == null ? OptionalInt.empty() : roleOid(tx, userName);
    }

    /** {@code pg_temp} names the session's own temporary schema (null until it has one). */
    private Integer namespaceOidOf(CatalogImage image, String schema) {
        return schema.equals(TemporarySchema.ALIAS) ? ownTemporaryNamespace(image) : image.namespaceOid(schema);
    }

    /** The OID of the session's temporary schema once the session has set it up, else null. */
    private Integer ownTemporaryNamespace(CatalogImage image) {
        if (temporary == null || !temporary.cleaned || !temporary.hasBackendId()) {
            return null;
        }
        return image.namespaceOid(temporary.name());
    }

    private boolean isOwnTemporaryNamespace(CatalogImage image, int namespaceOid) {
        Integer own = ownTemporaryNamespace(image);
        return own != null && own == namespaceOid;
    }

    /**
     * The session's temporary schema, made on first use ({@code InitTempTableNamespace}): the
     * {@code pg_temp_N} and {@code pg_toast_temp_N} rows of its backend id, or, when an earlier
     * session with that id left them, those rows emptied of what that session left behind. Its
     * first use in a session needs TEMPORARY on the database.
     */
    private int temporaryNamespace(Transaction tx) {
        if (temporary == null) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "temporary tables need a session");
        }
        if (!temporary.cleaned) {
            OptionalInt user = currentUserOid(tx);
            if (user.isPresent() && !hasDatabasePrivilege(tx, user.getAsInt(), 'T')) {
                throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE,
                        "permission denied to create temporary tables in database \"%s\"", databaseName());
            }
        }
        CatalogImage image = system.imageFor(tx, databaseOid);
        Integer oid = image.namespaceOid(temporary.name());
        if (oid == null) {
            oid = namespaces.create(tx, temporary.name(), CatalogOids.BOOTSTRAP_SUPERUSER).oid();
        } else if (!temporary.cleaned) {
            dropRelationsIn(tx, oid);
        }
        if (image.namespaceOid(temporary.toastName()) == null) {
            namespaces.create(tx, temporary.toastName(), CatalogOids.BOOTSTRAP_SUPERUSER);
        }
        temporary.cleaned = true;
        return oid;
    }

    private void dropRelationsIn(Transaction tx, int namespaceOid) {
        NamespaceInfo namespace = NamespaceDdl.info(system.imageFor(tx, databaseOid).namespaceRow(namespaceOid));
        for (RelationInfo relation : namespaces.dependents(tx, namespace).reversed()) {
            dropRelation(tx, relation);
            if (temporary != null) {
                temporary.forget(relation.oid());
            }
        }
    }

    /** {@code pg_my_temp_schema()}: the OID of the session's temporary schema, 0 if it has none. */
    public int myTemporarySchema(Transaction tx) {
        Integer oid = ownTemporaryNamespace(system.imageFor(tx, databaseOid));
        return oid == null ? 0 : oid;
    }

    /** {@code pg_is_other_temp_schema(oid)}: whether the schema is another session's temporary one. */
    public boolean isOtherTemporarySchema(Transaction tx, int namespaceOid) {
        CatalogImage image = system.imageFor(tx, databaseOid);
        String name = image.namespaceName(namespaceOid);
        return name != null && name.startsWith(TemporarySchema.PREFIX)
                && !Integer.valueOf(namespaceOid).equals(ownTemporaryNamespace(image));
    }

    /**
     * The schemas of search_path as {@code current_schemas(includeImplicit)} lists them: with the
     * implicit temporary schema and pg_catalog, or only the explicit ones that exist.
     */
    public List<String> currentSchemas(Transaction tx, boolean includeImplicit) {
        CatalogImage image = system.imageFor(tx, databaseOid);
        List<String> names = new ArrayList<>();
        if (includeImplicit) {
            for (int oid : searchPathOids(tx, image, true)) {
                names.add(image.namespaceName(oid));
            }
            return names;
        }
        for (String name : searchPath.resolve(userName)) {
            Integer oid = namespaceOidOf(image, name);
            if (oid != null && !names.contains(image.namespaceName(oid)) && mayUse(tx, image, oid)) {
                names.add(image.namespaceName(oid));
            }
        }
        return names;
    }

    /** Records a temporary table's ON COMMIT action ({@code register_on_commit_action}). */
    public void registerOnCommit(RelationInfo table, TemporarySchema.OnCommit action) {
        if (temporary != null) {
            temporary.onCommit(table.oid(), action);
        }
    }

    /**
     * Runs the ON COMMIT actions of the session's temporary tables before a commit
     * ({@code PreCommit_on_commit_actions}): DELETE ROWS truncates, DROP drops. A table that is
     * gone (dropped, or its creation rolled back) is forgotten.
     */
    public void runOnCommitActions(Transaction tx) {
        if (temporary == null) {
            return;
        }
        for (var entry : temporary.onCommitActions().entrySet()) {
            RelationInfo relation = system.imageFor(tx, databaseOid).relation(entry.getKey());
            if (relation == null) {
                temporary.forget(entry.getKey());
            } else if (entry.getValue() == TemporarySchema.OnCommit.DROP) {
                dropRelation(tx, relation);
                temporary.forget(entry.getKey());
            } else if (tx.xid() != 0) {
                emptyTable(tx, relation);
            }
        }
    }

    /** Whether the session has ON COMMIT actions to run (so a commit needs its hook). */
    public boolean hasOnCommitActions() {
        return temporary != null && !temporary.onCommitActions().isEmpty();
    }

    /**
     * Drops every relation in the session's temporary schema: DISCARD TEMP, and session end
     * ({@code RemoveTempRelationsCallback}).
     */
    public void dropTemporaryRelations(Transaction tx) {
        Integer oid = ownTemporaryNamespace(system.imageFor(tx, databaseOid));
        if (oid != null) {
            dropRelationsIn(tx, oid);
        }
    }

    /** Whether the session set up its temporary schema (so its end has relations to drop). */
    public boolean usedTemporarySchema() {
        return temporary != null && temporary.cleaned;
    }

    /** Gives the session's backend id back: its temporary schema may go to another session. */
    public void releaseTemporarySchema() {
        if (temporary != null) {
            temporary.release();
        }
    }

    /**
     * Drops what every temporary schema of the database holds: at start-up, when no session is
     * alive, whatever the sessions of the previous run left (a crash ends no session cleanly).
     * PostgreSQL removes the files at start-up ({@code RemovePgTempFiles}) and the catalog rows
     * when the backend id is next used or by autovacuum; Woolly does both here at once.
     */
    public void dropLeftoverTemporaryRelations(Transaction tx) {
        List<Integer> leftovers = new ArrayList<>();
        for (CatalogRow row : system.imageFor(tx, databaseOid).namespaceRows()) {
            if (row.getString("nspname").startsWith(TemporarySchema.PREFIX)) {
                leftovers.add(row.getOid("oid"));
            }
        }
        for (int namespaceOid : leftovers) {
            dropRelationsIn(tx, namespaceOid);
        }
    }

    /**
     * Empties every UNLOGGED table (and its indexes) after crash recovery: what it held is not
     * trusted once the WAL did not protect it. PostgreSQL copies each init fork over the main fork
     * ({@code ResetUnloggedRelations}); Woolly gives each table a new, empty relfilenode.
     */
    public void resetUnloggedRelations(Transaction tx) {
        CatalogImage image = system.imageFor(tx, databaseOid);
        List<Integer> unlogged = new ArrayList<>();
        for (CatalogRow namespace : image.namespaceRows()) {
            for (CatalogRow row : image.classRowsIn(namespace.getOid("oid"))) {
                if (row.getChar("relpersistence") == 'u' && row.getChar("relkind") == 'r') {
                    unlogged.add(row.getOid("oid"));
                }
            }
        }
        for (int oid : unlogged) {
            emptyTable(tx, system.imageFor(tx, databaseOid).relation(oid));
        }
    }

    /** A new, empty relfilenode for the table and each index, the indexes with their metapage (heap_truncate). */
    private void emptyTable(Transaction tx, RelationInfo table) {
        RelationInfo truncated = truncate(tx, table);
        if (truncated.indexes().isEmpty()) {
            return;
        }
        org.woolly.access.nbtree.BTreeAccess btree = org.woolly.access.nbtree.BTreeAccess.of(system.storage());
        for (IndexInfo index : truncated.indexes()) {
            if (index.locator().relNumber() == 0) {
                continue;
            }
            btree.buildEmpty(index.shape(), tx);
        }
    }

    /** A relation's relpersistence: 'p' permanent, 'u' unlogged, 't' temporary. */
    public char persistence(Transaction tx, int relationOid) {
        CatalogRow row = system.imageFor(tx, databaseOid).classRow(relationOid);
        return row == null ? 'p' : row.getChar("relpersistence");
    }
}
