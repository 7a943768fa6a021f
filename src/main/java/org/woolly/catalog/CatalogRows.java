package org.woolly.catalog;

import org.woolly.utils.adt.ArrayLiteral;
import org.woolly.utils.adt.BuiltinOutParameters;
import org.woolly.utils.adt.BuiltinParameters;
import org.woolly.utils.adt.PgAggregateData;
import org.woolly.utils.adt.PgCastData;
import org.woolly.utils.adt.PgOpclassData;
import org.woolly.utils.adt.PgOperatorData;
import org.woolly.utils.adt.PgTypeData;
import org.woolly.utils.adt.PgTypeIOProcData;
import org.woolly.utils.adt.SetReturningFunctions;
import org.woolly.utils.adt.TypeOids;

import java.util.ArrayList;
import java.util.List;

import static org.woolly.catalog.CatalogDefinitions.PG_AGGREGATE;
import static org.woolly.catalog.CatalogDefinitions.PG_AM;
import static org.woolly.catalog.CatalogDefinitions.PG_ATTRDEF;
import static org.woolly.catalog.CatalogDefinitions.PG_ENUM;
import static org.woolly.catalog.CatalogDefinitions.PG_ATTRIBUTE;
import static org.woolly.catalog.CatalogDefinitions.PG_AUTHID;
import static org.woolly.catalog.CatalogDefinitions.PG_CAST;
import static org.woolly.catalog.CatalogDefinitions.PG_CLASS;
import static org.woolly.catalog.CatalogDefinitions.PG_CONSTRAINT;
import static org.woolly.catalog.CatalogDefinitions.PG_DATABASE;
import static org.woolly.catalog.CatalogDefinitions.PG_INDEX;
import static org.woolly.catalog.CatalogDefinitions.PG_NAMESPACE;
import static org.woolly.catalog.CatalogDefinitions.PG_OPERATOR;
import static org.woolly.catalog.CatalogDefinitions.PG_TABLESPACE;
import static org.woolly.catalog.CatalogDefinitions.PG_TYPE;

/**
 * Builds the column values of catalog rows (in each catalog's column order, Java values as
 * {@code TupleCodec} expects them). Counterpart of the {@code values[Anum_...]} filling in
 * {@code heap.c} ({@code InsertPgClassTuple}, {@code InsertPgAttributeTuples}), {@code pg_type.c}
 * and {@code pg_namespace.c}.
 */
public final class CatalogRows {
    /** The system columns every heap relation has, with PostgreSQL's negative attribute numbers. */
    public static final List<SystemColumn> SYSTEM_COLUMNS = List.of(
            new SystemColumn("ctid", -1, TypeOids.TID),
            new SystemColumn("xmin", -2, TypeOids.XID),
            new SystemColumn("cmin", -3, TypeOids.CID),
            new SystemColumn("xmax", -4, TypeOids.XID),
            new SystemColumn("cmax", -5, TypeOids.CID),
            new SystemColumn("tableoid", -6, TypeOids.OID));

    /** -1: the default statistics target; system columns have 0 (never analyzed). */
    private static final int DEFAULT_STATISTICS_TARGET = -1;
    private static final int NO_CACHED_OFFSET = -1;
    /** {@code pg_language} OID of language internal. */
    private static final int INTERNAL_LANGUAGE = BuiltinLanguages.INTERNAL;

    /** A system column: name, attribute number and type. */
    public record SystemColumn(String name, int number, int typeOid) {}

    private CatalogRows() {}

    public static Object[] namespace(int oid, String name, int ownerOid) {
        return namespace(oid, name, ownerOid, null);
    }

    /** A pg_namespace row with its ACL ({@code nspacl} text, null for the owner's defaults). */
    public static Object[] namespace(int oid, String name, int ownerOid, String acl) {
        return new RowBuilder(PG_NAMESPACE).set("oid", oid).set("nspname", name).set("nspowner", ownerOid)
                .set("nspacl", acl).build();
    }

    /**
     * A pg_class row for a heap relation ('r'), as {@code heap_create_with_catalog} writes it for
     * a new, never vacuumed table: no pages, reltuples -1 (unknown).
     */
    public static Object[] heapRelation(int oid, String name, int namespaceOid, int rowTypeOid, int relfilenode,
                                        int tablespaceOid, boolean shared, char persistence, int columnCount,
                                        boolean systemCatalog) {
        return classRow(oid, name, namespaceOid, rowTypeOid, 'r', CatalogOids.HEAP_ACCESS_METHOD, relfilenode,
                tablespaceOid, shared, persistence, columnCount)
                // PostgreSQL's catalogs have replica identity "nothing", user tables "default"
                .setChar("relreplident", systemCatalog ? 'n' : 'd')
                .build();
    }

