package org.woolly.catalog;

import org.woolly.utils.adt.PgTypeData;
import org.woolly.utils.adt.TypeOids;

import java.util.ArrayList;
import java.util.List;

/**
 * The system catalogs Woolly creates, with PostgreSQL 15's OIDs and column lists (from
 * {@code src/include/catalog/pg_namespace.h}, {@code pg_class.h}, {@code pg_attribute.h}, ...).
 * {@link #all()} is also the bootstrap order.
 */
public final class CatalogDefinitions {
    private static final int BOOL = TypeOids.BOOL;
    private static final int CHAR = TypeOids.CHAR;
    private static final int NAME = TypeOids.NAME;
    private static final int INT2 = TypeOids.INT2;
    private static final int INT4 = TypeOids.INT4;
    private static final int INT8 = TypeOids.INT8;
    private static final int TEXT = TypeOids.TEXT;
    private static final int OID = TypeOids.OID;
    private static final int XID = TypeOids.XID;
    private static final int FLOAT4 = TypeOids.FLOAT4;
    private static final int TIMESTAMPTZ = TypeOids.TIMESTAMPTZ;
    private static final int REGPROC = TypeOids.REGPROC;
    private static final int BYTEA = TypeOids.BYTEA;
    private static final int CHAR_ARRAY = 1002;
    private static final int INT2_ARRAY = 1005;
    private static final int TEXT_ARRAY = TypeOids.TEXT_ARRAY;
    private static final int OID_ARRAY = 1028;

    /** First OID genbki.pl would hand to catalog row types without a fixed one; ours are below 16384. */
    private static final int FIRST_GENERATED_ROW_TYPE_OID = 10000;

    public static final CatalogDefinition PG_TYPE = new Builder("pg_type", 1247, false, 71)
            .notNull("oid", OID).notNull("typname", NAME).notNull("typnamespace", OID).notNull("typowner", OID)
            .notNull("typlen", INT2).notNull("typbyval", BOOL).notNull("typtype", CHAR)
            .notNull("typcategory", CHAR).notNull("typispreferred", BOOL).notNull("typisdefined", BOOL)
            .notNull("typdelim", CHAR).notNull("typrelid", OID).asText("typsubscript", "regproc")
            .notNull("typelem", OID).notNull("typarray", OID).notNull("typinput", REGPROC)
            .notNull("typoutput", REGPROC).notNull("typreceive", REGPROC).notNull("typsend", REGPROC)
            .asText("typmodin", "regproc").asText("typmodout", "regproc").asText("typanalyze", "regproc")
            .notNull("typalign", CHAR).notNull("typstorage", CHAR).notNull("typnotnull", BOOL)
            .notNull("typbasetype", OID).notNull("typtypmod", INT4).notNull("typndims", INT4)
            .notNull("typcollation", OID).asText("typdefaultbin", "pg_node_tree").nullable("typdefault", TEXT)
            .asText("typacl", "aclitem[]").build();

    public static final CatalogDefinition PG_ATTRIBUTE = new Builder("pg_attribute", 1249, false, 75)
            .notNull("attrelid", OID).notNull("attname", NAME).notNull("atttypid", OID)
            .notNull("attstattarget", INT4).notNull("attlen", INT2).notNull("attnum", INT2)
            .notNull("attndims", INT4).notNull("attcacheoff", INT4).notNull("atttypmod", INT4)
            .notNull("attbyval", BOOL).notNull("attalign", CHAR).notNull("attstorage", CHAR)
            .notNull("attcompression", CHAR).notNull("attnotnull", BOOL).notNull("atthasdef", BOOL)
            .notNull("atthasmissing", BOOL).notNull("attidentity", CHAR).notNull("attgenerated", CHAR)
            .notNull("attisdropped", BOOL).notNull("attislocal", BOOL).notNull("attinhcount", INT4)
            .notNull("attcollation", OID).asText("attacl", "aclitem[]").asText("attoptions", "text[]")
            .asText("attfdwoptions", "text[]").asText("attmissingval", "anyarray").build();

    public static final CatalogDefinition PG_PROC = new Builder("pg_proc", 1255, false, 81)
            .notNull("oid", OID).notNull("proname", NAME).notNull("pronamespace", OID).notNull("proowner", OID)
            .notNull("prolang", OID).notNull("procost", FLOAT4).notNull("prorows", FLOAT4)
            .notNull("provariadic", OID).asText("prosupport", "regproc").notNull("prokind", CHAR)
            .notNull("prosecdef", BOOL).notNull("proleakproof", BOOL).notNull("proisstrict", BOOL)
            .notNull("proretset", BOOL).notNull("provolatile", CHAR).notNull("proparallel", CHAR)
            .notNull("pronargs", INT2).notNull("pronargdefaults", INT2).notNull("prorettype", OID)
            .asText("proargtypes", "oidvector").asText("proallargtypes", "oid[]").asText("proargmodes", "char[]")
            .asText("proargnames", "text[]").asText("proargdefaults", "pg_node_tree")
            .asText("protrftypes", "oid[]").nullable("prosrc", TEXT).nullable("probin", TEXT)
            .asText("prosqlbody", "pg_node_tree").asText("proconfig", "text[]").asText("proacl", "aclitem[]")
            .build();

