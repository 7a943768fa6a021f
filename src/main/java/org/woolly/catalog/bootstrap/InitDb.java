package org.woolly.catalog.bootstrap;

import java.util.List;
import org.woolly.catalog.acl.Acl;

import org.woolly.access.heap.HeapAccess;
import org.woolly.access.transam.StorageServices;
import org.woolly.access.transam.Transaction;
import org.woolly.catalog.CatalogColumn;
import org.woolly.catalog.CatalogDefinition;
import org.woolly.catalog.BuiltinLanguages;
import org.woolly.catalog.CatalogDefinitions;
import org.woolly.catalog.CatalogHeap;
import org.woolly.catalog.CatalogOids;
import org.woolly.catalog.CatalogRows;
import org.woolly.catalog.FunctionInfo;
import org.woolly.catalog.CatalogTupleCodec;
import org.woolly.catalog.SystemViews;
import org.woolly.catalog.TypeInfo;
import org.woolly.utils.adt.PgAggregateData;
import org.woolly.utils.adt.PgCastData;
import org.woolly.utils.adt.PgOpclassData;
import org.woolly.utils.adt.PgOperatorData;
import org.woolly.utils.adt.PgProcData;
import org.woolly.utils.adt.PgWindowData;
import org.woolly.utils.adt.PgTypeData;
import org.woolly.utils.adt.TypeOids;

import java.util.HashSet;
import java.util.Set;

import static org.woolly.catalog.CatalogDefinitions.PG_AGGREGATE;
import static org.woolly.catalog.CatalogDefinitions.PG_AM;
import static org.woolly.catalog.CatalogDefinitions.PG_COLLATION;
import static org.woolly.catalog.CatalogDefinitions.PG_DESCRIPTION;
import static org.woolly.catalog.CatalogDefinitions.PG_SHDESCRIPTION;
import static org.woolly.catalog.CatalogDefinitions.PG_AMOP;
import static org.woolly.catalog.CatalogDefinitions.PG_AMPROC;
import static org.woolly.catalog.CatalogDefinitions.PG_ATTRIBUTE;
import static org.woolly.catalog.CatalogDefinitions.PG_AUTHID;
import static org.woolly.catalog.CatalogDefinitions.PG_CAST;
import static org.woolly.catalog.CatalogDefinitions.PG_CLASS;
import static org.woolly.catalog.CatalogDefinitions.PG_DATABASE;
import static org.woolly.catalog.CatalogDefinitions.PG_NAMESPACE;
import static org.woolly.catalog.CatalogDefinitions.PG_OPCLASS;
import static org.woolly.catalog.CatalogDefinitions.PG_OPERATOR;
import static org.woolly.catalog.CatalogDefinitions.PG_OPFAMILY;
import static org.woolly.catalog.CatalogDefinitions.PG_PROC;
import static org.woolly.catalog.CatalogDefinitions.PG_REWRITE;
import static org.woolly.catalog.CatalogDefinitions.PG_TABLESPACE;
import static org.woolly.catalog.CatalogDefinitions.PG_TYPE;

/**
 * The catalog part of initdb: creates every system catalog's storage and fills it, in one
 * transaction, for the databases template1 (1), template0 (4) and postgres (5), each with its
 * own copy of the per-database catalogs, and the shared catalogs once under {@code global/}.
 * Counterpart of {@code src/backend/bootstrap/bootstrap.c} with {@code postgres.bki} and the
 * catalog steps of {@code initdb.c}. The storage part (directories, WAL, pg_control) is done
 * before, by {@code StorageStartup.initialize}.
 */
public final class InitDb {
    private static final List<Integer> DATABASES = List.of(CatalogOids.TEMPLATE1_DATABASE,
            CatalogOids.TEMPLATE0_DATABASE, CatalogOids.POSTGRES_DATABASE);

    /** pg_proc OIDs of the access methods' handlers (heap_tableam_handler, bthandler, hashhandler). */
    private static final int HEAP_TABLEAM_HANDLER = 3;
    private static final int BTHANDLER = 330;
    private static final int HASHHANDLER = 331;
    /** pg_proc OID of {@link #optionsToTable()}, from the range PostgreSQL leaves free. */
    private static final int OPTIONS_TO_TABLE = 9101;

    private InitDb() {}