    /**
     * A pg_class row for a view ('v'): no access method, no storage (relfilenode 0), its query
     * in a pg_rewrite rule (relhasrules), replica identity "nothing" as {@code DefineRelation} gives it.
     */
    public static Object[] view(int oid, String name, int namespaceOid, int rowTypeOid, int columnCount,
                                char persistence) {
        return classRow(oid, name, namespaceOid, rowTypeOid, 'v', 0, 0, 0, false, persistence, columnCount)
                .set("relhasrules", true).setChar("relreplident", 'n').build();
    }

    private static RowBuilder classRow(int oid, String name, int namespaceOid, int rowTypeOid, char kind,
                                       int accessMethod, int relfilenode, int tablespaceOid, boolean shared,
                                       char persistence, int columnCount) {
        return new RowBuilder(PG_CLASS)
                .set("oid", oid).set("relname", name).set("relnamespace", namespaceOid).set("reltype", rowTypeOid)
                .set("reloftype", 0).set("relowner", CatalogOids.BOOTSTRAP_SUPERUSER)
                .set("relam", accessMethod).set("relfilenode", relfilenode)
                .set("reltablespace", tablespaceOid).set("relpages", 0).set("reltuples", -1.0f)
                .set("relallvisible", 0).set("reltoastrelid", 0).set("relhasindex", false)
                .set("relisshared", shared).setChar("relpersistence", persistence).setChar("relkind", kind)
                .setShort("relnatts", columnCount).setShort("relchecks", 0).set("relhasrules", false)
                .set("relhastriggers", false).set("relhassubclass", false).set("relrowsecurity", false)
                .set("relforcerowsecurity", false).set("relispopulated", true)
                .set("relispartition", false).set("relrewrite", 0)
                // vac_update_relstats keeps relfrozenxid of tables with storage; 3 (FirstNormalTransactionId)
                // bounds every XID a new table can hold until VACUUM or the creator says better
                .set("relfrozenxid", kind == 'r' ? FIRST_NORMAL_XID : INVALID_XID)
                .set("relminmxid", kind == 'r' ? FIRST_MULTI_XID : INVALID_XID);
    }

    /** {@code FirstNormalTransactionId}, as pg_class.relfrozenxid and pg_database.datfrozenxid (type xid) hold it. */
    public static final Long FIRST_NORMAL_XID = 3L;
    /** {@code InvalidTransactionId}: relfrozenxid and relminmxid of relations without storage of their own. */
    static final Long INVALID_XID = 0L;
    /** {@code FirstMultiXactId}: relminmxid and datminmxid when nothing was frozen yet. */
    static final Long FIRST_MULTI_XID = 1L;

    /** The {@code _RETURN} rule of a view: {@code ev_type '1'} (SELECT), enabled 'O', INSTEAD, the query as SQL text. */
    public static Object[] viewRule(int oid, int viewOid, String query) {
        return new RowBuilder(CatalogDefinitions.PG_REWRITE)
                .set("oid", oid).set("rulename", SystemViews.RETURN_RULE).set("ev_class", viewOid)
                .setChar("ev_type", '1').setChar("ev_enabled", 'O').set("is_instead", true)
                .set("ev_action", query).build();
    }

    /** A pg_attribute row for a column of a relation (user column: number > 0; system column: < 0). */
    public static Object[] attribute(int relationOid, String name, TypeInfo type, int typeModifier, int number,
                                     boolean notNull, boolean hasDefault) {
        boolean userColumn = number > 0;
        return new RowBuilder(PG_ATTRIBUTE)
                .set("attrelid", relationOid).set("attname", name).set("atttypid", type.oid())
                .set("attstattarget", userColumn ? DEFAULT_STATISTICS_TARGET : 0).set("attlen", type.length())
                .setShort("attnum", number)
                .set("attndims", type.category() == 'A' && type.elementOid() != 0 && type.length() == -1 ? 1 : 0)
                .set("attcacheoff", NO_CACHED_OFFSET).set("atttypmod", typeModifier)
                .set("attbyval", type.byValue()).setChar("attalign", type.align())
                .setChar("attstorage", userColumn ? type.storage() : 'p').setChar("attcompression", '\0')
                .set("attnotnull", notNull || !userColumn).set("atthasdef", hasDefault)
                .set("atthasmissing", false).setChar("attidentity", '\0').setChar("attgenerated", '\0')
                .set("attisdropped", false).set("attislocal", true).set("attinhcount", 0)
                .set("attcollation", userColumn ? type.collation() : 0)
                .build();
    }

