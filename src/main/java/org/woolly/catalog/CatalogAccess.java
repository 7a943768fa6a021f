package org.woolly.catalog;

import org.woolly.access.transam.Transaction;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The system catalogs as one session's statements see them: lookups and changes made within
 * the session's current transaction, so DDL is transactional (a transaction sees its own
 * uncommitted catalog changes; others see them once it commits). The catalogs themselves are
 * heap tables ({@code pg_class}, {@code pg_attribute}, {@code pg_type}, {@code pg_namespace},
 * ...). Counterpart of {@code namespace.c}, {@code relcache.c}, {@code heap.c} (create/drop).
 */
public interface CatalogAccess {

    /** Looks up a relation by (optional) schema and name; unqualified names follow search_path. */
    Optional<RelationInfo> lookupRelation(Transaction tx, String schema, String name);

    RelationInfo relationByOid(Transaction tx, int oid);

    /**
     * Looks a relation up and locks it in {@code mode} until the end of {@code tx}, then looks it
     * up again, so the caller works on the relation as it is once no conflicting transaction
     * holds it: dropped meanwhile (empty), truncated (its new relfilenode), or a new relation of
     * that name (locked in turn). Counterpart of {@code RangeVarGetRelidExtended} with a lock
     * mode, as {@code parserOpenTable} and the DDL commands call it.
     */
    default Optional<RelationInfo> openRelation(Transaction tx, String schema, String name, LockMode mode) {
        Optional<RelationInfo> relation = lookupRelation(tx, schema, name);
        Set<Integer> locked = new HashSet<>();
        while (relation.isPresent() && locked.add(relation.get().oid())) {
            RelationLocks.lock(tx, relation.get(), mode);
            relation = lookupRelation(tx, schema, name);
        }
        return relation;
    }

    /**
     * The query of a view (relkind 'v') as SQL text, from its {@code _RETURN} rule in pg_rewrite;
     * the analyzer expands the view as a subquery of that query. Empty for any other relation.
     */
    default Optional<String> viewQuery(Transaction tx, int relationOid) {
        return Optional.empty();
    }

    /**
     * The catalogs as a system view's query is resolved against them: search_path pg_catalog
     * only, whatever the session's, as PostgreSQL's stored view queries name their relations by
     * OID. Catalogs without a search path (test fakes) return themselves.
     */
    default CatalogAccess withSystemSearchPath() {
        return this;
    }

    /**
     * The catalog invalidations so far, as a number: a cached plan records it before analysis
     * and is stale once {@link #relationChangedSince} says so for one of its relations.
     * Catalogs that never change (test fakes) keep 0.
     */
    default long invalidationStamp() {
        return 0;
    }

    /**
     * Whether the relation was created, dropped, truncated or altered after {@code stamp}, by
     * {@code tx} itself or by a transaction that committed ({@code PlanCacheRelCallback}).
     */
    default boolean relationChangedSince(Transaction tx, int relationOid, long stamp) {
        return false;
    }

    /** Whether {@code tx} changed the catalogs: plans it made must not outlive it (it may roll back). */
    default boolean changedCatalogs(Transaction tx) {
        return false;
    }

    /** The bytes of one fork of a relation's files, 0 when it has none (views, a fork never made). */
    default long forkSize(org.woolly.storage.smgr.RelFileLocator relation, org.woolly.storage.smgr.ForkNumber fork) {
        return 0;
    }

    /** The comment on an object from pg_description ({@code classOid}: the catalog it is a row of). */
    default Optional<String> description(Transaction tx, int objectOid, int classOid, int subId) {
        return Optional.empty();
    }