    /**
     * Creates and fills the catalogs in the standard tuple format, commits, and checkpoints.
     *
     * @param superuserPasswordVerifier the SCRAM verifier stored in {@code pg_authid.rolpassword}, or null
     */
    public static void bootstrap(StorageServices storage, String superuserName, String superuserPasswordVerifier) {
        bootstrap(storage, CatalogTupleCodec.STANDARD, superuserName, superuserPasswordVerifier);
    }

    /**
     * Creates and fills the catalogs with the given row codec, commits, and checkpoints.
     *
     * @param superuserPasswordVerifier the SCRAM verifier stored in {@code pg_authid.rolpassword}, or null
     */
    public static void bootstrap(StorageServices storage, CatalogTupleCodec codec, String superuserName,
                                 String superuserPasswordVerifier) {
        CatalogHeap catalogs = new CatalogHeap(HeapAccess.of(storage), codec);
        Transaction tx = storage.transactions().begin();
        boolean committed = false;
        try {
            for (CatalogDefinition catalog : CatalogDefinitions.all()) {
                if (catalog.shared()) {
                    tx.createRelationStorage(catalog.locator(0));
                }
            }
            fillSharedCatalogs(catalogs, tx, superuserName, superuserPasswordVerifier);
            for (int database : DATABASES) {
                for (CatalogDefinition catalog : CatalogDefinitions.all()) {
                    if (!catalog.shared()) {
                        tx.createRelationStorage(catalog.locator(database));
                    }
                }
                fillDatabaseCatalogs(catalogs, tx, database, superuserName);
            }
            storage.transactions().commit(tx);
            committed = true;
        } finally {
            if (!committed) {
                storage.transactions().abort(tx);
            }
        }
        storage.checkpoint();
    }

    private static void fillSharedCatalogs(CatalogHeap catalogs, Transaction tx, String superuserName,
                                           String superuserPasswordVerifier) {
        catalogs.insert(PG_DATABASE, 0, CatalogRows.database(CatalogOids.TEMPLATE1_DATABASE, "template1", true, true),
                tx);
        catalogs.insert(PG_DATABASE, 0, CatalogRows.database(CatalogOids.TEMPLATE0_DATABASE, "template0", true, false),
                tx);
        catalogs.insert(PG_DATABASE, 0, CatalogRows.database(CatalogOids.POSTGRES_DATABASE, "postgres", false, true),
                tx);
        catalogs.insert(PG_AUTHID, 0,
                CatalogRows.superuser(CatalogOids.BOOTSTRAP_SUPERUSER, superuserName, superuserPasswordVerifier), tx);
        // PostgreSQL 15's monitoring roles (pg_authid.dat) and pg_monitor's memberships (pg_auth_members.dat)
        catalogs.insert(PG_AUTHID, 0, CatalogRows.predefinedRole(CatalogOids.PG_MONITOR, "pg_monitor"), tx);
        catalogs.insert(PG_AUTHID, 0,
                CatalogRows.predefinedRole(CatalogOids.PG_READ_ALL_SETTINGS, "pg_read_all_settings"), tx);
        catalogs.insert(PG_AUTHID, 0, CatalogRows.predefinedRole(CatalogOids.PG_READ_ALL_STATS, "pg_read_all_stats"),
                tx);
        catalogs.insert(PG_AUTHID, 0,
                CatalogRows.predefinedRole(CatalogOids.PG_STAT_SCAN_TABLES, "pg_stat_scan_tables"), tx);
        catalogs.insert(PG_AUTHID, 0, CatalogRows.predefinedRole(CatalogOids.PG_SIGNAL_BACKEND, "pg_signal_backend"),
                tx);
        for (int granted : new int[] {CatalogOids.PG_READ_ALL_SETTINGS, CatalogOids.PG_READ_ALL_STATS,
                CatalogOids.PG_STAT_SCAN_TABLES}) {
            catalogs.insert(CatalogDefinitions.PG_AUTH_MEMBERS, 0, CatalogRows.membership(granted,
                    CatalogOids.PG_MONITOR), tx);
        }
        catalogs.insert(PG_TABLESPACE, 0, CatalogRows.tablespace(CatalogOids.DEFAULT_TABLESPACE, "pg_default"), tx);
        catalogs.insert(PG_TABLESPACE, 0, CatalogRows.tablespace(CatalogOids.GLOBAL_TABLESPACE, "pg_global"), tx);
        // the comments PostgreSQL's initdb puts on its databases (\l+ shows them)
        int database = PG_DATABASE.oid();
        catalogs.insert(PG_SHDESCRIPTION, 0, CatalogRows.sharedDescription(CatalogOids.TEMPLATE1_DATABASE, database,
                "default template for new databases"), tx);
        catalogs.insert(PG_SHDESCRIPTION, 0, CatalogRows.sharedDescription(CatalogOids.TEMPLATE0_DATABASE, database,
                "unmodifiable empty database"), tx);
        catalogs.insert(PG_SHDESCRIPTION, 0, CatalogRows.sharedDescription(CatalogOids.POSTGRES_DATABASE, database,
                "default administrative connection database"), tx);
    }