    /** pg_attribute rows for the six system columns of a relation. */
    public static List<Object[]> systemAttributes(int relationOid) {
        List<Object[]> rows = new ArrayList<>();
        for (SystemColumn column : SYSTEM_COLUMNS) {
            TypeInfo type = TypeInfo.of(PgTypeData.byOid(column.typeOid()));
            rows.add(attribute(relationOid, column.name(), type, -1, column.number(), true, false));
        }
        return rows;
    }

    /** The pg_type row of a built-in type. */
    public static Object[] builtinType(PgTypeData.Type type) {
        return type(TypeInfo.of(type), type.preferred(), type.input(), type.output());
    }

    /** The pg_type row of a relation's row type ({@code typtype 'c'}, {@code typrelid} the relation). */
    public static Object[] rowType(int typeOid, String name, int namespaceOid, int relationOid) {
        return rowType(typeOid, name, namespaceOid, relationOid, 0);
    }

    /** As above, with its array type ({@code typarray}; 0 for none). */
    public static Object[] rowType(int typeOid, String name, int namespaceOid, int relationOid, int arrayOid) {
        TypeInfo type = new TypeInfo(typeOid, name, namespaceOid, (short) -1, false, 'd', 'x', 'c', 'C',
                relationOid, 0, arrayOid, 0);
        return type(type, false, "record_in", "record_out");
    }

    /** The pg_type row of a CREATE TYPE ... AS composite type, with its array type and owner. */
    public static Object[] compositeType(int typeOid, String name, int namespaceOid, int relationOid, int arrayOid,
                                         int ownerOid) {
        TypeInfo type = new TypeInfo(typeOid, name, namespaceOid, (short) -1, false, 'd', 'x', 'c', 'C',
                relationOid, 0, arrayOid, 0);
        Object[] row = type(type, false, "record_in", "record_out");
        row[PG_TYPE.column("typowner")] = ownerOid;
        return row;
    }

    /** The pg_class row of a composite type (relkind 'c': attributes, no storage). */
    public static Object[] compositeClass(int oid, String name, int namespaceOid, int rowTypeOid, int columnCount,
                                          int ownerOid) {
        return classRow(oid, name, namespaceOid, rowTypeOid, 'c', 0, 0, 0, false, 'p', columnCount)
                .set("relowner", ownerOid).setChar("relreplident", 'n').build();
    }

    /** The pg_type row of an enum type ({@code typtype 'e'}: 4-byte label OIDs), owned by {@code ownerOid}. */
    public static Object[] enumType(int typeOid, String name, int namespaceOid, int arrayOid, int ownerOid) {
        TypeInfo type = new TypeInfo(typeOid, name, namespaceOid, (short) 4, true, 'i', 'p', 'e', 'E', 0, 0, arrayOid,
                0);
        Object[] row = type(type, false, "enum_in", "enum_out");
        row[PG_TYPE.column("typowner")] = ownerOid;
        return row;
    }

    /**
     * The pg_type row of a user-defined range type ({@code typtype 'r'}) or, with {@code multirange},
     * of its multirange type ({@code 'm'}); {@code align} is 'd' over a double-aligned subtype, else 'i'.
     */
    public static Object[] rangeType(int typeOid, String name, int namespaceOid, int arrayOid, char align,
                                     boolean multirange, int ownerOid) {
        TypeInfo type = new TypeInfo(typeOid, name, namespaceOid, (short) -1, false, align, 'x',
                multirange ? 'm' : 'r', 'R', 0, 0, arrayOid, 0);
        Object[] row = multirange ? type(type, false, "multirange_in", "multirange_out")
                : type(type, false, "range_in", "range_out");
        row[PG_TYPE.column("typowner")] = ownerOid;
        return row;
    }

