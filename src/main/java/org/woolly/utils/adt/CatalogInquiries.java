package org.woolly.utils.adt;

/**
 * What the catalog-reading functions psql and other clients call ask of the session's catalog
 * ({@code pg_table_is_visible} of {@code namespace.c}, {@code pg_get_userbyid} of {@code acl.c}),
 * and what the OID alias types ({@code regclass}, {@code regtype}, ... of {@code regproc.c}) read
 * and print through. The executor implements it over the statement's transaction and search_path.
 */
public interface CatalogInquiries {
    /**
     * The catalog of the statement running on this thread: the reg* types' input and output
     * functions look names up through it, as PostgreSQL's do through the syscache of the
     * current transaction. Unbound (no statement), they read and print bare OIDs.
     */
    ScopedValue<CatalogInquiries> CURRENT = ScopedValue.newInstance();

    /**
     * Whether the relation of that OID would be found by its unqualified name through the
     * search_path ({@code RelationIsVisible}); null when no such relation exists.
     */
    Boolean tableIsVisible(int relationOid);

    /** The role's name, or null when no role has that OID (PostgreSQL prints "unknown (OID=n)"). */
    String roleName(int roleOid);

    /** The SQL name of the type with that modifier (-1: none), "???" for an unknown OID ({@code format_type}). */
    String formatType(int typeOid, int typmod);

    /** {@code regclassout}: the relation's name, schema-qualified when search_path would not find it; null if none. */
    String relationName(int relationOid);

    /** {@code regclassin}: the OID of a possibly qualified, possibly quoted relation name; 42P01 if none. */
    int relationOid(String name);

    /** {@code regtypein}: the OID of a type name as SQL writes it ({@code integer}, {@code varchar(3)[]}); 42704 if none. */
    int typeOid(String name);

    /** {@code regnamespacein}: the schema's OID; 3F000 if none. */
    int namespaceOid(String name);

    /** The schema's name, null if none. */
    String namespaceName(int namespaceOid);

    /** {@code regrolein}: the role's OID; 42704 if none. */
    int roleOid(String name);

    /**
     * {@code pg_get_indexdef}: the CREATE INDEX statement, or with {@code column} > 0 that column
     * ({@code pretty}: an expression without its redundant outer parentheses); null if no such index.
     */
    String indexDefinition(int indexOid, int column, boolean pretty);

    /** {@code pg_get_ruledef}: a user rule's CREATE RULE statement; null when there is no such rule. */
    default String ruleDefinition(int ruleOid, boolean pretty) {
        return null;
    }

    /** {@code pg_get_triggerdef}: the trigger's CREATE TRIGGER statement; null when there is no such trigger. */
    default String triggerDefinition(int triggerOid, boolean pretty) {
        return null;
    }