    private static void fillDatabaseCatalogs(CatalogHeap catalogs, Transaction tx, int database,
                                             String superuserName) {
        int owner = CatalogOids.BOOTSTRAP_SUPERUSER;
        // as PostgreSQL 15: everyone may use pg_catalog and public (public's owner is pg_database_owner there)
        String usableByAll = new Acl(List.of(new Acl.Item(owner, owner, Acl.mask("UC"), 0),
                new Acl.Item(Acl.PUBLIC, owner, Acl.mask("U"), 0))).format(role -> superuserName);
        catalogs.insert(PG_NAMESPACE, database,
                CatalogRows.namespace(CatalogOids.PG_CATALOG_NAMESPACE, "pg_catalog", owner, usableByAll), tx);
        catalogs.insert(PG_NAMESPACE, database,
                CatalogRows.namespace(CatalogOids.PG_TOAST_NAMESPACE, "pg_toast", owner, null), tx);
        catalogs.insert(PG_NAMESPACE, database,
                CatalogRows.namespace(CatalogOids.PUBLIC_NAMESPACE, "public", owner, usableByAll), tx);
        // the privileges initdb gave, which pg_dump takes as the starting point of what it dumps
        for (int namespace : List.of(CatalogOids.PG_CATALOG_NAMESPACE, CatalogOids.PUBLIC_NAMESPACE)) {
            catalogs.insert(CatalogDefinitions.PG_INIT_PRIVS, database,
                    CatalogRows.initialPrivileges(namespace, PG_NAMESPACE.oid(), usableByAll), tx);
        }
        int namespaces = PG_NAMESPACE.oid();
        catalogs.insert(PG_DESCRIPTION, database, CatalogRows.description(CatalogOids.PG_CATALOG_NAMESPACE, namespaces,
                0, "system catalog schema"), tx);
        catalogs.insert(PG_DESCRIPTION, database, CatalogRows.description(CatalogOids.PG_TOAST_NAMESPACE, namespaces,
                0, "reserved schema for TOAST tables"), tx);
        catalogs.insert(PG_DESCRIPTION, database, CatalogRows.description(CatalogOids.PUBLIC_NAMESPACE, namespaces,
                0, "standard public schema"), tx);
        for (PgTypeData.Type type : PgTypeData.all()) {
            catalogs.insert(PG_TYPE, database, CatalogRows.builtinType(type), tx);
        }
        for (CatalogDefinition catalog : CatalogDefinitions.all()) {
            insertCatalogRelation(catalogs, tx, database, catalog);
        }
        insertBuiltinFunctions(catalogs, tx, database);
        for (PgOperatorData.Operator operator : PgOperatorData.all()) {
            catalogs.insert(PG_OPERATOR, database, CatalogRows.operator(operator), tx);
        }
        for (PgCastData.Cast cast : PgCastData.all()) {
            catalogs.insert(PG_CAST, database, CatalogRows.cast(cast), tx);
        }
        for (PgAggregateData.Aggregate aggregate : PgAggregateData.all()) {
            catalogs.insert(PG_AGGREGATE, database, CatalogRows.aggregate(aggregate), tx);
        }
        catalogs.insert(PG_AM, database,
                CatalogRows.accessMethod(CatalogOids.HEAP_ACCESS_METHOD, "heap", HEAP_TABLEAM_HANDLER, 't'), tx);
        catalogs.insert(PG_AM, database,
                CatalogRows.accessMethod(CatalogOids.BTREE_ACCESS_METHOD, "btree", BTHANDLER, 'i'), tx);
        catalogs.insert(PG_AM, database,
                CatalogRows.accessMethod(PgOpclassData.HASH, "hash", HASHHANDLER, 'i'), tx);
        insertOperatorClasses(catalogs, tx, database);
        for (org.woolly.utils.adt.RangeTypes.RangeType range : org.woolly.utils.adt.RangeTypes.all()) {
            catalogs.insert(org.woolly.catalog.CatalogDefinitions.PG_RANGE, database, CatalogRows.range(range), tx);
        }
        catalogs.insert(PG_PROC, database, CatalogRows.sqlFunction(optionsToTable()), tx);
        for (FunctionInfo function : catalogInquiries()) {
            catalogs.insert(PG_PROC, database, CatalogRows.sqlFunction(function), tx);
        }
        for (BuiltinLanguages.Language language : BuiltinLanguages.all()) {
            catalogs.insert(CatalogDefinitions.PG_LANGUAGE, database, CatalogRows.language(language), tx);
        }
        // PostgreSQL 15's collations that do not depend on the operating system's locales
        // (ucs_basic is the one initdb adds; its OID is the one a fresh PostgreSQL 15 cluster gives it)
        catalogs.insert(PG_COLLATION, database, CatalogRows.collation(CatalogOids.DEFAULT_COLLATION, "default", 'd', -1,
                null), tx);
        catalogs.insert(PG_COLLATION, database, CatalogRows.collation(CatalogOids.C_COLLATION, "C", 'c', -1, "C"), tx);
        catalogs.insert(PG_COLLATION, database, CatalogRows.collation(CatalogOids.POSIX_COLLATION, "POSIX", 'c', -1,
                "POSIX"), tx);
        catalogs.insert(PG_COLLATION, database, CatalogRows.collation(CatalogOids.UCS_BASIC_COLLATION, "ucs_basic",
                'c', CatalogOids.UTF8_ENCODING, "C"), tx);
        for (SystemViews.View view : SystemViews.all()) {
            insertView(catalogs, tx, database, view);
        }
    }

