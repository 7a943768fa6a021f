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
        // regclass constants exist (nextval('s')), but no regclass value can be written out yet
        if (BuiltinTypes.byOid(typeOid) == null || typeOid == org.woolly.utils.adt.TypeOids.REGCLASS) {
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
}
