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

    /** A table in its own schema, so the listings of public above stay as they are. */
    private static final String DESCRIBED_TABLE = """
            CREATE SCHEMA s2;
            CREATE TABLE s2.d (id serial PRIMARY KEY, name text UNIQUE DEFAULT 'x', qty int CHECK (qty > 0),
              price numeric(10,2) NOT NULL DEFAULT 0, born date DEFAULT '2020-01-01', delta int DEFAULT -1);
            CREATE INDEX d_qty_idx ON s2.d (qty);
            """;

    @Test
    void describeTableAsPostgresPrintsIt() throws Exception {
        psql(DESCRIBED_TABLE);
        String columns = """
                id|integer||not null|nextval('s2.d_id_seq'::regclass)
                name|text|||'x'::text
                qty|integer|||
                price|numeric(10,2)||not null|0
                born|date|||'2020-01-01'::date
                delta|integer|||'-1'::integer
                """;
        String indexesAndChecks = """
                Indexes:
                    "d_pkey" PRIMARY KEY, btree (id)
                    "d_name_key" UNIQUE CONSTRAINT, btree (name)
                    "d_qty_idx" btree (qty)
                Check constraints:
                    "d_qty_check" CHECK (qty > 0)
                """;
        assertThat(psql("\\d s2.d\n")).isEqualTo("Table \"s2.d\"\nColumn|Type|Collation|Nullable|Default\n"
                + columns + indexesAndChecks);
        String verboseColumns = """
                id|integer||not null|nextval('s2.d_id_seq'::regclass)|plain|||
                name|text|||'x'::text|extended|||
                qty|integer||||plain|||
                price|numeric(10,2)||not null|0|main|||
                born|date|||'2020-01-01'::date|plain|||
                delta|integer|||'-1'::integer|plain|||
                """;
        assertThat(psql("\\d+ s2.d\n")).isEqualTo("Table \"s2.d\"\n"
                + "Column|Type|Collation|Nullable|Default|Storage|Compression|Stats target|Description\n"
                + verboseColumns + indexesAndChecks + "Access method: heap\n");
    }

    @Test
    void collationsAndObjectFunctions() throws Exception {
        assertThat(psql("""
                SELECT collname, collprovider, collencoding, collcollate FROM pg_collation WHERE oid IN (100, 950, 951) ORDER BY oid;
                SELECT pg_typeof(1), pg_typeof('a'::text), pg_typeof(1.5), pg_typeof(NULL::date), pg_typeof('x');
                SELECT obj_description('public'::regnamespace, 'pg_namespace'), shobj_description(1, 'pg_database'),
                  col_description('pg_class'::regclass, 1) IS NULL AS none;
                SELECT has_table_privilege('pg_class', 'SELECT, INSERT'), has_schema_privilege('public', 'USAGE'),
                  has_database_privilege(current_database(), 'CONNECT'), has_table_privilege(0, 'SELECT') IS NULL AS missing;
                SELECT has_table_privilege('pg_class', 'FLY');
                """)).isEqualTo("""
                collname|collprovider|collencoding|collcollate
                default|d|-1|
                C|c|-1|C
                POSIX|c|-1|POSIX
                (3 rows)
                pg_typeof|pg_typeof|pg_typeof|pg_typeof|pg_typeof
                integer|text|numeric|date|unknown
                (1 row)
                obj_description|shobj_description|none
                standard public schema|default template for new databases|t
                (1 row)
                has_table_privilege|has_schema_privilege|has_database_privilege|missing
                t|t|t|t
                (1 row)
                ERROR:  unrecognized privilege type: "FLY"
                """);
    }

    @Test
    void sizeFunctionsAsPostgresComputesThem() throws Exception {
        assertThat(psql("""
                SELECT pg_size_pretty(10239::bigint), pg_size_pretty(10240::bigint), pg_size_pretty(123456789012::bigint),
                  pg_size_pretty(-20971519::bigint), pg_size_pretty(1.5::numeric), pg_size_pretty(1e20::numeric);
                SELECT pg_size_bytes(' 1.5 kB '), pg_size_bytes('1PB'), pg_size_bytes('-1 gb'), pg_size_bytes('42');
                SELECT pg_size_bytes('1 B');
                SELECT pg_size_bytes('abc');
                SELECT pg_relation_size('t', 'fsm'), pg_relation_size(0), pg_table_size(0) IS NULL AS missing,
                  pg_relation_size('t_pkey') % 8192 AS whole_pages, pg_database_size(current_database()) > 0 AS database;
                SELECT pg_relation_size('t', 'x');
                SELECT pg_database_size('nosuch');
                """)).isEqualTo("""
                pg_size_pretty|pg_size_pretty|pg_size_pretty|pg_size_pretty|pg_size_pretty|pg_size_pretty
                10239 bytes|10 kB|115 GB|-20 MB|1.5 bytes|88818 PB
                (1 row)
                pg_size_bytes|pg_size_bytes|pg_size_bytes|pg_size_bytes
                1536|1125899906842624|-1073741824|42
                (1 row)
                ERROR:  invalid size: "1 B"
                DETAIL:  Invalid size unit: "B".
                HINT:  Valid units are "bytes", "kB", "MB", "GB", "TB", and "PB".
                ERROR:  invalid size: "abc"
                pg_relation_size|pg_relation_size|missing|whole_pages|database
                0||t|0|t
                (1 row)
                ERROR:  invalid fork name
                HINT:  Valid fork names are "main", "fsm", "vm", and "init".
                ERROR:  database "nosuch" does not exist
                """);
    }

    @Test
    void commentsShowInTheDescribeCommands() throws Exception {
        assertThat(psql("""
                CREATE SCHEMA s3;
                CREATE TABLE s3.c (id int PRIMARY KEY, qty int);
                COMMENT ON TABLE s3.c IS 'counts';
                COMMENT ON COLUMN s3.c.qty IS 'how many';
                COMMENT ON SCHEMA s3 IS 'third';
                COMMENT ON INDEX s3.c_pkey IS 'the key';
                \\dt+ s3.*
                \\d+ s3.c
                \\dn+ s3
                SELECT obj_description('s3.c'::regclass, 'pg_class'), col_description('s3.c'::regclass, 2), obj_description('s3.c_pkey'::regclass);
                COMMENT ON COLUMN s3.c.qty IS NULL;
                COMMENT ON TABLE s3.c IS '';
                SELECT count(*) FROM pg_description WHERE objoid = 's3.c'::regclass;
                COMMENT ON TABLE s3.nosuch IS 'x';
                COMMENT ON COLUMN s3.c.nosuch IS 'x';
                COMMENT ON TABLE s3.c_pkey IS 'x';
                """).replace(owner(), "postgres")).isEqualTo("""
                CREATE SCHEMA
                CREATE TABLE
                COMMENT
                COMMENT
                COMMENT
                COMMENT
                List of relations
                Schema|Name|Type|Owner|Persistence|Access method|Size|Description
                s3|c|table|postgres|permanent|heap|0 bytes|counts
                (1 row)
                Table "s3.c"
                Column|Type|Collation|Nullable|Default|Storage|Compression|Stats target|Description
                id|integer||not null||plain|||
                qty|integer||||plain|||how many
                Indexes:
                    "c_pkey" PRIMARY KEY, btree (id)
                Access method: heap
                List of schemas
                Name|Owner|Access privileges|Description
                s3|postgres||third
                (1 row)
                obj_description|col_description|obj_description
                counts|how many|the key
                (1 row)
                COMMENT
                COMMENT
                count
                0
                (1 row)
                ERROR:  relation "s3.nosuch" does not exist
                ERROR:  column "nosuch" of relation "s3.c" does not exist
                ERROR:  "c_pkey" is not a table
                """);
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