    /**
     * {@code pg_options_to_table(options)}: the {@code name=value} items of an options array
     * (reloptions, fdwoptions, ...) as rows, split at the first {@code =}, a value null without
     * one ({@code pg_options_to_table} of {@code foreign.c}). An SQL function here, as some of
     * PostgreSQL's built-ins are ({@code system_functions.sql}); it takes the array's text, which
     * is how Woolly's catalogs hold text[] (PostgreSQL's 2289 takes text[]).
     */
    private static FunctionInfo optionsToTable() {
        String body = """
                SELECT CASE WHEN strpos(o, '=') = 0 THEN o ELSE substr(o, 1, strpos(o, '=') - 1) END,
                       CASE WHEN strpos(o, '=') = 0 THEN NULL ELSE substr(o, strpos(o, '=') + 1) END
                FROM pg_catalog.unnest($1) AS o""";
        int text = TypeOids.TEXT;
        return new FunctionInfo(OPTIONS_TO_TABLE, "pg_options_to_table", CatalogOids.PG_CATALOG_NAMESPACE,
                CatalogOids.BOOTSTRAP_SUPERUSER, 'f', new int[] {text}, new int[] {text, text, text},
                new char[] {'i', 'o', 'o'}, new String[] {"options_array", "option_name", "option_value"}, List.of(),
                TypeOids.RECORD, true, PgProcData.STABLE, true, false, 0, body, null);
    }