    /**
     * {@code pg_get_viewdef}: the view's query as PostgreSQL prints it ({@code pretty}: without
     * redundant parentheses); null if the relation is not a view.
     */
    default String viewDefinition(int relationOid, boolean pretty) {
        throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "pg_get_viewdef is not available here");
    }

    /** {@code pg_get_constraintdef}: the constraint's clause; null if no such constraint. */
    String constraintDefinition(int constraintOid, boolean pretty);

    /** {@code pg_get_partkeydef}: {@code RANGE (a, b)} for a partitioned table, else null. */
    default String partitionKeyDefinition(int relationOid) {
        return null;
    }

    /** {@code pg_get_partition_constraintdef}: a partition's implicit constraint; null when none (or not printed yet). */
    default String partitionConstraintDefinition(int relationOid) {
        return null;
    }

    /**
     * The types of a hash-partitioned table's key columns, in key order ({@code satisfies_hash_partition}
     * hashes its values with them); null when the relation is not partitioned by hash.
     */
    default int[] hashPartitionKeyTypes(int relationOid) {
        return null;
    }

    /** {@code pg_partition_ancestors}: the relation, then the partitioned tables above it, nearest first. */
    default java.util.List<Integer> partitionAncestors(int relationOid) {
        return java.util.List.of(relationOid);
    }

    /**
     * {@code pg_relation_size(rel, fork)}: the bytes of one fork ({@code main}, {@code fsm},
     * {@code vm}, {@code init}); null if no relation has that OID; 22023 for another fork name.
     */
    Long relationSize(int relationOid, String fork);

    /** {@code pg_table_size}: the bytes of every fork of the relation and of its TOAST relation and index; null if none. */
    Long tableSize(int relationOid);

    /** {@code pg_indexes_size}: the bytes of every fork of the table's indexes; null if no relation. */
    Long indexesSize(int relationOid);

    /** {@code pg_database_size(oid)}: the bytes of the database's files; null if no such database. */
    Long databaseSize(int databaseOid);

    /** {@code pg_database_size(name)}; 3D000 if no such database. */
    long databaseSize(String databaseName);

    /**
     * The comment on an object ({@code obj_description}, {@code col_description}): {@code catalog}
     * names the pg_catalog table the object is a row of (null: any); null when there is none.
     */
    String description(int objectOid, String catalog, int subId);

    /**
     * {@code pg_relation_is_publishable}: an ordinary table outside pg_catalog and
     * information_schema; null if no relation has that OID.
     */
    Boolean relationIsPublishable(int relationOid);

    /** {@code pg_database_size(name)} and {@code has_database_privilege}: the database's OID; 3D000 if none. */
    int databaseOid(String databaseName);

    /**
     * {@code has_table_privilege} and its kin: whether the role holds any of the privileges listed
     * ({@code "SELECT, INSERT"}; {@code WITH GRANT OPTION} is not told apart) on the relation
     * ({@code kind} 'r'), sequence ('S'), schema ('n') or database ('d'); null when no such object exists;
     * 22023 for a privilege the object does not have.
     */
    Boolean hasPrivilege(String roleName, char kind, int objectOid, String privileges);

    /**
     * {@code acldefault(objtype, owner)}: the text of the aclitem[] an object of that kind
     * ({@code 'r'}, {@code 's'}, {@code 'n'}, ... as pg_dump abbreviates them) owned by
     * {@code owner} has while its ACL column is null.
     */
    default String defaultAcl(char objectType, int owner) {
        throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "acldefault is not available here");
    }

    /**
     * {@code pg_has_role}: whether {@code user} is a member of {@code role} (MEMBER) or has its
     * privileges through inheritance (USAGE), any of the comma-separated list; 42704 for an
     * unknown role, 22023 for another privilege.
     */
    default boolean hasRole(String user, String role, String privileges) {
        throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "pg_has_role is not available here");
    }

    /** {@code shobj_description}: the comment on a shared object; null when there is none. */
    String sharedDescription(int objectOid, String catalog);

    /** {@code pg_my_temp_schema()}: the OID of the session's temporary schema, 0 if it has none. */
    default int myTemporarySchema() {
        return 0;
    }

    /** {@code pg_is_other_temp_schema(oid)}: whether that schema is another session's temporary schema. */
    default boolean isOtherTemporarySchema(int namespaceOid) {
        return false;
    }

    /** {@code current_schemas(includeImplicit)}: the schemas of the effective search path, in order. */
    default java.util.List<String> currentSchemas(boolean includeImplicit) {
        return java.util.List.of();
    }
    /** What {@link #routineText} prints of a user-defined routine. */
    enum RoutineText { DEFINITION, ARGUMENTS, IDENTITY_ARGUMENTS, RESULT, NAME, SIGNATURE, SQL_BODY }

    /** The OIDs of the user-defined routines named {@code name}, in {@code schema} or visible through search_path. */
    default java.util.List<Integer> routineOids(String schema, String name) {
        return java.util.List.of();
    }

    /** A user-defined routine's input parameter types; null when no user routine has that OID. */
    default int[] routineArgumentTypes(int oid) {
        return null;
    }

    /** A user-defined routine's definition, argument list, result, name or signature; null when there is none. */
    default String routineText(int oid, RoutineText what) {
        return null;
    }

    /** {@code pg_function_is_visible} of a user-defined routine; null when no user routine has that OID. */
    default Boolean routineIsVisible(int oid) {
        return null;
    }

    /** {@code pg_operator_is_visible} of a user-defined operator; null when no user operator has that OID. */
    default Boolean operatorIsVisible(int oid) {
        return null;
    }

    /** {@code enum_out}: the label of the pg_enum row with that OID, or null. */
    default String enumLabel(int labelOid) {
        return null;
    }

    /** {@code enum_in}: the OID of the label of that enum type, or null when the type has no such label. */
    default Integer enumLabelOid(int typeOid, String label) {
        return null;
    }

    /** {@code enum_cmp}: the label's {@code enumsortorder}, or null when no label has that OID. */
    default Float enumSortOrder(int labelOid) {
        return null;
    }

    /** The pg_range row of a user-defined range type or of its multirange type, or null. */
    default RangeTypes.RangeType userRange(int typeOid) {
        return null;
    }

    /** Whether the type is an enum type ({@code typtype 'e'}). */
    default boolean isEnumType(int typeOid) {
        return false;
    }

    /** {@code TypeIsVisible}: whether search_path finds the type by its unqualified name; null if no such type. */
    default Boolean typeIsVisible(int typeOid) {
        return null;
    }

    /** The type a domain's values have (its base type, through domains over domains); 0 for a type that is no domain. */
    default int domainStoredType(int typeOid) {
        return 0;
    }

    /** {@code typarray} of a type of the catalog (enum, composite, domain, range), 0 when it has none. */
    default int arrayTypeOf(int elementOid) {
        return 0;
    }

    /** {@code typelem} of an array type of the catalog ({@code _mood}), 0 for a type that is no array. */
    default int arrayElementType(int arrayOid) {
        return 0;
    }

    /** The field types of a composite type ({@code typtype 'c'}), in attribute order; null for a type that is not composite. */
    default int[] compositeFieldTypes(int typeOid) {
        return null;
    }

    /** The column names of a composite type, in attribute order (to_json's keys); null for a type that is not composite. */
    default java.util.List<String> compositeFieldNames(int typeOid) {
        return null;
    }
}