    /**
     * The pg_type row of a shell type ({@code TypeShellMake}): a pseudo-type placeholder with
     * {@code typisdefined} false and the shell I/O functions, until CREATE TYPE defines it.
     */
    public static Object[] shellType(int typeOid, String name, int namespaceOid, int ownerOid) {
        TypeInfo type = new TypeInfo(typeOid, name, namespaceOid, (short) 4, true, 'i', 'p', 'p', 'P', 0, 0, 0, 0);
        Object[] row = type(type, false, "shell_in", "shell_out");
        row[PG_TYPE.column("typowner")] = ownerOid;
        row[PG_TYPE.column("typisdefined")] = false;
        row[PG_TYPE.column("typreceive")] = 0;
        row[PG_TYPE.column("typsend")] = 0;
        return row;
    }

    /** A user-defined range type's pg_range row ({@code RangeCreate}). */
    public static Object[] userRange(int rangeOid, int subtype, int multirangeOid, int collation, int opclass,
                                     int subdiff) {
        return new RowBuilder(CatalogDefinitions.PG_RANGE).set("rngtypid", rangeOid).set("rngsubtype", subtype)
                .set("rngmultitypid", multirangeOid).set("rngcollation", collation).set("rngsubopc", opclass)
                .set("rngcanonical", 0).set("rngsubdiff", subdiff).build();
    }

    /** The pg_type row of the array type ({@code _name}) of a user-defined type. */
    public static Object[] arrayType(int arrayOid, String arrayName, int namespaceOid, int elementOid, int ownerOid) {
        TypeInfo type = new TypeInfo(arrayOid, arrayName, namespaceOid, (short) -1, false, 'i', 'x', 'b', 'A',
                0, elementOid, 0, 0);
        Object[] row = type(type, false, "array_in", "array_out");
        row[PG_TYPE.column("typowner")] = ownerOid;
        return row;
    }

    /** A pg_enum row. */
    public static Object[] enumLabel(EnumLabel label) {
        return new RowBuilder(PG_ENUM).set("oid", label.oid()).set("enumtypid", label.typeOid())
                .set("enumsortorder", label.sortOrder()).set("enumlabel", label.label()).build();
    }

    private static Object[] type(TypeInfo type, boolean preferred, String input, String output) {
        boolean array = type.category() == 'A' && type.elementOid() != 0 && type.length() == -1;
        return new RowBuilder(PG_TYPE)
                .set("oid", type.oid()).set("typname", type.name()).set("typnamespace", type.namespaceOid())
                .set("typowner", CatalogOids.BOOTSTRAP_SUPERUSER).set("typlen", type.length())
                .set("typbyval", type.byValue()).setChar("typtype", type.typtype())
                .setChar("typcategory", type.category()).set("typispreferred", preferred)
                .set("typisdefined", true).setChar("typdelim", ',').set("typrelid", type.relationOid())
                .set("typsubscript", array ? "array_subscript_handler" : "-").set("typelem", type.elementOid())
                .set("typarray", type.arrayOid()).set("typinput", PgTypeIOProcData.oidOf(input))
                .set("typoutput", PgTypeIOProcData.oidOf(output)).set("typreceive", receive(type.oid(), input))
                .set("typsend", send(type.oid(), input)).set("typmodin", "-").set("typmodout", "-")
                .set("typanalyze", "-").setChar("typalign", type.align()).setChar("typstorage", type.storage())
                .set("typnotnull", false).set("typbasetype", 0).set("typtypmod", -1).set("typndims", 0)
                .set("typcollation", type.collation())
                .build();
    }

    /**
     * {@code typreceive}: a built-in type's own, else the one its input function's family has
     * ({@code array_recv}, {@code record_recv}, {@code enum_recv}).
     */
    private static int receive(int typeOid, String input) {
        return PgTypeData.byOid(typeOid) != null ? PgTypeIOProcData.receiveOf(typeOid)
                : PgTypeIOProcData.oidOf(input.replace("_in", "_recv"));
    }

    /** {@code typsend}, as {@link #receive}. */
    private static int send(int typeOid, String input) {
        return PgTypeData.byOid(typeOid) != null ? PgTypeIOProcData.sendOf(typeOid)
                : PgTypeIOProcData.oidOf(input.replace("_in", "_send"));
    }

    /** A pg_attrdef row; the default is kept as its SQL text in {@code adbin} (see README.md). */
    public static Object[] attributeDefault(int oid, int relationOid, int attributeNumber, String expression) {
        return new RowBuilder(PG_ATTRDEF).set("oid", oid).set("adrelid", relationOid)
                .setShort("adnum", attributeNumber).set("adbin", expression).build();
    }