    public static final CatalogDefinition PG_CLASS = new Builder("pg_class", 1259, false, 83)
            .notNull("oid", OID).notNull("relname", NAME).notNull("relnamespace", OID).notNull("reltype", OID)
            .notNull("reloftype", OID).notNull("relowner", OID).notNull("relam", OID)
            .notNull("relfilenode", OID).notNull("reltablespace", OID).notNull("relpages", INT4)
            .notNull("reltuples", FLOAT4).notNull("relallvisible", INT4).notNull("reltoastrelid", OID)
            .notNull("relhasindex", BOOL).notNull("relisshared", BOOL).notNull("relpersistence", CHAR)
            .notNull("relkind", CHAR).notNull("relnatts", INT2).notNull("relchecks", INT2)
            .notNull("relhasrules", BOOL).notNull("relhastriggers", BOOL).notNull("relhassubclass", BOOL)
            .notNull("relrowsecurity", BOOL).notNull("relforcerowsecurity", BOOL).notNull("relispopulated", BOOL)
            .notNull("relreplident", CHAR).notNull("relispartition", BOOL).notNull("relrewrite", OID)
            .notNull("relfrozenxid", XID).notNull("relminmxid", XID).asText("relacl", "aclitem[]")
            .nullable("reloptions", TEXT_ARRAY).asText("relpartbound", "pg_node_tree").build();

    public static final CatalogDefinition PG_AUTHID = new Builder("pg_authid", 1260, true, 2842)
            .notNull("oid", OID).notNull("rolname", NAME).notNull("rolsuper", BOOL).notNull("rolinherit", BOOL)
            .notNull("rolcreaterole", BOOL).notNull("rolcreatedb", BOOL).notNull("rolcanlogin", BOOL)
            .notNull("rolreplication", BOOL).notNull("rolbypassrls", BOOL).notNull("rolconnlimit", INT4)
            .nullable("rolpassword", TEXT).nullable("rolvaliduntil", TIMESTAMPTZ).build();

    public static final CatalogDefinition PG_DATABASE = new Builder("pg_database", 1262, true, 1248)
            .notNull("oid", OID).notNull("datname", NAME).notNull("datdba", OID).notNull("encoding", INT4)
            .notNull("datlocprovider", CHAR).notNull("datistemplate", BOOL).notNull("datallowconn", BOOL)
            .notNull("datconnlimit", INT4).notNull("datfrozenxid", XID).notNull("datminmxid", XID)
            .notNull("dattablespace", OID).notNull("datcollate", TEXT).notNull("datctype", TEXT)
            .nullable("daticulocale", TEXT).nullable("datcollversion", TEXT).asText("datacl", "aclitem[]")
            .build();

    public static final CatalogDefinition PG_TABLESPACE = new Builder("pg_tablespace", 1213, true, 0)
            .notNull("oid", OID).notNull("spcname", NAME).notNull("spcowner", OID).asText("spcacl", "aclitem[]")
            .asText("spcoptions", "text[]").build();

    public static final CatalogDefinition PG_NAMESPACE = new Builder("pg_namespace", 2615, false, 0)
            .notNull("oid", OID).notNull("nspname", NAME).notNull("nspowner", OID).asText("nspacl", "aclitem[]")
            .build();

    public static final CatalogDefinition PG_ATTRDEF = new Builder("pg_attrdef", 2604, false, 0)
            .notNull("oid", OID).notNull("adrelid", OID).notNull("adnum", INT2).asText("adbin", "pg_node_tree")
            .build();

    public static final CatalogDefinition PG_AM = new Builder("pg_am", 2601, false, 0)
            .notNull("oid", OID).notNull("amname", NAME).notNull("amhandler", REGPROC).notNull("amtype", CHAR)
            .build();

