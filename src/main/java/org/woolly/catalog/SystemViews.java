package org.woolly.catalog;

import org.woolly.utils.adt.PgTypeData;
import org.woolly.utils.adt.TypeOids;

import java.util.ArrayList;
import java.util.List;

/**
 * The system views initdb creates ({@code src/backend/catalog/system_views.sql}), with
 * PostgreSQL 15's OIDs, column names and types. A view is a pg_class row of relkind 'v' (no
 * storage), its columns in pg_attribute, its row type in pg_type and one {@code _RETURN} rule in
 * pg_rewrite whose {@code ev_action} is the query as SQL text, written as PostgreSQL's
 * {@code pg_get_viewdef} prints it where Woolly can run that form; the analyzer expands the view
 * as a subquery. How to add one: README.md "Views".
 */
public final class SystemViews {
    private static final int NAME = TypeOids.NAME;
    private static final int BOOL = TypeOids.BOOL;
    private static final int INT4 = TypeOids.INT4;
    private static final int TEXT = TypeOids.TEXT;
    private static final int OID = TypeOids.OID;
    private static final int TIMESTAMPTZ = TypeOids.TIMESTAMPTZ;

    /** Name of the rule that makes a relation a view ({@code ViewSelectRuleName}). */
    public static final String RETURN_RULE = "_RETURN";

    /**
     * One system view. Its row type OID is {@code oid + 2} and its rule's {@code oid + 3}, as
     * PostgreSQL 15's initdb assigns them (the array type, {@code oid + 1}, Woolly does not create).
     *
     * @param definition the query, as {@code pg_views.definition} shows it
     */
    public record View(int oid, String name, List<CatalogColumn> columns, String definition) {
        public int rowTypeOid() {
            return oid + 2;
        }

        public int ruleOid() {
            return oid + 3;
        }
    }

    public static final View PG_ROLES = new Builder(12000, "pg_roles")
            .column("rolname", NAME).column("rolsuper", BOOL).column("rolinherit", BOOL)
            .column("rolcreaterole", BOOL).column("rolcreatedb", BOOL).column("rolcanlogin", BOOL)
            .column("rolreplication", BOOL).column("rolconnlimit", INT4).column("rolpassword", TEXT)
            .column("rolvaliduntil", TIMESTAMPTZ).column("rolbypassrls", BOOL).asText("rolconfig", "text[]")
            .column("oid", OID)
            .definition("""
                    SELECT pg_authid.rolname,
                        pg_authid.rolsuper,
                        pg_authid.rolinherit,
                        pg_authid.rolcreaterole,
                        pg_authid.rolcreatedb,
                        pg_authid.rolcanlogin,
                        pg_authid.rolreplication,
                        pg_authid.rolconnlimit,
                        '********'::text AS rolpassword,
                        pg_authid.rolvaliduntil,
                        pg_authid.rolbypassrls,
                        s.setconfig AS rolconfig,
                        pg_authid.oid
                       FROM (pg_authid
                         LEFT JOIN pg_db_role_setting s ON (((pg_authid.oid = s.setrole) AND (s.setdatabase = (0)::oid))));""");

    public static final View PG_SHADOW = new Builder(12005, "pg_shadow")
            .column("usename", NAME).column("usesysid", OID).column("usecreatedb", BOOL).column("usesuper", BOOL)
            .column("userepl", BOOL).column("usebypassrls", BOOL).column("passwd", TEXT)
            .column("valuntil", TIMESTAMPTZ).asText("useconfig", "text[]")
            .definition("""
                    SELECT pg_authid.rolname AS usename,
                        pg_authid.oid AS usesysid,
                        pg_authid.rolcreatedb AS usecreatedb,
                        pg_authid.rolsuper AS usesuper,
                        pg_authid.rolreplication AS userepl,
                        pg_authid.rolbypassrls AS usebypassrls,
                        pg_authid.rolpassword AS passwd,
                        pg_authid.rolvaliduntil AS valuntil,
                        s.setconfig AS useconfig
                       FROM (pg_authid
                         LEFT JOIN pg_db_role_setting s ON (((pg_authid.oid = s.setrole) AND (s.setdatabase = (0)::oid))))
                      WHERE pg_authid.rolcanlogin;""");