    /**
     * A pg_class row for a B-tree index ('i', relam 403) as {@code index_create} writes it: no
     * row type, one page (the metapage) and no tuples once built (reltuples set by the build).
     */
    public static Object[] indexRelation(int oid, String name, int namespaceOid, int relfilenode, char persistence,
                                         int columnCount) {
        Object[] row = heapRelation(oid, name, namespaceOid, 0, relfilenode, 0, false, persistence, columnCount,
                false);
        row[PG_CLASS.column("relam")] = CatalogOids.BTREE_ACCESS_METHOD;
        row[PG_CLASS.column("relkind")] = "i";
        row[PG_CLASS.column("relfrozenxid")] = INVALID_XID;
        row[PG_CLASS.column("relminmxid")] = INVALID_XID;
        row[PG_CLASS.column("relreplident")] = "n";
        return row;
    }

    /** A pg_index row; the vectors are stored as their text forms ({@code 1 2}), see README.md. */
    public static Object[] index(IndexInfo index) {
        StringBuilder keys = new StringBuilder();
        StringBuilder collations = new StringBuilder();
        StringBuilder classes = new StringBuilder();
        StringBuilder options = new StringBuilder();
        for (int i = 0; i < index.columns().size(); i++) {
            separate(keys).append(index.columns().get(i));
            if (i < index.keyColumnCount()) {
                // collatable key columns use the database's default collation, "C" (100 in PostgreSQL)
                PgTypeData.Type keyType = PgTypeData.byOid(index.columnTypeOids().get(i));
                // user-defined (enum) types are not collatable
                separate(collations).append(keyType == null ? 0 : TypeInfo.of(keyType).collation());
                separate(classes).append(index.operatorClasses().get(i));
                int option = (index.descending().get(i) ? IndexInfo.OPTION_DESC : 0)
                        | (index.nullsFirst().get(i) ? IndexInfo.OPTION_NULLS_FIRST : 0);
                separate(options).append(option);
            }
        }
        return new RowBuilder(PG_INDEX)
                .set("indexrelid", index.oid()).set("indrelid", index.relationOid())
                .setShort("indnatts", index.columns().size()).setShort("indnkeyatts", index.keyColumnCount())
                .set("indisunique", index.unique()).set("indnullsnotdistinct", index.nullsNotDistinct())
                .set("indisprimary", index.primary()).set("indisexclusion", false).set("indimmediate", index.immediate())
                .set("indisclustered", false).set("indisvalid", index.valid()).set("indcheckxmin", false)
                .set("indisready", true).set("indislive", true).set("indisreplident", false)
                .set("indkey", keys.toString()).set("indcollation", collations.toString())
                .set("indclass", classes.toString()).set("indoption", options.toString())
                .set("indexprs", index.expressions()).set("indpred", index.predicate())
                .build();
    }

    private static StringBuilder separate(StringBuilder text) {
        return text.isEmpty() ? text : text.append(' ');
    }

    /**
     * A pg_constraint row; {@code conkey} is int2[]'s text form ({@code {1,2}}), {@code conbin} a
     * check constraint's expression as SQL text.
     */
    public static Object[] constraint(ConstraintInfo constraint, int relationOid) {
        boolean check = constraint.type() == ConstraintInfo.CHECK;
        return new RowBuilder(PG_CONSTRAINT)
                .set("oid", constraint.oid()).set("conname", constraint.name())
                .set("connamespace", constraint.namespaceOid()).setChar("contype", constraint.type())
                .set("condeferrable", constraint.deferrable()).set("condeferred", constraint.deferred())
                .set("convalidated", constraint.validated()).set("conrelid", relationOid).set("contypid", 0)
                .set("conindid", constraint.indexOid()).set("conparentid", 0)
                .set("confrelid", constraint.referencedOid())
                .setChar("confupdtype", constraint.updateAction()).setChar("confdeltype", constraint.deleteAction())
                .setChar("confmatchtype", constraint.matchType())
                .set("conislocal", true).set("coninhcount", 0).set("connoinherit", !check)
                .set("conkey", int2Array(constraint.columns()))
                .set("confkey", int2Array(constraint.referencedColumns()))
                .set("conbin", constraint.checkExpression())
                .build();
    }

    /** int2[]'s text form ({@code {1,2}}), or null for no columns. */
    private static String int2Array(List<Short> columns) {
        if (columns.isEmpty()) {
            return null;
        }
        StringBuilder keys = new StringBuilder("{");
        for (short column : columns) {
            keys.append(keys.length() > 1 ? "," : "").append(column);
        }
        return keys.append('}').toString();
    }