    public static final CatalogDefinition PG_INDEX = new Builder("pg_index", 2610, false, 0)
            .notNull("indexrelid", OID).notNull("indrelid", OID).notNull("indnatts", INT2)
            .notNull("indnkeyatts", INT2).notNull("indisunique", BOOL).notNull("indnullsnotdistinct", BOOL)
            .notNull("indisprimary", BOOL).notNull("indisexclusion", BOOL).notNull("indimmediate", BOOL)
            .notNull("indisclustered", BOOL).notNull("indisvalid", BOOL).notNull("indcheckxmin", BOOL)
            .notNull("indisready", BOOL).notNull("indislive", BOOL).notNull("indisreplident", BOOL)
            .asText("indkey", "int2vector").asText("indcollation", "oidvector").asText("indclass", "oidvector")
            .asText("indoption", "int2vector").asText("indexprs", "pg_node_tree").asText("indpred", "pg_node_tree")
            .build();

    public static final CatalogDefinition PG_CONSTRAINT = new Builder("pg_constraint", 2606, false, 0)
            .notNull("oid", OID).notNull("conname", NAME).notNull("connamespace", OID).notNull("contype", CHAR)
            .notNull("condeferrable", BOOL).notNull("condeferred", BOOL).notNull("convalidated", BOOL)
            .notNull("conrelid", OID).notNull("contypid", OID).notNull("conindid", OID)
            .notNull("conparentid", OID).notNull("confrelid", OID).notNull("confupdtype", CHAR)
            .notNull("confdeltype", CHAR).notNull("confmatchtype", CHAR).notNull("conislocal", BOOL)
            .notNull("coninhcount", INT4).notNull("connoinherit", BOOL).asText("conkey", "int2[]")
            .asText("confkey", "int2[]").asText("conpfeqop", "oid[]").asText("conppeqop", "oid[]")
            .asText("conffeqop", "oid[]").asText("confdelsetcols", "int2[]").asText("conexclop", "oid[]")
            .asText("conbin", "pg_node_tree").build();

    public static final CatalogDefinition PG_INHERITS = new Builder("pg_inherits", 2611, false, 0)
            .notNull("inhrelid", OID).notNull("inhparent", OID).notNull("inhseqno", INT4)
            .notNull("inhdetachpending", BOOL).build();

    public static final CatalogDefinition PG_PARTITIONED_TABLE = new Builder("pg_partitioned_table", 3350, false,
            0)
            .notNull("partrelid", OID).notNull("partstrat", CHAR).notNull("partnatts", INT2)
            .notNull("partdefid", OID).asText("partattrs", "int2vector").notNull("partclass", OID_ARRAY) // oidvector
            .asText("partcollation", "oidvector").asText("partexprs", "pg_node_tree").build();

    public static final CatalogDefinition PG_DESCRIPTION = new Builder("pg_description", 2609, false, 0)
            .notNull("objoid", OID).notNull("classoid", OID).notNull("objsubid", INT4)
            .notNull("description", TEXT).build();

    public static final CatalogDefinition PG_OPERATOR = new Builder("pg_operator", 2617, false, 0)
            .notNull("oid", OID).notNull("oprname", NAME).notNull("oprnamespace", OID).notNull("oprowner", OID)
            .notNull("oprkind", CHAR).notNull("oprcanmerge", BOOL).notNull("oprcanhash", BOOL)
            .notNull("oprleft", OID).notNull("oprright", OID).notNull("oprresult", OID).notNull("oprcom", OID)
            .notNull("oprnegate", OID).notNull("oprcode", REGPROC).notNull("oprrest", REGPROC)
            .notNull("oprjoin", REGPROC).build();

    public static final CatalogDefinition PG_CAST = new Builder("pg_cast", 2605, false, 0)
            .notNull("oid", OID).notNull("castsource", OID).notNull("casttarget", OID).notNull("castfunc", OID)
            .notNull("castcontext", CHAR).notNull("castmethod", CHAR).build();

    /** {@code aggfnoid} is regproc in PostgreSQL; Woolly has no regproc, so it holds the OID as oid. */
    public static final CatalogDefinition PG_AGGREGATE = new Builder("pg_aggregate", 2600, false, 0)
            .notNull("aggfnoid", OID).notNull("aggkind", CHAR).notNull("aggnumdirectargs", INT2)
            .asText("aggtransfn", "regproc").asText("aggfinalfn", "regproc").asText("aggcombinefn", "regproc")
            .asText("aggserialfn", "regproc").asText("aggdeserialfn", "regproc").asText("aggmtransfn", "regproc")
            .asText("aggminvtransfn", "regproc").asText("aggmfinalfn", "regproc").notNull("aggfinalextra", BOOL)
            .notNull("aggmfinalextra", BOOL).notNull("aggfinalmodify", CHAR).notNull("aggmfinalmodify", CHAR)
            .notNull("aggsortop", OID).notNull("aggtranstype", OID).notNull("aggtransspace", INT4)
            .notNull("aggmtranstype", OID).notNull("aggmtransspace", INT4).nullable("agginitval", TEXT)
            .nullable("aggminitval", TEXT).build();