    public static final View PG_USER = new Builder(12014, "pg_user")
            .column("usename", NAME).column("usesysid", OID).column("usecreatedb", BOOL).column("usesuper", BOOL)
            .column("userepl", BOOL).column("usebypassrls", BOOL).column("passwd", TEXT)
            .column("valuntil", TIMESTAMPTZ).asText("useconfig", "text[]")
            .definition("""
                    SELECT pg_shadow.usename,
                        pg_shadow.usesysid,
                        pg_shadow.usecreatedb,
                        pg_shadow.usesuper,
                        pg_shadow.userepl,
                        pg_shadow.usebypassrls,
                        '********'::text AS passwd,
                        pg_shadow.valuntil,
                        pg_shadow.useconfig
                       FROM pg_shadow;""");

    /** {@code pg_get_userbyid} and {@code pg_get_viewdef} are joins with pg_authid and pg_rewrite here. */
    public static final View PG_VIEWS = new Builder(12028, "pg_views")
            .column("schemaname", NAME).column("viewname", NAME).column("viewowner", NAME)
            .column("definition", TEXT)
            .definition("""
                    SELECT n.nspname AS schemaname,
                        c.relname AS viewname,
                        a.rolname AS viewowner,
                        r.ev_action AS definition
                       FROM (((pg_class c
                         LEFT JOIN pg_namespace n ON ((n.oid = c.relnamespace)))
                         LEFT JOIN pg_authid a ON ((a.oid = c.relowner)))
                         LEFT JOIN pg_rewrite r ON (((r.ev_class = c.oid) AND (r.rulename = '_RETURN'::name))))
                      WHERE (c.relkind = 'v'::"char");""");

    /** {@code pg_get_userbyid} is a join with pg_authid, {@code = ANY (ARRAY[...])} an IN list here. */
    public static final View PG_TABLES = new Builder(12033, "pg_tables")
            .column("schemaname", NAME).column("tablename", NAME).column("tableowner", NAME)
            .column("tablespace", NAME).column("hasindexes", BOOL).column("hasrules", BOOL)
            .column("hastriggers", BOOL).column("rowsecurity", BOOL)
            .definition("""
                    SELECT n.nspname AS schemaname,
                        c.relname AS tablename,
                        a.rolname AS tableowner,
                        t.spcname AS tablespace,
                        c.relhasindex AS hasindexes,
                        c.relhasrules AS hasrules,
                        c.relhastriggers AS hastriggers,
                        c.relrowsecurity AS rowsecurity
                       FROM (((pg_class c
                         LEFT JOIN pg_namespace n ON ((n.oid = c.relnamespace)))
                         LEFT JOIN pg_tablespace t ON ((t.oid = c.reltablespace)))
                         LEFT JOIN pg_authid a ON ((a.oid = c.relowner)))
                      WHERE (c.relkind IN ('r'::"char", 'p'::"char"));""");

    private static final List<View> ALL = List.of(PG_ROLES, PG_SHADOW, PG_USER, PG_VIEWS, PG_TABLES);

    private SystemViews() {}

    /** Every system view, in creation order (a view is created after those it reads). */
    public static List<View> all() {
        return ALL;
    }

    /** Collects the columns of one view declaration. */
    private static final class Builder {
        private final int oid;
        private final String name;
        private final List<CatalogColumn> columns = new ArrayList<>();

        Builder(int oid, String name) {
            this.oid = oid;
            this.name = name;
        }

        Builder column(String column, int typeOid) {
            columns.add(new CatalogColumn(column, typeOid, false, PgTypeData.byOid(typeOid).name()));
            return this;
        }

        /** A column of a type Woolly does not have (as in the catalogs, README.md): text, always null. */
        Builder asText(String column, String postgresTypeName) {
            columns.add(new CatalogColumn(column, TEXT, false, postgresTypeName));
            return this;
        }

        View definition(String query) {
            // pg_get_viewdef starts with a space; the text block cannot hold leading indentation
            return new View(oid, name, List.copyOf(columns), " " + query);
        }
    }
}