    public static Object[] database(int oid, String name, boolean template, boolean allowConnections) {
        return new RowBuilder(PG_DATABASE)
                .set("oid", oid).set("datname", name).set("datdba", CatalogOids.BOOTSTRAP_SUPERUSER)
                .set("encoding", CatalogOids.UTF8_ENCODING).setChar("datlocprovider", 'c')
                .set("datistemplate", template).set("datallowconn", allowConnections).set("datconnlimit", -1)
                .set("datfrozenxid", FIRST_NORMAL_XID).set("datminmxid", FIRST_MULTI_XID)
                .set("dattablespace", CatalogOids.DEFAULT_TABLESPACE).set("datcollate", "C").set("datctype", "C")
                .build();
    }

    /** A role with every privilege (the bootstrap superuser); {@code password} may be null. */
    public static Object[] superuser(int oid, String name, String password) {
        return new RowBuilder(PG_AUTHID)
                .set("oid", oid).set("rolname", name).set("rolsuper", true).set("rolinherit", true)
                .set("rolcreaterole", true).set("rolcreatedb", true).set("rolcanlogin", true)
                .set("rolreplication", true).set("rolbypassrls", true).set("rolconnlimit", -1)
                .set("rolpassword", password)
                .build();
    }

    /** A predefined role ({@code pg_monitor} and the like): no login, no attributes, inherits. */
    public static Object[] predefinedRole(int oid, String name) {
        return new RowBuilder(PG_AUTHID)
                .set("oid", oid).set("rolname", name).set("rolsuper", false).set("rolinherit", true)
                .set("rolcreaterole", false).set("rolcreatedb", false).set("rolcanlogin", false)
                .set("rolreplication", false).set("rolbypassrls", false).set("rolconnlimit", -1)
                .build();
    }

    /** A pg_auth_members row: {@code member} belongs to {@code role}, granted by the bootstrap superuser. */
    public static Object[] membership(int role, int member) {
        return new RowBuilder(CatalogDefinitions.PG_AUTH_MEMBERS).set("roleid", role).set("member", member)
                .set("grantor", CatalogOids.BOOTSTRAP_SUPERUSER).set("admin_option", false).build();
    }

    public static Object[] tablespace(int oid, String name) {
        return new RowBuilder(PG_TABLESPACE).set("oid", oid).set("spcname", name)
                .set("spcowner", CatalogOids.BOOTSTRAP_SUPERUSER).build();
    }

    /**
     * A pg_proc row of a built-in function (language internal, cost 1, parallel safe);
     * {@code proargtypes} is stored as oidvector's text form, {@code prosrc} is the function name.
     */
    public static Object[] function(int oid, String name, int[] argumentTypes, int returnType, boolean strict,
                                    boolean variadic, char volatility, char kind) {
        boolean retset = SetReturningFunctions.returnsSet(oid);
        StringBuilder argumentText = new StringBuilder();
        for (int argumentType : argumentTypes) {
            if (!argumentText.isEmpty()) {
                argumentText.append(' ');
            }
            argumentText.append(Integer.toUnsignedString(argumentType));
        }
        int variadicType = variadic && argumentTypes.length > 0 ? argumentTypes[argumentTypes.length - 1] : 0;
        RowBuilder row = new RowBuilder(CatalogDefinitions.PG_PROC)
                .set("oid", oid).set("proname", name).set("pronamespace", CatalogOids.PG_CATALOG_NAMESPACE)
                .set("proowner", CatalogOids.BOOTSTRAP_SUPERUSER).set("prolang", INTERNAL_LANGUAGE)
                .set("procost", 1.0f).set("prorows", retset ? (float) SetReturningFunctions.declaredRows(oid) : 0.0f).set("provariadic", variadicType).set("prosupport", "-")
                .setChar("prokind", kind).set("prosecdef", false).set("proleakproof", false)
                .set("proisstrict", strict).set("proretset", retset).setChar("provolatile", volatility)
                .setChar("proparallel", 's').setShort("pronargs", argumentTypes.length)
                .setShort("pronargdefaults", 0).set("prorettype", returnType)
                .set("proargtypes", argumentText.toString()).set("prosrc", name);
        BuiltinOutParameters parameters = BuiltinOutParameters.of(oid);
        if (parameters != null) {
            builtinParameters(row, parameters, BuiltinParameters.of(name));
        }
        return row.build();
    }