    /**
     * The rules of views ({@code pg_rewrite.h}): one {@code _RETURN} rule per view whose
     * {@code ev_action} holds the view's query as SQL text (PostgreSQL stores a node tree), which
     * the analyzer parses and expands as a subquery; see README.md "Views".
     */
    public static final CatalogDefinition PG_REWRITE = new Builder("pg_rewrite", 2618, false, 0)
            .notNull("oid", OID).notNull("rulename", NAME).notNull("ev_class", OID).notNull("ev_type", CHAR)
            .notNull("ev_enabled", CHAR).notNull("is_instead", BOOL).asText("ev_qual", "pg_node_tree")
            .asText("ev_action", "pg_node_tree").build();

    /**
     * Per-role and per-database session defaults ({@code ALTER ROLE ... SET}, {@code ALTER DATABASE
     * ... SET}): one row per (database, role), 0 for "every"; setconfig holds {@code name=value} texts.
     */
    public static final CatalogDefinition PG_DB_ROLE_SETTING = new Builder("pg_db_role_setting", 2964, true, 0)
            .notNull("setdatabase", OID).notNull("setrole", OID).nullable("setconfig", TEXT_ARRAY).build();

    /** Operator families ({@code pg_opfamily.h}): {@code utils.adt.PgOpclassData}. */
    public static final CatalogDefinition PG_OPFAMILY = new Builder("pg_opfamily", 2753, false, 0)
            .notNull("oid", OID).notNull("opfmethod", OID).notNull("opfname", NAME).notNull("opfnamespace", OID)
            .notNull("opfowner", OID).build();

    /** Operator classes ({@code pg_opclass.h}): {@code utils.adt.PgOpclassData}. */
    public static final CatalogDefinition PG_OPCLASS = new Builder("pg_opclass", 2616, false, 0)
            .notNull("oid", OID).notNull("opcmethod", OID).notNull("opcname", NAME).notNull("opcnamespace", OID)
            .notNull("opcowner", OID).notNull("opcfamily", OID).notNull("opcintype", OID)
            .notNull("opcdefault", BOOL).notNull("opckeytype", OID).build();

    /** Operators of operator families ({@code pg_amop.h}): {@code utils.adt.PgOpclassData}. */
    public static final CatalogDefinition PG_AMOP = new Builder("pg_amop", 2602, false, 0)
            .notNull("oid", OID).notNull("amopfamily", OID).notNull("amoplefttype", OID)
            .notNull("amoprighttype", OID).notNull("amopstrategy", INT2).notNull("amoppurpose", CHAR)
            .notNull("amopopr", OID).notNull("amopmethod", OID).notNull("amopsortfamily", OID).build();

    /** Support functions of operator families ({@code pg_amproc.h}): {@code utils.adt.PgOpclassData}. */
    public static final CatalogDefinition PG_AMPROC = new Builder("pg_amproc", 2603, false, 0)
            .notNull("oid", OID).notNull("amprocfamily", OID).notNull("amproclefttype", OID)
            .notNull("amprocrighttype", OID).notNull("amprocnum", INT2).asText("amproc", "regproc").build();

    /**
     * Column statistics written by ANALYZE ({@code pg_statistic.h}): five slots of kind, operator,
     * collation, numbers and values. The {@code float4[]} and {@code anyarray} columns hold their
     * array's text form ({@code {1,2,3}}), as {@link org.woolly.utils.adt.ArrayLiteral} writes it.
     */
    public static final CatalogDefinition PG_STATISTIC = statistic();

    /**
     * PostgreSQL's {@code pg_stats} view over pg_statistic, kept as a table until it is rewritten
     * as a view over pg_statistic (pg_rewrite): ANALYZE writes these rows beside pg_statistic's (same values, column names
     * resolved, arrays as text) and DROP TABLE deletes them.
     */
    public static final CatalogDefinition PG_STATS = new Builder("pg_stats", 12050, false, 0)
            .notNull("schemaname", NAME).notNull("tablename", NAME).notNull("attname", NAME)
            .notNull("inherited", BOOL).notNull("null_frac", FLOAT4).notNull("avg_width", INT4)
            .notNull("n_distinct", FLOAT4).asText("most_common_vals", "anyarray")
            .asText("most_common_freqs", "real[]").asText("histogram_bounds", "anyarray")
            .nullable("correlation", FLOAT4).asText("most_common_elems", "anyarray")
            .asText("most_common_elem_freqs", "real[]").asText("elem_count_histogram", "real[]").build();

    /** Number of slots of a pg_statistic row ({@code STATISTIC_NUM_SLOTS}). */
    public static final int STATISTIC_SLOTS = 5;

