package org.woolly.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * psql's describe meta-commands ({@code \dt \di \ds \d}) and the syntax and functions their
 * queries use ({@code OPERATOR(pg_catalog.~)}, {@code COLLATE pg_catalog.default},
 * {@code pg_table_is_visible}, {@code pg_get_userbyid}), compared with PostgreSQL 15's output
 * (unaligned, so the owner's name length does not matter).
 */
class PsqlDescribeIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @BeforeAll
    static void createTable() throws Exception {
        assertThat(psql("CREATE TABLE t (id serial PRIMARY KEY, name text UNIQUE, qty int CHECK (qty > 0));\n"))
                .isEqualTo("CREATE TABLE\n");
    }

    private static String psql(String script) throws Exception {
        return PsqlIT.run(server, script, "-A", "-v", "ON_ERROR_STOP=0");
    }

    private static String owner() {
        return server.superuser();
    }

    /** psql's unaligned listing of {@code command}: title, header, rows (%s is the owner), row count. */
    private static void assertListing(String command, String header, String... rows) throws Exception {
        StringBuilder expected = new StringBuilder("List of relations\n").append(header).append('\n');
        for (String row : rows) {
            expected.append(row.formatted(owner())).append('\n');
        }
        expected.append(rows.length == 1 ? "(1 row)\n" : "(" + rows.length + " rows)\n");
        assertThat(psql(command + "\n")).isEqualTo(expected.toString());
    }

    @Test
    void listTables() throws Exception {
        assertListing("\\dt", "Schema|Name|Type|Owner", "public|t|table|%s");
    }

    @Test
    void listIndexes() throws Exception {
        assertListing("\\di", "Schema|Name|Type|Owner|Table", "public|t_name_key|index|%s|t", "public|t_pkey|index|%s|t");
    }

    @Test
    void listSequences() throws Exception {
        assertListing("\\ds", "Schema|Name|Type|Owner", "public|t_id_seq|sequence|%s");
    }

    @Test
    void listRelations() throws Exception {
        assertListing("\\d", "Schema|Name|Type|Owner", "public|t|table|%s", "public|t_id_seq|sequence|%s");
    }

    @Test
    void formatTypeAsPostgresPrintsIt() throws Exception {
        assertThat(psql("""
                SELECT format_type(1042, NULL) AS a, format_type(1042, -1) AS b, format_type(99999, -1) AS c,
                  format_type(1043, 14) AS d, format_type(23, NULL) AS e, format_type(NULL, 1) AS f, format_type(1007, -1) AS g;
                """)).isEqualTo("""
                a|b|c|d|e|f|g
                character|bpchar|???|character varying(10)|integer||integer[]
                (1 row)
                """);
    }

    @Test
    void explicitOperatorSyntaxAndCollateClauses() throws Exception {
        String script = """
                SELECT 'tab' OPERATOR(pg_catalog.~) '^(t)$' COLLATE pg_catalog.default AS m, 2 OPERATOR(pg_catalog.*) 3 AS p, OPERATOR(pg_catalog.-) 4 AS n;
                SELECT 'a' OPERATOR(public.~) 'b';
                SELECT 1 COLLATE "C";
                SELECT 'a' COLLATE nosuch;
                SELECT pg_catalog.pg_get_userbyid(1), pg_table_is_visible(0) IS NULL AS missing;
                """;
        assertThat(psql(script)).isEqualTo("""
                m|p|n
                f|6|-4
                (1 row)
                ERROR:  operator does not exist: unknown public.~ unknown
                LINE 1: SELECT 'a' OPERATOR(public.~) 'b';
                                   ^
                HINT:  No operator matches the given name and argument types. You might need to add explicit type casts.
                ERROR:  collations are not supported by type integer
                LINE 1: SELECT 1 COLLATE "C";
                                 ^
                ERROR:  collation "nosuch" for encoding "UTF8" does not exist
                LINE 1: SELECT 'a' COLLATE nosuch;
                                   ^
                pg_get_userbyid|missing
                unknown (OID=1)|t
                (1 row)
                """);
    }

    @Test
    void objectIdentifierAliasTypesPrintNames() throws Exception {
        assertThat(psql("""
                SELECT 't'::regclass, 'pg_class'::regclass::oid AS oid, 'int4'::regtype, 'bpchar'::regtype, 11::regnamespace,
                  2079::regprocedure, 0::regclass;
                SELECT 'nosuch'::regclass;
                SELECT 'nosuch'::regnamespace;
                SELECT pg_get_constraintdef(oid, true) FROM pg_constraint WHERE conname = 't_qty_check';
                SELECT pg_get_indexdef('t_pkey'::regclass::oid, 0, true);
                """)).isEqualTo("""
                regclass|oid|regtype|regtype|regnamespace|regprocedure|regclass
                t|1259|integer|character|pg_catalog|pg_table_is_visible(oid)|-
                (1 row)
                ERROR:  relation "nosuch" does not exist
                LINE 1: SELECT 'nosuch'::regclass;
                               ^
                ERROR:  schema "nosuch" does not exist
                LINE 1: SELECT 'nosuch'::regnamespace;
                               ^
                pg_get_constraintdef
                CHECK (qty > 0)
                (1 row)
                pg_get_indexdef
                CREATE UNIQUE INDEX t_pkey ON public.t USING btree (id)
                (1 row)
                """);
    }
}