    /** The parameter columns PostgreSQL's pg_proc.dat gives a built-in function (names, modes, defaults). */
    private static void builtinParameters(RowBuilder row, BuiltinOutParameters parameters, BuiltinParameters named) {
        row.set("proargnames", ArrayLiteral.format(parameters.names()));
        if (parameters.modes() != null) {
            List<String> types = new ArrayList<>();
            List<String> modes = new ArrayList<>();
            for (int i = 0; i < parameters.modes().length; i++) {
                types.add(Integer.toUnsignedString(parameters.allTypes()[i]));
                modes.add(String.valueOf(parameters.modes()[i]));
            }
            row.set("proallargtypes", ArrayLiteral.format(types)).set("proargmodes", ArrayLiteral.format(modes));
        }
        if (named != null && !named.defaults().isEmpty()) {
            row.setShort("pronargdefaults", named.defaults().size())
                    .set("proargdefaults", ArrayLiteral.format(named.defaults()));
        }
    }

    /** The pg_operator row of a built-in operator (no selectivity estimators yet: oprrest, oprjoin "-"). */
    public static Object[] operator(PgOperatorData.Operator operator) {
        return new RowBuilder(PG_OPERATOR)
                .set("oid", operator.oid()).set("oprname", operator.name())
                .set("oprnamespace", CatalogOids.PG_CATALOG_NAMESPACE).set("oprowner", CatalogOids.BOOTSTRAP_SUPERUSER)
                .setChar("oprkind", operator.leftType() == 0 ? 'l' : 'b').set("oprcanmerge", false)
                .set("oprcanhash", false).set("oprleft", operator.leftType()).set("oprright", operator.rightType())
                .set("oprresult", operator.resultType()).set("oprcom", operator.commutator())
                .set("oprnegate", operator.negator())
                .set("oprcode", operator.procOid()).set("oprrest", 0).set("oprjoin", 0)
                .build();
    }

    public static Object[] cast(PgCastData.Cast cast) {
        return new RowBuilder(PG_CAST)
                .set("oid", cast.oid()).set("castsource", cast.source()).set("casttarget", cast.target())
                .set("castfunc", cast.function()).setChar("castcontext", cast.context())
                .setChar("castmethod", cast.method())
                .build();
    }

    /** The pg_aggregate row of a built-in aggregate (a plain one: no moving or ordered-set variant). */
    public static Object[] aggregate(PgAggregateData.Aggregate aggregate) {
        return new RowBuilder(PG_AGGREGATE)
                .set("aggfnoid", aggregate.oid()).setChar("aggkind", 'n').setShort("aggnumdirectargs", 0)
                .set("aggtransfn", aggregate.transitionFunction()).set("aggfinalfn", aggregate.finalFunction())
                .set("aggcombinefn", "-").set("aggserialfn", "-").set("aggdeserialfn", "-").set("aggmtransfn", "-")
                .set("aggminvtransfn", "-").set("aggmfinalfn", "-").set("aggfinalextra", false)
                .set("aggmfinalextra", false).setChar("aggfinalmodify", 'r').setChar("aggmfinalmodify", 'r')
                .set("aggsortop", 0).set("aggtranstype", aggregate.transitionType()).set("aggtransspace", 0)
                .set("aggmtranstype", 0).set("aggmtransspace", 0).set("agginitval", aggregate.initialValue())
                .set("aggminitval", null)
                .build();
    }

    /** A pg_description row: the comment on an object of catalog {@code classOid} ({@code subId}: a column, or 0). */
    public static Object[] description(int objectOid, int classOid, int subId, String text) {
        return new RowBuilder(CatalogDefinitions.PG_DESCRIPTION).set("objoid", objectOid).set("classoid", classOid)
                .set("objsubid", subId).set("description", text).build();
    }

    /** A pg_shdescription row: the comment on a database, role or tablespace. */
    public static Object[] sharedDescription(int objectOid, int classOid, String text) {
        return new RowBuilder(CatalogDefinitions.PG_SHDESCRIPTION).set("objoid", objectOid).set("classoid", classOid)
                .set("description", text).build();
    }

    /**
     * A built-in pg_collation row (encoding -1: any); {@code locale} null for the database
     * default, whose collate and ctype are the database's.
     */
    public static Object[] collation(int oid, String name, char provider, int encoding, String locale) {
        return new RowBuilder(CatalogDefinitions.PG_COLLATION).set("oid", oid).set("collname", name)
                .set("collnamespace", CatalogOids.PG_CATALOG_NAMESPACE)
                .set("collowner", CatalogOids.BOOTSTRAP_SUPERUSER).setChar("collprovider", provider)
                .set("collisdeterministic", true).set("collencoding", encoding).set("collcollate", locale)
                .set("collctype", locale).set("colliculocale", null).set("collversion", null).build();
    }