    private static CatalogDefinition statistic() {
        Builder builder = new Builder("pg_statistic", 2619, false, 0)
                .notNull("starelid", OID).notNull("staattnum", INT2).notNull("stainherit", BOOL)
                .notNull("stanullfrac", FLOAT4).notNull("stawidth", INT4).notNull("stadistinct", FLOAT4);
        for (int slot = 1; slot <= STATISTIC_SLOTS; slot++) {
            builder.notNull("stakind" + slot, INT2);
        }
        for (int slot = 1; slot <= STATISTIC_SLOTS; slot++) {
            builder.notNull("staop" + slot, OID);
        }
        for (int slot = 1; slot <= STATISTIC_SLOTS; slot++) {
            builder.notNull("stacoll" + slot, OID);
        }
        for (int slot = 1; slot <= STATISTIC_SLOTS; slot++) {
            builder.asText("stanumbers" + slot, "float4[]");
        }
        for (int slot = 1; slot <= STATISTIC_SLOTS; slot++) {
            builder.asText("stavalues" + slot, "anyarray");
        }
        return builder.build();
    }

    public static final CatalogDefinition PG_SEQUENCE = new Builder("pg_sequence", 2224, false, 0)
            .notNull("seqrelid", OID).notNull("seqtypid", OID).notNull("seqstart", INT8)
            .notNull("seqincrement", INT8).notNull("seqmax", INT8).notNull("seqmin", INT8)
            .notNull("seqcache", INT8).notNull("seqcycle", BOOL).build();

    public static final CatalogDefinition PG_DEPEND = new Builder("pg_depend", 2608, false, 0)
            .notNull("classid", OID).notNull("objid", OID).notNull("objsubid", INT4).notNull("refclassid", OID)
            .notNull("refobjid", OID).notNull("refobjsubid", INT4).notNull("deptype", CHAR).build();

    public static final CatalogDefinition PG_AUTH_MEMBERS = new Builder("pg_auth_members", 1261, true, 2843)
            .notNull("roleid", OID).notNull("member", OID).notNull("grantor", OID).notNull("admin_option", BOOL)
            .build();

    public static final CatalogDefinition PG_COLLATION = new Builder("pg_collation", 3456, false, 10095)
            .notNull("oid", OID).notNull("collname", NAME).notNull("collnamespace", OID).notNull("collowner", OID)
            .notNull("collprovider", CHAR).notNull("collisdeterministic", BOOL).notNull("collencoding", INT4)
            .nullable("collcollate", TEXT).nullable("collctype", TEXT).nullable("colliculocale", TEXT)
            .nullable("collversion", TEXT).build();

    /** Empty: no row-level security policies yet (psql's {@code \d} reads it). */
    public static final CatalogDefinition PG_POLICY = new Builder("pg_policy", 3256, false, 10084)
            .notNull("oid", OID).notNull("polname", NAME).notNull("polrelid", OID).notNull("polcmd", CHAR)
            .notNull("polpermissive", BOOL).notNull("polroles", OID_ARRAY).asText("polqual", "pg_node_tree")
            .asText("polwithcheck", "pg_node_tree").build();

    /** Empty: no CREATE STATISTICS yet. */
    public static final CatalogDefinition PG_STATISTIC_EXT = new Builder("pg_statistic_ext", 3381, false, 10031)
            .notNull("oid", OID).notNull("stxrelid", OID).notNull("stxname", NAME).notNull("stxnamespace", OID)
            .notNull("stxowner", OID).notNull("stxstattarget", INT4).asText("stxkeys", "int2vector")
            .notNull("stxkind", CHAR_ARRAY).asText("stxexprs", "pg_node_tree").build();

    /** Empty until publications come (logical replication). */
    public static final CatalogDefinition PG_PUBLICATION = new Builder("pg_publication", 6104, false, 10107)
            .notNull("oid", OID).notNull("pubname", NAME).notNull("pubowner", OID).notNull("puballtables", BOOL)
            .notNull("pubinsert", BOOL).notNull("pubupdate", BOOL).notNull("pubdelete", BOOL)
            .notNull("pubtruncate", BOOL).notNull("pubviaroot", BOOL).build();

    public static final CatalogDefinition PG_PUBLICATION_REL = new Builder("pg_publication_rel", 6106, false, 10111)
            .notNull("oid", OID).notNull("prpubid", OID).notNull("prrelid", OID).asText("prqual", "pg_node_tree")
            .nullable("prattrs", INT2_ARRAY).build(); // int2vector in PostgreSQL; psql subscripts it

    public static final CatalogDefinition PG_PUBLICATION_NAMESPACE = new Builder("pg_publication_namespace", 6237,
            false, 10109)
            .notNull("oid", OID).notNull("pnpubid", OID).notNull("pnnspid", OID).build();

