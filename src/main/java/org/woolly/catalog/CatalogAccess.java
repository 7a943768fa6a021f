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
        if (BuiltinTypes.byOid(typeOid) == null) {
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

    /** The ordinary tables of the database (ANALYZE without a table list), user tables first. */
    default List<RelationInfo> tables(Transaction tx) {
        return List.of();
    }
}