    /**
     * The catalog functions information_schema's views use ({@link #functionArgumentDefault()}), and
     * the privilege inquiries of their visibility rules, with PostgreSQL 15's
     * OIDs, as SQL functions: {@code pg_has_role(role oid, privilege text)} (2710; true for a
     * superuser, the current role and the roles it is a member of, following only roles that
     * inherit for USAGE, as {@code has_privs_of_role}/{@code is_member_of_role} in acl.c), and
     * {@code has_column_privilege(oid, smallint, text)} (3023) and
     * {@code has_any_column_privilege(oid, text)} (3029), which are the table's privilege while
     * Woolly keeps no column privileges.
     */
    private static List<FunctionInfo> catalogInquiries() {
        String hasRole = """
                WITH RECURSIVE held(r, inherits) AS (
                    SELECT oid, rolinherit FROM pg_catalog.pg_authid WHERE rolname = current_user
                    UNION
                    SELECT m.roleid, a.rolinherit
                      FROM pg_catalog.pg_auth_members m JOIN held ON m.member = held.r
                           JOIN pg_catalog.pg_authid a ON a.oid = m.roleid
                     WHERE held.inherits OR upper($2) LIKE '%MEMBER%')
                SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_authid WHERE rolname = current_user AND rolsuper)
                    OR $1 IN (SELECT r FROM held)""";
        int oid = TypeOids.OID;
        int text = TypeOids.TEXT;
        int int2 = TypeOids.INT2;
        return List.of(
                privilegeFunction(2710, "pg_has_role", new int[] {oid, text}, hasRole),
                privilegeFunction(3023, "has_column_privilege", new int[] {oid, int2, text},
                        "SELECT pg_catalog.has_table_privilege($1, $3)"),
                privilegeFunction(3029, "has_any_column_privilege", new int[] {oid, text},
                        "SELECT pg_catalog.has_table_privilege($1, $2)"),
                functionArgumentDefault());
    }

    private static FunctionInfo privilegeFunction(int oid, String name, int[] argumentTypes, String body) {
        return catalogSqlFunction(oid, name, argumentTypes, TypeOids.BOOL, body);
    }

    private static FunctionInfo catalogSqlFunction(int oid, String name, int[] argumentTypes, int resultType,
                                                   String body) {
        return new FunctionInfo(oid, name, CatalogOids.PG_CATALOG_NAMESPACE, CatalogOids.BOOTSTRAP_SUPERUSER, 'f',
                argumentTypes, null, null, null, List.of(), resultType, false, PgProcData.STABLE, true, false, 0,
                body, null);
    }

    /**
     * {@code pg_get_function_arg_default(func oid, n integer)} (3808), which information_schema's
     * parameters view shows: the default of the function's n-th argument (counted over all its
     * arguments), null for an OUT argument or one without a default. The defaults in
     * {@code proargdefaults} (kept as their text here) belong to the last {@code pronargdefaults}
     * input arguments, as in {@code pg_get_function_arg_default} of ruleutils.c.
     */
    private static FunctionInfo functionArgumentDefault() {
        String body = """
                SELECT CASE WHEN p.proargmodes IS NOT NULL AND (p.proargmodes::"char"[])[$2] NOT IN ('i', 'b', 'v')
                            THEN NULL
                            ELSE (p.proargdefaults::text[])[(CASE WHEN p.proargmodes IS NULL THEN $2
                                  ELSE (SELECT count(*)::integer FROM pg_catalog.generate_series(1, $2) AS g(i)
                                         WHERE (p.proargmodes::"char"[])[g.i] IN ('i', 'b', 'v')) END)
                                  - (p.pronargs - p.pronargdefaults)] END
                  FROM pg_catalog.pg_proc p WHERE p.oid = $1""";
        return catalogSqlFunction(3808, "pg_get_function_arg_default", new int[] {TypeOids.OID, TypeOids.INT4},
                TypeOids.TEXT, body);
    }

    /** pg_opfamily, pg_opclass, pg_amop and pg_amproc from {@code utils.adt.PgOpclassData}. */
    private static void insertOperatorClasses(CatalogHeap catalogs, Transaction tx, int database) {
        for (PgOpclassData.Family family : PgOpclassData.families()) {
            catalogs.insert(PG_OPFAMILY, database, CatalogRows.operatorFamily(family), tx);
        }
        for (PgOpclassData.OperatorClass opclass : PgOpclassData.classes()) {
            catalogs.insert(PG_OPCLASS, database, CatalogRows.operatorClass(opclass), tx);
        }
        for (PgOpclassData.Member member : PgOpclassData.operators()) {
            catalogs.insert(PG_AMOP, database, CatalogRows.operatorFamilyMember(member), tx);
        }
        for (PgOpclassData.Support support : PgOpclassData.supportFunctions()) {
            catalogs.insert(PG_AMPROC, database, CatalogRows.supportFunction(support), tx);
        }
    }