    /** Empty: no extensions (PostgreSQL's initdb installs plpgsql, which Woolly does not have). */
    public static final CatalogDefinition PG_EXTENSION = new Builder("pg_extension", 3079, false, 10074)
            .notNull("oid", OID).notNull("extname", NAME).notNull("extowner", OID).notNull("extnamespace", OID)
            .notNull("extrelocatable", BOOL).notNull("extversion", TEXT).nullable("extconfig", OID_ARRAY)
            .nullable("extcondition", TEXT_ARRAY).build();

    /** Comments on shared objects (databases, roles, tablespaces). */
    public static final CatalogDefinition PG_SHDESCRIPTION = new Builder("pg_shdescription", 2396, true, 10062)
            .notNull("objoid", OID).notNull("classoid", OID).notNull("description", TEXT).build();

    /** The labels of enum types ({@code pg_enum.h}): one row per value, ordered by {@code enumsortorder}. */
    public static final CatalogDefinition PG_ENUM = new Builder("pg_enum", 3501, false, 0)
            .notNull("oid", OID).notNull("enumtypid", OID).notNull("enumsortorder", FLOAT4)
            .notNull("enumlabel", NAME).build();

    /*
     * The catalogs below are read by pg_dump and psql. Each has PostgreSQL 15's OID and columns,
     * and its row type OID where that is not one Woolly already generates for another catalog; they stay empty until the commands that fill them exist (CREATE LANGUAGE,
     * CREATE TEXT SEARCH ..., CREATE FOREIGN DATA WRAPPER, ALTER DEFAULT PRIVILEGES, CREATE
     * CONVERSION, CREATE TYPE ... AS RANGE, CREATE TRANSFORM, CREATE EVENT TRIGGER, CREATE
     * SUBSCRIPTION, large objects, CREATE TRIGGER, SECURITY LABEL), except pg_language, which
     * holds the built-in languages of {@link BuiltinLanguages}.
     */

    public static final CatalogDefinition PG_LANGUAGE = new Builder("pg_language", 2612, false, 0)
            .notNull("oid", OID).notNull("lanname", NAME).notNull("lanowner", OID).notNull("lanispl", BOOL)
            .notNull("lanpltrusted", BOOL).notNull("lanplcallfoid", OID).notNull("laninline", OID)
            .notNull("lanvalidator", OID).asText("lanacl", "aclitem[]").build();

    /** The privileges objects had when initdb or CREATE EXTENSION made them; Woolly's are the defaults. */
    public static final CatalogDefinition PG_INIT_PRIVS = new Builder("pg_init_privs", 3394, false, 10090)
            .notNull("objoid", OID).notNull("classoid", OID).notNull("objsubid", INT4).notNull("privtype", CHAR)
            .asText("initprivs", "aclitem[]").build();

    public static final CatalogDefinition PG_DEFAULT_ACL = new Builder("pg_default_acl", 826, false, 10088)
            .notNull("oid", OID).notNull("defaclrole", OID).notNull("defaclnamespace", OID)
            .notNull("defaclobjtype", CHAR).asText("defaclacl", "aclitem[]").build();

    public static final CatalogDefinition PG_TS_PARSER = new Builder("pg_ts_parser", 3601, false, 10070)
            .notNull("oid", OID).notNull("prsname", NAME).notNull("prsnamespace", OID)
            .notNull("prsstart", REGPROC).notNull("prstoken", REGPROC).notNull("prsend", REGPROC)
            .notNull("prsheadline", REGPROC).notNull("prslextype", REGPROC).build();

    public static final CatalogDefinition PG_TS_TEMPLATE = new Builder("pg_ts_template", 3764, false, 10072)
            .notNull("oid", OID).notNull("tmplname", NAME).notNull("tmplnamespace", OID)
            .notNull("tmplinit", REGPROC).notNull("tmpllexize", REGPROC).build();

    public static final CatalogDefinition PG_TS_DICT = new Builder("pg_ts_dict", 3600, false, 10068)
            .notNull("oid", OID).notNull("dictname", NAME).notNull("dictnamespace", OID)
            .notNull("dictowner", OID).notNull("dicttemplate", OID).nullable("dictinitoption", TEXT).build();

    public static final CatalogDefinition PG_TS_CONFIG = new Builder("pg_ts_config", 3602, false, 10064)
            .notNull("oid", OID).notNull("cfgname", NAME).notNull("cfgnamespace", OID).notNull("cfgowner", OID)
            .notNull("cfgparser", OID).build();