    /** Sets or, with a null {@code text}, removes the comment on an object ({@code CreateComments}). */
    default void setDescription(Transaction tx, int objectOid, int classOid, int subId, String text) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "COMMENT is not supported by this catalog");
    }

    /** The comment on a shared object (database, role, tablespace) from pg_shdescription. */
    default Optional<String> sharedDescription(Transaction tx, int objectOid, int classOid) {
        return Optional.empty();
    }

    /**
     * Whether the role holds the privilege {@code letter} (as aclitem prints it) on a relation
     * ({@code kind} 'r'), schema ('n') or database ('d'); empty when no such object exists.
     */
    default Optional<Boolean> hasObjectPrivilege(Transaction tx, int roleOid, char kind, int objectOid, char letter) {
        return Optional.of(true);
    }

    /** The schemas of search_path that exist, in order (pg_catalog first when not listed). */
    List<String> searchPath(Transaction tx);

    /** Resolves a type name as written ({@code int4}, {@code varchar}, {@code pg_catalog.text}) to its OID; 42704 if unknown. */
    int lookupTypeOid(Transaction tx, String schema, String name);

    /**
     * {@link #lookupTypeOid} for a type that a column, cast or parameter will hold values of. A
     * type that pg_type lists (as PostgreSQL's does, for clients that read the catalog) but whose
     * values Woolly cannot hold yet (json, uuid, regclass, a table's row type) is refused with
     * 0A000 where it is named, so no column or cast of it exists half-working.
     */
    default int lookupValueTypeOid(Transaction tx, String schema, String name) {
        int typeOid = lookupTypeOid(tx, schema, name);
        if (typeByOid(tx, typeOid).filter(TypeDdl::isShell).isPresent()) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "type \"%s\" is only a shell", name);
        }
        if (BuiltinTypes.byOid(typeOid) == null
                && typeByOid(tx, typeOid).map(type -> type.typtype() != 'e' && type.typtype() != 'd'
                && type.typtype() != 'c' && type.typtype() != 'r' && type.typtype() != 'm').orElse(true)) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "type %s is not supported yet", name);
        }
        return typeOid;
    }

    /**
     * Creates a heap table in the given schema (null: the first existing schema of search_path)
     * and its storage, inserting its pg_class, pg_attribute, pg_type (row type) and pg_attrdef rows.
     * 42P07 if a relation of that name exists; 42701 for duplicate column names.
     */
    RelationInfo createTable(Transaction tx, String schema, String name, List<ColumnSpec> columns,
                             char persistence);

    /** Drops the relation and its catalog rows; its files go when the transaction commits. */
    void dropRelation(Transaction tx, RelationInfo relation);

    /** Removes every row of the relation by giving it a new, empty relfilenode (TRUNCATE). */
    RelationInfo truncate(Transaction tx, RelationInfo relation);

    /** Whether a relation of that name exists in the namespace (for generated names). */
    default boolean relationNameExists(Transaction tx, int namespaceOid, String name) {
        return false;
    }

    /** Whether a constraint of that name exists in the namespace ({@code ConstraintNameExists}). */
    default boolean constraintNameExists(Transaction tx, int namespaceOid, String name) {
        return false;
    }

    /**
     * Creates the catalog rows and empty file of a B-tree index on {@code table}; the caller
     * builds it. 42P07 if a relation of that name exists in the table's schema.
     */
    default IndexInfo createIndex(Transaction tx, RelationInfo table, IndexSpec spec) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "indexes are not supported by this catalog");
    }

    /** Drops an index of {@code table}: catalog rows now, file at commit. */
    default void dropIndex(Transaction tx, RelationInfo table, IndexInfo index) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "indexes are not supported by this catalog");
    }

    /** Sets {@code pg_index.indisvalid} of an index of table {@code tableOid}. */
    default void setIndexValid(Transaction tx, int tableOid, int indexOid, boolean valid) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "indexes are not supported by this catalog");
    }

    /**
     * Links a partition's constraint to its partitioned table's ({@code conparentid}; 0 unlinks it);
     * {@code created}: the constraint was just made for the parent's (then {@code connoinherit} is false).
     */
    default void setConstraintParent(Transaction tx, int relationOid, int constraintOid, int parentOid,
                                     boolean created) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "constraints are not supported by this catalog");
    }

    /** Gives an index a new, empty file for REINDEX; returns it as it is now. */
    default IndexInfo reindex(Transaction tx, RelationInfo table, IndexInfo index) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "indexes are not supported by this catalog");
    }

    /**
     * The foreign keys of other tables (or of this one) that reference {@code relationOid}, in
     * the referencing tables' OID order; empty for a catalog that has none.
     */
    default java.util.List<ForeignKeyReference> referencingForeignKeys(Transaction tx, int relationOid) {
        return java.util.List.of();
    }

    /** Adds a pg_constraint row to {@code table}. */
    default void addConstraint(Transaction tx, RelationInfo table, ConstraintInfo constraint) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "constraints are not supported by this catalog");
    }

    /** Removes a constraint's pg_constraint row. */
    default void dropConstraint(Transaction tx, RelationInfo table, ConstraintInfo constraint) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "constraints are not supported by this catalog");
    }

    /** A new OID (for constraints, whose rows the caller describes). */
    default int allocateOid() {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "OIDs are not available from this catalog");
    }

    /** The OID of the table an index belongs to ({@code pg_index.indrelid}); 42704 if it is no index. */
    default int indexTableOid(Transaction tx, int indexOid) {
        throw new SqlException(SqlState.UNDEFINED_OBJECT, "index with OID " + indexOid + " does not exist");
    }

    // ALTER TABLE (tablecmds.c). The caller has locked the relation AccessExclusive and made the
    // checks PostgreSQL makes first (names, kinds); each returns the relation as it is afterwards.

    /** Renames the relation and its row type; 42P07 if its schema has a relation of that name. */
    RelationInfo renameRelation(Transaction tx, RelationInfo relation, String newName);

    /** Renames column {@code attributeNumber}. */
    RelationInfo renameColumn(Transaction tx, RelationInfo relation, int attributeNumber, String newName);

    /**
     * Appends a column; rows already stored read {@code missingValue} for it (an attmissingval
     * literal, see {@link MissingValues}) or NULL when that is null.
     */
    RelationInfo addColumn(Transaction tx, RelationInfo relation, ColumnSpec column, String missingValue);

    /** Marks the column dropped; stored rows keep its bytes, readers skip it. */
    RelationInfo dropColumn(Transaction tx, RelationInfo relation, int attributeNumber);

    /** Sets the column's DEFAULT (SQL text), or removes it when null. */
    RelationInfo setColumnDefault(Transaction tx, RelationInfo relation, int attributeNumber, String expression);

    RelationInfo setColumnNotNull(Transaction tx, RelationInfo relation, int attributeNumber, boolean notNull);

    /** Sets a column's {@code attstorage} or, with {@code compression}, its {@code attcompression} ('\0': the default). */
    RelationInfo setColumnStorage(Transaction tx, RelationInfo relation, int attributeNumber, char value,
                                  boolean compression);

    /** Gives the column a new type; the caller then rewrites the table ({@link #rewriteRelation}). */
    RelationInfo changeColumnType(Transaction tx, RelationInfo relation, int attributeNumber, int typeOid,
                                  int typeModifier);

    /**
     * A new, empty relfilenode for the relation, created now (WAL-logged, removed on abort) and
     * swapped in by this transaction's catalog change (the old files go at commit): the caller
     * writes every row into the returned relation.
     */
    RelationInfo rewriteRelation(Transaction tx, RelationInfo relation);

    /** Sets {@code relowner} (and the row type's owner). */
    RelationInfo setRelationOwner(Transaction tx, RelationInfo relation, int ownerOid);

    /** The relation's owner ({@code pg_class.relowner}). */
    int relationOwner(Transaction tx, RelationInfo relation);

    /** The OID of the role of that name, if one exists. */
    java.util.OptionalInt roleOid(String roleName);

    /** The name of the role of that OID, if one exists ({@code pg_get_userbyid}). */
    default Optional<String> roleName(int roleOid) {
        return Optional.empty();
    }
    /**
     * The relation's size as last recorded (pg_class.relpages, reltuples) and its column
     * statistics (pg_statistic), or null when the catalog keeps none.
     */
    default TableStatistics statistics(Transaction tx, int relationOid) {
        return null;
    }

    /**
     * Records ANALYZE's results: replaces the pg_statistic (and pg_stats) rows of the given
     * columns and sets pg_class.relpages and reltuples.
     */
    default void storeStatistics(Transaction tx, RelationInfo relation, int relpages, double reltuples,
                                 List<TableStatistics.Column> columns) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "ANALYZE is not supported by this catalog");
    }

    /**
     * {@link #storeStatistics(Transaction, RelationInfo, int, double, List)} that also sets
     * pg_class.relallvisible (VACUUM and ANALYZE count the visibility map, {@code vac_update_relstats}).
     */
    default void storeStatistics(Transaction tx, RelationInfo relation, int relpages, double reltuples,
                                 int relallvisible, List<TableStatistics.Column> columns) {
        storeStatistics(tx, relation, relpages, reltuples, columns);
    }

    /**
     * pg_class.relfrozenxid of a relation: every XID older than it on the relation's pages is
     * frozen; 0 for a relation without one (views, indexes, sequences).
     */
    default long relationFrozenXid(Transaction tx, int relationOid) {
        return 0;
    }

    /**
     * VACUUM's pg_class figures ({@code vac_update_relstats}): relpages, reltuples and
     * relallvisible (each kept when negative) and relfrozenxid (kept when 0 or not newer),
     * overwritten in place: not rolled back with the VACUUM's transaction, no new row version,
     * every session's catalog cache invalidated at once.
     */
    default void updateRelationStatsInPlace(Transaction tx, RelationInfo relation, int relpages, double reltuples,
                                            int relallvisible, long frozenXid) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "VACUUM is not supported by this catalog");
    }

    /**
     * The oldest relfrozenxid over the database's tables with storage, pg_class's own rows
     * included ({@code vac_update_datfrozenxid}'s scan).
     */
    default long oldestRelationFrozenXid(Transaction tx) {
        return 0;
    }

    /** The ordinary tables of the database (ANALYZE without a table list), user tables first. */
    default List<RelationInfo> tables(Transaction tx) {
        return List.of();
    }
    /**
     * Creates a sequence (relkind 'S') with its pg_class, pg_attribute, pg_type and pg_sequence
     * rows and its (empty) file; the caller writes its page. 42P07 if the name is taken.
     */
    default RelationInfo createSequence(Transaction tx, String schema, String name, SequenceDefinition definition,
                                        char persistence) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "sequences are not supported by this catalog");
    }

    /** The pg_sequence row of a sequence, or empty. */
    default Optional<SequenceDefinition> sequenceDefinition(Transaction tx, int sequenceOid) {
        return Optional.empty();
    }

    /** Replaces the pg_sequence row of a sequence (ALTER SEQUENCE). */
    default void alterSequence(Transaction tx, RelationInfo sequence, SequenceDefinition definition) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "sequences are not supported by this catalog");
    }

    /** Renames a sequence (ALTER SEQUENCE ... RENAME TO). */
    default void renameSequence(Transaction tx, RelationInfo sequence, String newName) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "sequences are not supported by this catalog");
    }

    /**
     * Creates a view whose {@code _RETURN} rule holds {@code query} (schema-qualified SQL text) and
     * depends on {@code references} (relation OID, column number or 0).
     */
    default RelationInfo createView(Transaction tx, String schema, String name, List<ColumnSpec> columns, String query,
                                    List<int[]> references) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "views are not supported by this catalog");
    }

    /** CREATE OR REPLACE VIEW: new query and dependencies, {@code columns} the old ones then any added. */
    default RelationInfo replaceView(Transaction tx, RelationInfo view, List<ColumnSpec> columns, String query,
                                     List<int[]> references) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "views are not supported by this catalog");
    }

    /** The OIDs of the views that read {@code relationOid} (its column {@code column}; any part of it when 0). */
    default List<Integer> dependentViews(Transaction tx, int relationOid, int column) {
        return List.of();
    }

    /** Adds a pg_depend row between relations. */
    default void addDependency(Transaction tx, RelationDependency dependency) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "dependencies are not supported by this catalog");
    }

    /** Removes the OWNED BY dependency of a sequence, if any. */
    default void removeSequenceOwnership(Transaction tx, int sequenceOid) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "dependencies are not supported by this catalog");
    }

    /** The pg_depend rows between relations on {@code relationOid} ({@code onIt}) or of it. */
    default List<RelationDependency> dependencies(Transaction tx, int relationOid, boolean onIt) {
        return List.of();
    }

    /** Removes a column's default (and its atthasdef), as DROP SEQUENCE ... CASCADE does. */
    default void dropColumnDefault(Transaction tx, int tableOid, int column) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "dependencies are not supported by this catalog");
    }

    /** Makes a column an identity column ('a' ALWAYS, 'd' BY DEFAULT) drawing from {@code nextvalExpression}. */
    default void setIdentity(Transaction tx, int tableOid, int column, char identity, String nextvalExpression) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "identity columns are not supported by this catalog");
    }

    // Table inheritance (pg_inherits.c)

    /** The direct parents of a table in inhseqno order. */
    default List<Integer> inheritanceParents(Transaction tx, int relationOid) {
        return List.of();
    }

    /** The direct children of a table in OID order. */
    default List<Integer> inheritanceChildren(Transaction tx, int relationOid) {
        return List.of();
    }

    /** The table and all its descendants, parents before children ({@code find_all_inheritors}). */
    default List<Integer> allInheritors(Transaction tx, int relationOid) {
        return List.of(relationOid);
    }

    // Declarative partitioning (partcache.c, heap.c StorePartitionKey / StorePartitionBound)

    /** Makes a table partitioned: its pg_partitioned_table row and relkind 'p'. */
    default void storePartitionKey(Transaction tx, int relationOid, PartitionKey key) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "partitioning is not supported by this catalog");
    }

    /** The partition key of a partitioned table, or empty. */
    default java.util.Optional<PartitionKey> partitionKey(Transaction tx, int relationOid) {
        return java.util.Optional.empty();
    }

    /** Sets a partition's relpartbound (null: no longer a partition); a default one is the parent's partdefid. */
    default void storePartitionBound(Transaction tx, int relationOid, int parentOid, String bound, boolean isDefault) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "partitioning is not supported by this catalog");
    }

    /** A partition's bound as pg_get_expr prints relpartbound, or null when it is not a partition. */
    default String partitionBound(Transaction tx, int relationOid) {
        return null;
    }

    /** Makes {@code child} inherit from {@code parent} at position {@code sequence} (pg_inherits, relhassubclass). */
    default void addInheritanceParent(Transaction tx, int childOid, int parentOid, int sequence) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "inheritance is not supported by this catalog");
    }

    /** Removes the pg_inherits row between {@code child} and {@code parent}; false when there was none. */
    default boolean removeInheritanceParent(Transaction tx, int childOid, int parentOid) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "inheritance is not supported by this catalog");
    }

    /** A column's attinhcount: from how many parents it is inherited. */
    default int columnInheritCount(Transaction tx, int relationOid, int attributeNumber) {
        return 0;
    }

    /** A constraint's coninhcount: from how many parents it is inherited. */
    default int constraintInheritCount(Transaction tx, int relationOid, String name) {
        return 0;
    }

    /** A column's attislocal: whether the table defines it itself (too). */
    default boolean columnIsLocal(Transaction tx, int relationOid, int attributeNumber) {
        return true;
    }

    /** Sets a column's attinhcount and attislocal. */
    default void setColumnInheritance(Transaction tx, int relationOid, int attributeNumber, int count, boolean local) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "inheritance is not supported by this catalog");
    }

    /** Sets a constraint's coninhcount and conislocal. */
    default void setConstraintInheritance(Transaction tx, int relationOid, String name, int count, boolean local) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "inheritance is not supported by this catalog");
    }

    // Schemas (schemacmds.c, pg_namespace.c)

    /** These catalogs with search_path set to the one schema (CREATE SCHEMA's elements are created there). */
    default CatalogAccess inSchemaOnly(String schema) {
        return this;
    }

    /** Whether CREATE EXTENSION made an extension of that name in this database (pg_extension). */
    default boolean extensionExists(Transaction tx, String name) {
        return false;
    }

    /** Records an extension in pg_extension. */
    default void createExtension(Transaction tx, String name, int ownerOid, int namespaceOid, String version) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "extensions are not supported by this catalog");
    }

    /** Removes an extension's pg_extension row; false when there is none. */
    default boolean dropExtension(Transaction tx, String name) {
        return false;
    }

    /** The schema of that name, if it exists. */
    default Optional<NamespaceInfo> namespace(Transaction tx, String name) {
        return Optional.empty();
    }

    /** The schema of that OID, if it exists. */
    default Optional<NamespaceInfo> namespaceByOid(Transaction tx, int oid) {
        return Optional.empty();
    }

    /** Creates a schema owned by {@code ownerOid}; 42P06 if the name is taken. */
    default NamespaceInfo createNamespace(Transaction tx, String name, int ownerOid) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "schemas are not supported by this catalog");
    }

    /** Renames a schema; 42P06 if the new name is taken. */
    default NamespaceInfo renameNamespace(Transaction tx, NamespaceInfo namespace, String newName) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "schemas are not supported by this catalog");
    }

    /** Sets a schema's owner ({@code nspowner}). */
    default NamespaceInfo setNamespaceOwner(Transaction tx, NamespaceInfo namespace, int ownerOid) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "schemas are not supported by this catalog");
    }

    /** Sets a schema's access privileges ({@code nspacl}, aclitem[] text; null for the defaults). */
    default NamespaceInfo setNamespaceAcl(Transaction tx, NamespaceInfo namespace, String acl) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "schemas are not supported by this catalog");
    }

    /** The relations that depend on the schema itself (not indexes or owned sequences), in creation order. */
    default List<RelationInfo> namespaceDependents(Transaction tx, NamespaceInfo namespace) {
        return List.of();
    }

    /** Removes the schema's pg_namespace row; the caller dropped its contents first. */
    default void dropNamespace(Transaction tx, NamespaceInfo namespace) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "schemas are not supported by this catalog");
    }

    /** Moves a relation (with its indexes, constraints, owned sequences, row type) to another schema. */
    default RelationInfo setRelationNamespace(Transaction tx, RelationInfo relation, NamespaceInfo target) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "schemas are not supported by this catalog");
    }

    // Roles and privileges (user.c, acl.c, aclchk.c)

    /** The OID of the role of that name as {@code tx} sees pg_authid (its own CREATE ROLE included). */
    default java.util.OptionalInt roleOid(Transaction tx, String roleName) {
        return roleOid(roleName);
    }

    /** The name of the role of that OID as {@code tx} sees pg_authid. */
    default Optional<String> roleName(Transaction tx, int roleOid) {
        return roleName(roleOid);
    }

    /** The pg_authid columns of a role (column name to value), or empty if there is none. */
    default Optional<java.util.Map<String, Object>> roleAttributes(Transaction tx, int roleOid) {
        return Optional.empty();
    }

    /** {@code has_privs_of_role}: whether {@code member} has the privileges of {@code role} (inherited membership). */
    default boolean hasPrivilegesOfRole(Transaction tx, int member, int role) {
        return member == role;
    }

    /**
     * The roles {@code member} belongs to, itself included, directly or through others; with
     * {@code inheritingOnly}, only through roles that INHERIT ({@code roles_is_member_of}).
     * Superuser status plays no part ({@code is_member_of_role_nosuper}).
     */
    default java.util.Set<Integer> rolesOf(Transaction tx, int member, boolean inheritingOnly) {
        return java.util.Set.of(member);
    }

    /** {@code is_member_of_role}: whether {@code member} is {@code role} or a member of it, directly or not. */
    default boolean isMemberOfRole(Transaction tx, int member, int role) {
        return member == role;
    }

    /** The databases of the server (CREATE / ALTER / DROP DATABASE); 0A000 where a catalog has none. */
    default DatabaseDdl databases() {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "databases are not supported by this catalog");
    }

    /** The OID of the database this catalog belongs to. */
    default int currentDatabaseOid() {
        return CatalogOids.POSTGRES_DATABASE;
    }

    /** The name of the database this catalog belongs to. */
    default String databaseName() {
        return "postgres";
    }

    /** Whether the role holds privilege {@code letter} (aclitem letter, e.g. 'C') on the current database. */
    default boolean hasDatabasePrivilege(Transaction tx, int roleOid, char letter) {
        return true;
    }

    /** Whether the role holds privilege {@code letter} ('U' usage, 'C' create) on the schema. */
    default boolean hasNamespacePrivilege(Transaction tx, int roleOid, NamespaceInfo namespace, char letter) {
        return true;
    }

    /** Creates a role: CREATE ROLE's defaults overridden by {@code attributes} (pg_authid column to value). */
    default int createRole(Transaction tx, String name, java.util.Map<String, Object> attributes) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "roles are not supported by this catalog");
    }

    /** Sets pg_authid columns of a role (ALTER ROLE, ALTER ROLE RENAME); 42710 for a taken name. */
    default void alterRole(Transaction tx, int roleOid, java.util.Map<String, Object> attributes) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "roles are not supported by this catalog");
    }

    /**
     * The session defaults stored for (database, role) in pg_db_role_setting as {@code name=value}
     * texts; 0 stands for every database or every role.
     */
    default List<String> storedSettings(Transaction tx, int databaseOid, int roleOid) {
        return List.of();
    }

    /** Replaces the session defaults stored for (database, role); an empty list removes them. */
    default void storeSettings(Transaction tx, int databaseOid, int roleOid, List<String> config) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "roles are not supported by this catalog");
    }

    /** Removes a role with its memberships and settings; the caller checked nothing depends on it. */
    default void dropRole(Transaction tx, int roleOid) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "roles are not supported by this catalog");
    }

    /**
     * What depends on a role (DROP ROLE's 2BP01 detail, {@code checkSharedDependencies}): lines such
     * as {@code owner of table t}, {@code privileges for schema s}, {@code owner of database d}.
     */
    default List<String> roleDependents(Transaction tx, int roleOid) {
        return List.of();
    }

    /** Whether {@code member} is a direct member of {@code role}: empty if not, else whether WITH ADMIN OPTION. */
    default Optional<Boolean> membership(Transaction tx, int role, int member) {
        return Optional.empty();
    }

    /** GRANT role TO member: adds the pg_auth_members row (or its ADMIN OPTION). */
    default void grantMembership(Transaction tx, int role, int member, int grantor, boolean adminOption) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "roles are not supported by this catalog");
    }

    /** REVOKE role FROM member: removes the row, or only its ADMIN OPTION. */
    default void revokeMembership(Transaction tx, int role, int member, boolean adminOptionOnly) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "roles are not supported by this catalog");
    }

    /** A relation's ACL ({@code relacl} text, null for the owner's defaults). */
    default String relationAcl(Transaction tx, RelationInfo relation) {
        return null;
    }

    /**
     * Sets pg_class.reloptions (the stored {@code name=value} texts, NULL when empty) of
     * {@code table} ({@code oid} its own) or of one of its indexes; returns the table as it is now.
     */
    default RelationInfo setRelationOptions(Transaction tx, RelationInfo table, int oid, List<String> options) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "storage parameters are not supported by this catalog");
    }

    /** Sets a relation's ACL ({@code relacl} text). */
    default void setRelationAcl(Transaction tx, RelationInfo relation, String acl) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "privileges are not supported by this catalog");
    }

    /**
     * Whether the role holds privilege {@code letter} ('r' SELECT, 'a' INSERT, 'w' UPDATE, 'd'
     * DELETE, 'D' TRUNCATE, 'U' USAGE ...) on the relation: superusers and the owner's
     * privileges always, others as relacl grants them (to them, a role they inherit from, or PUBLIC).
     */
    default boolean hasRelationPrivilege(Transaction tx, int roleOid, int relationOid, char letter) {
        return true;
    }

    /** The pg_authid name-to-OID mapping an ACL's text needs ({@code -1} for no such role). */
    default int aclRoleOid(Transaction tx, String name) {
        return roleOid(tx, name).orElse(-1);
    }

    /**
     * The user-defined functions and procedures called {@code name}: in {@code schema} when given,
     * else in the schemas of search_path ({@code FuncnameGetCandidates}), nearer schemas first.
     */
    default List<FunctionInfo> lookupFunctions(Transaction tx, String schema, String name) {
        return List.of();
    }

    /** A user-defined function or procedure by OID, or empty. */
    default Optional<FunctionInfo> functionByOid(Transaction tx, int oid) {
        return Optional.empty();
    }

    /** Every user-defined function and procedure (for {@code \\df} and pg_get_functiondef's kin). */
    default List<FunctionInfo> allFunctions(Transaction tx) {
        return List.of();
    }

    /**
     * Stores a new routine in {@code schema} (null: the first schema of search_path) with a new
     * OID, or, when {@code function.oid()} is not 0, replaces that routine's row.
     */
    default FunctionInfo storeFunction(Transaction tx, String schema, FunctionInfo function) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "CREATE FUNCTION is not supported by this catalog");
    }

    /** Removes a routine's pg_proc row and its comment. */
    default void dropFunction(Transaction tx, FunctionInfo function) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "DROP FUNCTION is not supported by this catalog");
    }

    /**
     * The user-defined aggregates called {@code name}: in {@code schema} when given, else in the
     * schemas of search_path, nearer schemas first.
     */
    default List<FunctionInfo> lookupAggregates(Transaction tx, String schema, String name) {
        return List.of();
    }

    /** A user-defined aggregate's pg_aggregate row, or empty. */
    default Optional<AggregateInfo> aggregate(Transaction tx, int oid) {
        return Optional.empty();
    }

    /**
     * Stores a new aggregate in {@code schema} (null: the first schema of search_path), or, when
     * {@code function.oid()} is not 0, replaces that aggregate's rows.
     */
    default FunctionInfo storeAggregate(Transaction tx, String schema, FunctionInfo function, AggregateInfo aggregate) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "CREATE AGGREGATE is not supported by this catalog");
    }

    /** Removes an aggregate's pg_proc and pg_aggregate rows. */
    default void dropAggregate(Transaction tx, FunctionInfo function) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "DROP AGGREGATE is not supported by this catalog");
    }

    /** The user-defined cast from {@code source} to {@code target} (as in the statement's image), or empty. */
    default Optional<CastInfo> userCast(Transaction tx, int source, int target) {
        return Optional.empty();
    }

    /** The pg_cast row from {@code source} to {@code target}, built-in or user-defined, read now, or empty. */
    default Optional<CastInfo> anyCast(Transaction tx, int source, int target) {
        return Optional.empty();
    }

    default CastInfo storeCast(Transaction tx, CastInfo cast) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "CREATE CAST is not supported by this catalog");
    }

    default void dropCast(Transaction tx, CastInfo cast) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "DROP CAST is not supported by this catalog");
    }

    /**
     * The user-defined operators called {@code name} in {@code schema}, or in the search path's
     * schemas (pg_catalog's built-ins are not among them), shells included.
     */
    default List<OperatorInfo> lookupOperators(Transaction tx, String schema, String name) {
        return List.of();
    }

    default Optional<OperatorInfo> operatorByOid(Transaction tx, int oid) {
        return Optional.empty();
    }

    /** Inserts an operator (OID 0) or replaces its row; returns it with its OID. */
    default OperatorInfo storeOperator(Transaction tx, OperatorInfo operator) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "CREATE OPERATOR is not supported by this catalog");
    }

    default void dropOperator(Transaction tx, OperatorInfo operator) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "DROP OPERATOR is not supported by this catalog");
    }

    /**
     * The schema CREATE puts a non-relation object {@code name} in: {@code schema}, or the first
     * usable schema of the search path; 3F000 when none, 42501 without CREATE on it.
     */
    default int creationNamespaceOid(Transaction tx, String schema, String name) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "CREATE is not supported by this catalog");
    }

    /** Every operator family ({@code classes} false) or operator class of the database. */
    default List<OperatorFamilyInfo> operatorFamilies(Transaction tx, boolean classes) {
        return List.of();
    }

    /** The pg_amop and pg_amproc rows of a family. */
    default List<OperatorFamilyInfo.Member> operatorFamilyMembers(Transaction tx, int familyOid) {
        return List.of();
    }

    /** A new pg_opfamily ({@code isClass} false) or pg_opclass row; returns its OID. */
    default int createOperatorFamily(Transaction tx, OperatorFamilyInfo info, boolean isClass) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "CREATE OPERATOR CLASS is not supported by this catalog");
    }

    default void addOperatorFamilyMember(Transaction tx, OperatorFamilyInfo.Member member, int method) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "ALTER OPERATOR FAMILY is not supported by this catalog");
    }

    default void dropOperatorFamilyMember(Transaction tx, OperatorFamilyInfo.Member member) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "ALTER OPERATOR FAMILY is not supported by this catalog");
    }

    default void dropOperatorFamily(Transaction tx, OperatorFamilyInfo info, boolean family) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "DROP OPERATOR CLASS is not supported by this catalog");
    }

    /** A relation's user rules (not a view's _RETURN) in name order. */
    default List<RuleInfo> rules(Transaction tx, int relationOid) {
        return List.of();
    }

    /** A user rule by OID, or empty. */
    default Optional<RuleInfo> ruleByOid(Transaction tx, int ruleOid) {
        return Optional.empty();
    }

    /** Stores a new rule (OID 0) or replaces the row of the rule with that OID. */
    default RuleInfo storeRule(Transaction tx, RuleInfo rule) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "CREATE RULE is not supported by this catalog");
    }

    /** Removes a rule's pg_rewrite row. */
    default void dropRule(Transaction tx, RuleInfo rule) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "DROP RULE is not supported by this catalog");
    }

    /** A table's triggers in name order. */
    default List<TriggerInfo> triggers(Transaction tx, int relationOid) {
        return List.of();
    }

    /** The triggers calling a function. */
    default List<TriggerInfo> triggersCalling(Transaction tx, int functionOid) {
        return List.of();
    }

    /** A trigger by OID, or empty. */
    default Optional<TriggerInfo> triggerByOid(Transaction tx, int triggerOid) {
        return Optional.empty();
    }

    /** Stores a new trigger (OID 0) or replaces the row of the trigger with that OID. */
    default TriggerInfo storeTrigger(Transaction tx, TriggerInfo trigger) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "CREATE TRIGGER is not supported by this catalog");
    }

    /** Removes a trigger's pg_trigger row. */
    default void dropTrigger(Transaction tx, TriggerInfo trigger) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "DROP TRIGGER is not supported by this catalog");
    }

    /** The {@code pg_type} row of a type, or empty. */
    Optional<TypeInfo> typeByOid(Transaction tx, int typeOid);

    /** The row type ({@code reltype}) of a relation: the type of its name in its schema; 0 when it has none. */
    default int typeOidOfRelation(Transaction tx, int relationOid) {
        RelationInfo relation = relationByOid(tx, relationOid);
        try {
            return lookupTypeOid(tx, relation.namespaceName(), relation.name());
        } catch (SqlException noRowType) {
            return 0;
        }
    }

    /**
     * The columns of a composite type ({@code typtype 'c'}: a table's row type or a CREATE TYPE AS
     * type), from the pg_attribute rows of its {@code typrelid}; null for any other type.
     */
    default List<AttributeInfo> compositeFields(Transaction tx, int typeOid) {
        TypeInfo type = typeOid == 0 || BuiltinTypes.byOid(typeOid) != null ? null
                : typeByOid(tx, typeOid).orElse(null);
        if (type == null || type.typtype() != 'c' || type.relationOid() == 0) {
            return null;
        }
        return relationByOid(tx, type.relationOid()).attributes();
    }

    /**
     * Creates a composite type (CREATE TYPE ... AS): its pg_class row (relkind 'c', no storage),
     * pg_attribute rows, pg_type row and array type; returns the type's OID.
     */
    default int createCompositeType(Transaction tx, String schema, String name, List<ColumnSpec> attributes,
                                    int ownerOid) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "CREATE TYPE is not supported by this catalog");
    }

    /** Creates an enum type and its array type in the schema (null: the first of search_path); returns its OID. */
    int createEnumType(Transaction tx, String schema, String name, List<String> labels, int ownerOid);

    /** CREATE TYPE name AS RANGE: the range type, its multirange type and their constructors; returns its OID. */
    default int createRangeType(Transaction tx, String schema, String name, RangeDefinition definition,
                                int ownerOid) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "range types are not supported here");
    }

    /** CREATE TYPE name: a shell type; returns its OID. */
    default int createShellType(Transaction tx, String schema, String name, int ownerOid) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "shell types are not supported here");
    }

    /** The pg_range row of a user-defined range type, or of the range type of a multirange type. */
    default Optional<org.woolly.utils.adt.RangeTypes.RangeType> userRange(Transaction tx, int typeOid) {
        return Optional.empty();
    }

    /** The labels of an enum type in sort order (empty for another type). */
    List<EnumLabel> enumLabels(Transaction tx, int typeOid);

    /** The pg_enum row of that OID, or null. */
    EnumLabel enumLabel(Transaction tx, int labelOid);

    /** Adds a label (last, or before/after {@code neighbor}); false when it exists and {@code ifNotExists}. */
    boolean addEnumLabel(Transaction tx, int typeOid, String label, String neighbor, boolean before,
                         boolean ifNotExists);

    void renameEnumLabel(Transaction tx, int typeOid, String oldLabel, String newLabel);

    /** The columns ({relation OID, attnum}) of the type or of its array type. */
    List<int[]> columnsOfType(Transaction tx, TypeInfo type);

    /** Drops a user-defined type, its array type and its labels (the caller has dealt with dependents). */
    void dropType(Transaction tx, TypeInfo type);

    /** Renames, moves (namespace OID, 0: unchanged) or gives a new owner (0: unchanged) to a user-defined type. */
    void alterType(Transaction tx, TypeInfo type, String newName, int newNamespaceOid, int newOwnerOid);

    /** The domain of that type OID, or empty when the type is not a domain. */
    default Optional<DomainInfo> domain(Transaction tx, int typeOid) {
        return Optional.empty();
    }

    /** The domains whose base type is that type. */
    default List<DomainInfo> domainsOver(Transaction tx, int typeOid) {
        return List.of();
    }

    /** The domain CHECK constraint with that pg_constraint OID, or empty. */
    default Optional<DomainInfo.Check> domainCheck(Transaction tx, int constraintOid) {
        return Optional.empty();
    }

    /** Creates a domain over {@code baseTypeOid} and its array type in the schema (null: search_path); its OID. */
    default int createDomain(Transaction tx, String schema, String name, int baseTypeOid, int baseTypmod,
                             boolean notNull, String defaultExpression, int ownerOid) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "CREATE DOMAIN is not supported here");
    }

    /** Sets the domain's default (null: none) ({@code ALTER DOMAIN SET/DROP DEFAULT}). */
    default void setDomainDefault(Transaction tx, int domainOid, String defaultExpression) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "ALTER DOMAIN is not supported here");
    }

    /** Sets or clears the domain's {@code typnotnull}. */
    default void setDomainNotNull(Transaction tx, int domainOid, boolean notNull) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "ALTER DOMAIN is not supported here");
    }

    /** Adds a CHECK constraint (SQL text over VALUE) to a domain. */
    default void addDomainCheck(Transaction tx, int domainOid, int namespaceOid, String name, String expression,
                                boolean validated) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "ALTER DOMAIN is not supported here");
    }

    /** Drops a domain's CHECK constraint. */
    default void dropDomainCheck(Transaction tx, int domainOid, int constraintOid) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "ALTER DOMAIN is not supported here");
    }

    /** Marks a domain's CHECK constraint validated. */
    default void validateDomainCheck(Transaction tx, int domainOid, int constraintOid) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "ALTER DOMAIN is not supported here");
    }
}