    /**
     * A system view: its pg_class row (relkind 'v'), pg_attribute rows (views have no system
     * columns), row type, and the {@code _RETURN} rule holding its query.
     */
    private static void insertView(CatalogHeap catalogs, Transaction tx, int database, SystemViews.View view) {
        catalogs.insert(PG_CLASS, database, CatalogRows.view(view.oid(), view.name(),
                CatalogOids.PG_CATALOG_NAMESPACE, view.rowTypeOid(), view.columns().size(), 'p'), tx);
        insertColumns(catalogs, tx, database, view.oid(), view.columns());
        catalogs.insert(PG_TYPE, database, CatalogRows.rowType(view.rowTypeOid(), view.name(),
                CatalogOids.PG_CATALOG_NAMESPACE, view.oid()), tx);
        catalogs.insert(PG_REWRITE, database, CatalogRows.viewRule(view.ruleOid(), view.oid(), view.definition()), tx);
    }

    private static void insertColumns(CatalogHeap catalogs, Transaction tx, int database, int relationOid,
                                      List<CatalogColumn> columns) {
        for (int i = 0; i < columns.size(); i++) {
            CatalogColumn column = columns.get(i);
            TypeInfo type = TypeInfo.of(PgTypeData.byOid(column.typeOid()));
            catalogs.insert(PG_ATTRIBUTE, database, CatalogRows.attribute(relationOid, column.name(), type, -1, i + 1,
                    column.notNull(), false), tx);
        }
    }

    /**
     * The pg_proc rows: the functions, the functions behind the operators (several operators may
     * share one, e.g. {@code ~~} and {@code LIKE}'s), the aggregates ({@code prokind 'a'}) and the
     * window functions ({@code prokind 'w'}).
     */
    private static void insertBuiltinFunctions(CatalogHeap catalogs, Transaction tx, int database) {
        for (PgProcData.Proc proc : PgProcData.all()) {
            catalogs.insert(PG_PROC, database, CatalogRows.function(proc.oid(), proc.name(), proc.argumentTypes(),
                    proc.returnType(), proc.strict(), proc.variadic(), proc.volatility(), 'f'), tx);
        }
        Set<Integer> seen = new HashSet<>();
        // a function also called by name (array_append behind ||) has its own row, with its strictness
        PgProcData.all().forEach(proc -> seen.add(proc.oid()));
        for (PgOperatorData.Operator operator : PgOperatorData.all()) {
            if (seen.add(operator.procOid())) {
                catalogs.insert(PG_PROC, database, CatalogRows.function(operator.procOid(), operator.procName(),
                        operator.procArgumentTypes(), operator.resultType(), true, false, operator.procVolatility(),
                        'f'), tx);
            }
        }
        for (PgAggregateData.Aggregate aggregate : PgAggregateData.all()) {
            catalogs.insert(PG_PROC, database, CatalogRows.function(aggregate.oid(), aggregate.name(),
                    aggregate.argumentTypes(), aggregate.resultType(), false, false, PgProcData.IMMUTABLE, 'a'), tx);
        }
        for (PgWindowData.WindowFunction function : PgWindowData.all()) {
            catalogs.insert(PG_PROC, database, CatalogRows.function(function.oid(), function.name(),
                    function.argumentTypes(), function.resultType(), function.strict(), false, PgProcData.IMMUTABLE,
                    'w'), tx);
        }
    }

    /** The pg_class, pg_attribute and pg_type (row type) rows describing one catalog. */
    private static void insertCatalogRelation(CatalogHeap catalogs, Transaction tx, int database,
                                              CatalogDefinition catalog) {
        int rowType = CatalogDefinitions.rowTypeOid(catalog);
        int tablespace = catalog.shared() ? CatalogOids.GLOBAL_TABLESPACE : 0;
        catalogs.insert(PG_CLASS, database, CatalogRows.heapRelation(catalog.oid(), catalog.name(),
                CatalogOids.PG_CATALOG_NAMESPACE, rowType, catalog.oid(), tablespace, catalog.shared(), 'p',
                catalog.columns().size(), true), tx);
        insertColumns(catalogs, tx, database, catalog.oid(), catalog.columns());
        for (Object[] row : CatalogRows.systemAttributes(catalog.oid())) {
            catalogs.insert(PG_ATTRIBUTE, database, row, tx);
        }
        catalogs.insert(PG_TYPE, database, CatalogRows.rowType(rowType, catalog.name(),
                CatalogOids.PG_CATALOG_NAMESPACE, catalog.oid()), tx);
    }
}