    public static final CatalogDefinition PG_TS_CONFIG_MAP = new Builder("pg_ts_config_map", 3603, false, 10066)
            .notNull("mapcfg", OID).notNull("maptokentype", INT4).notNull("mapseqno", INT4)
            .notNull("mapdict", OID).build();

    public static final CatalogDefinition PG_FOREIGN_DATA_WRAPPER = new Builder("pg_foreign_data_wrapper", 2328,
            false, 10076)
            .notNull("oid", OID).notNull("fdwname", NAME).notNull("fdwowner", OID).notNull("fdwhandler", OID)
            .notNull("fdwvalidator", OID).asText("fdwacl", "aclitem[]").asText("fdwoptions", "text[]").build();

    public static final CatalogDefinition PG_FOREIGN_SERVER = new Builder("pg_foreign_server", 1417, false, 10078)
            .notNull("oid", OID).notNull("srvname", NAME).notNull("srvowner", OID).notNull("srvfdw", OID)
            .nullable("srvtype", TEXT).nullable("srvversion", TEXT).asText("srvacl", "aclitem[]")
            .asText("srvoptions", "text[]").build();

    public static final CatalogDefinition PG_USER_MAPPING = new Builder("pg_user_mapping", 1418, false, 10080)
            .notNull("oid", OID).notNull("umuser", OID).notNull("umserver", OID).asText("umoptions", "text[]")
            .build();

    public static final CatalogDefinition PG_FOREIGN_TABLE = new Builder("pg_foreign_table", 3118, false, 10082)
            .notNull("ftrelid", OID).notNull("ftserver", OID).asText("ftoptions", "text[]").build();

    public static final CatalogDefinition PG_CONVERSION = new Builder("pg_conversion", 2607, false, 10049)
            .notNull("oid", OID).notNull("conname", NAME).notNull("connamespace", OID).notNull("conowner", OID)
            .notNull("conforencoding", INT4).notNull("contoencoding", INT4).notNull("conproc", REGPROC)
            .notNull("condefault", BOOL).build();

    public static final CatalogDefinition PG_RANGE = new Builder("pg_range", 3541, false, 10101)
            .notNull("rngtypid", OID).notNull("rngsubtype", OID).notNull("rngmultitypid", OID)
            .notNull("rngcollation", OID).notNull("rngsubopc", OID).notNull("rngcanonical", REGPROC)
            .notNull("rngsubdiff", REGPROC).build();

    public static final CatalogDefinition PG_TRANSFORM = new Builder("pg_transform", 3576, false, 10103)
            .notNull("oid", OID).notNull("trftype", OID).notNull("trflang", OID).notNull("trffromsql", REGPROC)
            .notNull("trftosql", REGPROC).build();

    public static final CatalogDefinition PG_EVENT_TRIGGER = new Builder("pg_event_trigger", 3466, false, 10039)
            .notNull("oid", OID).notNull("evtname", NAME).notNull("evtevent", NAME).notNull("evtowner", OID)
            .notNull("evtfoid", OID).notNull("evtenabled", CHAR).nullable("evttags", TEXT_ARRAY).build();

    public static final CatalogDefinition PG_TRIGGER = new Builder("pg_trigger", 2620, false, 0)
            .notNull("oid", OID).notNull("tgrelid", OID).notNull("tgparentid", OID).notNull("tgname", NAME)
            .notNull("tgfoid", OID).notNull("tgtype", INT2).notNull("tgenabled", CHAR)
            .notNull("tgisinternal", BOOL).notNull("tgconstrrelid", OID).notNull("tgconstrindid", OID)
            .notNull("tgconstraint", OID).notNull("tgdeferrable", BOOL).notNull("tginitdeferred", BOOL)
            .notNull("tgnargs", INT2).asText("tgattr", "int2vector").notNull("tgargs", BYTEA)
            .asText("tgqual", "pg_node_tree").nullable("tgoldtable", NAME).nullable("tgnewtable", NAME).build();

    public static final CatalogDefinition PG_SUBSCRIPTION = new Builder("pg_subscription", 6100, true, 6101)
            .notNull("oid", OID).notNull("subdbid", OID).asText("subskiplsn", "pg_lsn").notNull("subname", NAME)
            .notNull("subowner", OID).notNull("subenabled", BOOL).notNull("subbinary", BOOL)
            .notNull("substream", BOOL).notNull("subtwophasestate", CHAR).notNull("subdisableonerr", BOOL)
            .notNull("subconninfo", TEXT).nullable("subslotname", NAME).notNull("subsynccommit", TEXT)
            .notNull("subpublications", TEXT_ARRAY).build();

    public static final CatalogDefinition PG_LARGEOBJECT_METADATA = new Builder("pg_largeobject_metadata", 2995,
            false, 0)
            .notNull("oid", OID).notNull("lomowner", OID).asText("lomacl", "aclitem[]").build();