    /** @param handler the pg_proc OID of the handler function ({@code amhandler}, a regproc) */
    public static Object[] accessMethod(int oid, String name, int handler, char type) {
        return new RowBuilder(PG_AM).set("oid", oid).set("amname", name).set("amhandler", handler)
                .setChar("amtype", type).build();
    }

    /** The pg_proc row of a function written in SQL, as CREATE FUNCTION stores it. */
    public static Object[] sqlFunction(FunctionInfo function) {
        return FunctionRows.row(function);
    }

    /** A pg_init_privs row of type 'i' (set by initdb) for a whole object. */
    public static Object[] initialPrivileges(int objectOid, int classOid, String acl) {
        return new RowBuilder(CatalogDefinitions.PG_INIT_PRIVS).set("objoid", objectOid).set("classoid", classOid)
                .set("objsubid", 0).setChar("privtype", 'i').set("initprivs", acl).build();
    }

        /** A pg_language row, owned by the bootstrap superuser, with the default privileges. */
    public static Object[] language(BuiltinLanguages.Language language) {
        return new RowBuilder(CatalogDefinitions.PG_LANGUAGE).set("oid", language.oid())
                .set("lanname", language.name()).set("lanowner", CatalogOids.BOOTSTRAP_SUPERUSER)
                .set("lanispl", language.procedural()).set("lanpltrusted", language.trusted())
                .set("lanplcallfoid", language.handler()).set("laninline", language.inline())
                .set("lanvalidator", language.validator()).set("lanacl", null).build();
    }

    public static Object[] operatorFamily(PgOpclassData.Family family) {
        return new RowBuilder(CatalogDefinitions.PG_OPFAMILY).set("oid", family.oid())
                .set("opfmethod", family.method()).set("opfname", family.name())
                .set("opfnamespace", CatalogOids.PG_CATALOG_NAMESPACE)
                .set("opfowner", CatalogOids.BOOTSTRAP_SUPERUSER).build();
    }

    public static Object[] operatorClass(PgOpclassData.OperatorClass opclass) {
        return new RowBuilder(CatalogDefinitions.PG_OPCLASS).set("oid", opclass.oid())
                .set("opcmethod", opclass.method()).set("opcname", opclass.name())
                .set("opcnamespace", CatalogOids.PG_CATALOG_NAMESPACE)
                .set("opcowner", CatalogOids.BOOTSTRAP_SUPERUSER).set("opcfamily", opclass.family())
                .set("opcintype", opclass.inputType()).set("opcdefault", opclass.isDefault())
                .set("opckeytype", opclass.keyType()).build();
    }

    /** A pg_amop row: a search operator ('s'), no sort family. */
    public static Object[] operatorFamilyMember(PgOpclassData.Member member) {
        return new RowBuilder(CatalogDefinitions.PG_AMOP).set("oid", member.oid())
                .set("amopfamily", member.family()).set("amoplefttype", member.leftType())
                .set("amoprighttype", member.rightType()).setShort("amopstrategy", member.strategy())
                .setChar("amoppurpose", 's').set("amopopr", member.operator())
                .set("amopmethod", PgOpclassData.methodOf(member.family())).set("amopsortfamily", 0).build();
    }

    public static Object[] supportFunction(PgOpclassData.Support support) {
        return new RowBuilder(CatalogDefinitions.PG_AMPROC).set("oid", support.oid())
                .set("amprocfamily", support.family()).set("amproclefttype", support.leftType())
                .set("amprocrighttype", support.rightType()).setShort("amprocnum", support.number())
                .set("amproc", support.function()).build();
    }

    /** A built-in range type's pg_range row ({@code pg_range.dat}). */
    public static Object[] range(org.woolly.utils.adt.RangeTypes.RangeType range) {
        return new RowBuilder(CatalogDefinitions.PG_RANGE).set("rngtypid", range.rangeOid())
                .set("rngsubtype", range.subtype()).set("rngmultitypid", range.multirangeOid())
                .set("rngcollation", 0).set("rngsubopc", range.subtypeOpclass())
                .set("rngcanonical", range.canonicalOid()).set("rngsubdiff", range.subdiffOid()).build();
    }
}