    public static final CatalogDefinition PG_SECLABEL = new Builder("pg_seclabel", 3596, false, 10092)
            .notNull("objoid", OID).notNull("classoid", OID).notNull("objsubid", INT4).notNull("provider", TEXT)
            .notNull("label", TEXT).build();

    public static final CatalogDefinition PG_SHSECLABEL = new Builder("pg_shseclabel", 3592, true, 4066)
            .notNull("objoid", OID).notNull("classoid", OID).notNull("provider", TEXT).notNull("label", TEXT)
            .build();

    /** Privileges on configuration parameters (GRANT SET ON PARAMETER; pg_dumpall reads it). */
    public static final CatalogDefinition PG_PARAMETER_ACL = new Builder("pg_parameter_acl", 6243, true, 10097)
            .notNull("oid", OID).notNull("parname", TEXT).asText("paracl", "aclitem[]").build();

    private static final List<CatalogDefinition> ALL = List.of(PG_TYPE, PG_ATTRIBUTE, PG_PROC, PG_CLASS,
            PG_AUTHID, PG_DATABASE, PG_TABLESPACE, PG_NAMESPACE, PG_ATTRDEF, PG_AM, PG_INDEX, PG_CONSTRAINT,
            PG_INHERITS, PG_PARTITIONED_TABLE, PG_DESCRIPTION, PG_OPERATOR, PG_CAST, PG_AGGREGATE,
            PG_REWRITE, PG_DB_ROLE_SETTING, PG_OPFAMILY, PG_OPCLASS, PG_AMOP, PG_AMPROC,
            PG_STATISTIC, PG_STATS, PG_SEQUENCE, PG_DEPEND, PG_AUTH_MEMBERS, PG_COLLATION, PG_POLICY,
            PG_STATISTIC_EXT, PG_PUBLICATION, PG_PUBLICATION_REL, PG_PUBLICATION_NAMESPACE, PG_EXTENSION,
            PG_SHDESCRIPTION, PG_ENUM, PG_LANGUAGE, PG_INIT_PRIVS, PG_DEFAULT_ACL, PG_TS_PARSER, PG_TS_TEMPLATE,
            PG_TS_DICT, PG_TS_CONFIG, PG_TS_CONFIG_MAP, PG_FOREIGN_DATA_WRAPPER, PG_FOREIGN_SERVER, PG_USER_MAPPING,
            PG_FOREIGN_TABLE, PG_CONVERSION, PG_RANGE, PG_TRANSFORM, PG_EVENT_TRIGGER, PG_TRIGGER, PG_SUBSCRIPTION,
            PG_LARGEOBJECT_METADATA, PG_SECLABEL, PG_SHSECLABEL, PG_PARAMETER_ACL);

    private CatalogDefinitions() {}

    /** Every catalog, in bootstrap order. */
    public static List<CatalogDefinition> all() {
        return ALL;
    }

    /** The catalog with this OID, or null. */
    public static CatalogDefinition byOid(int oid) {
        for (CatalogDefinition definition : ALL) {
            if (definition.oid() == oid) {
                return definition;
            }
        }
        return null;
    }

    /** The row type OID of a catalog: PostgreSQL's fixed one where it has one, else a stable one below 16384. */
    public static int rowTypeOid(CatalogDefinition definition) {
        if (definition.rowTypeOid() != 0) {
            return definition.rowTypeOid();
        }
        return FIRST_GENERATED_ROW_TYPE_OID + ALL.indexOf(definition);
    }

    /** Collects the columns of one catalog declaration. */
    private static final class Builder {
        private final String name;
        private final int oid;
        private final boolean shared;
        private final int rowTypeOid;
        private final List<CatalogColumn> columns = new ArrayList<>();

        Builder(String name, int oid, boolean shared, int rowTypeOid) {
            this.name = name;
            this.oid = oid;
            this.shared = shared;
            this.rowTypeOid = rowTypeOid;
        }

        Builder notNull(String column, int typeOid) {
            columns.add(new CatalogColumn(column, typeOid, true, PgTypeData.byOid(typeOid).name()));
            return this;
        }

        Builder nullable(String column, int typeOid) {
            columns.add(new CatalogColumn(column, typeOid, false, PgTypeData.byOid(typeOid).name()));
            return this;
        }

        /** A column of a type Woolly does not have: stored as text, its PostgreSQL type kept for reference. */
        Builder asText(String column, String postgresTypeName) {
            columns.add(new CatalogColumn(column, TEXT, false, postgresTypeName));
            return this;
        }

        CatalogDefinition build() {
            return new CatalogDefinition(name, oid, shared, rowTypeOid, columns);
        }
    }
}
