package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A scripted psql session against the server: variables, multi-statement queries, errors. */
class PsqlIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    static Path psql() {
        for (String candidate : List.of("/usr/lib/postgresql/15/bin/psql", "/usr/bin/psql")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("psql not found: install postgresql-client");
    }

    private static String runPsql(String script, String... options) throws IOException, InterruptedException {
        return run(server, script, options);
    }

    /** Feeds {@code script} to psql as the superuser of {@code server} on postgres; returns stdout and stderr merged. */
    static String run(WoollyServerExtension server, String script, String... options)
            throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(psql().toString(), "-X", "-h", "127.0.0.1", "-p",
                Integer.toString(server.port()), "-U", server.superuser(), "-d", "postgres"));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    /**
     * Feeds the test resource {@code /<path>.sql} to psql with {@code -a} (statements echoed,
     * errors do not stop it) and asserts the output is the resource {@code /<path>-pg15.out},
     * which PostgreSQL 15's psql printed for the same script.
     */
    static void assertScriptMatchesPostgres(WoollyServerExtension server, String path)
            throws IOException, InterruptedException {
        String output = run(server, resource(path + ".sql"), "-a", "-v", "ON_ERROR_STOP=0");
        assertThat(output).isEqualTo(resource(path + "-pg15.out"));
    }

    private static String resource(String path) throws IOException {
        try (java.io.InputStream in = PsqlIT.class.getResourceAsStream("/" + path)) {
            assertThat(in).as("test resource /" + path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aScriptedSessionWithVariablesAndAMultiStatementQuery() throws Exception {
        String script = """
                \\set answer 42
                \\set greeting 'hello'
                CREATE TABLE psql_t (id int, name text);
                INSERT INTO psql_t VALUES (:answer, 'answer'), (7, :'greeting');
                SELECT id, name FROM psql_t ORDER BY id;
                SELECT count(*) AS n FROM psql_t \\; SELECT max(id) AS top FROM psql_t;
                SELECT name FROM psql_t WHERE id = :answer \\gset
                \\echo fetched :name
                SELECT * FROM missing_table;
                DROP TABLE psql_t;
                """;
        String output = runPsql(script, "-A", "-t", "-v", "ON_ERROR_STOP=0");
        assertThat(output.lines().toList()).containsExactly(
                "CREATE TABLE",
                "INSERT 0 2",
                "7|hello",
                "42|answer",
                "2",
                "42",
                "fetched answer",
                "ERROR:  relation \"missing_table\" does not exist",
                "LINE 1: SELECT * FROM missing_table;",
                "                      ^",
                "DROP TABLE");
    }

    @Test
    void alignedOutputLooksLikePostgres() throws Exception {
        String output = runPsql("SELECT 1 AS one, 'two'::text AS two, NULL::int AS nothing;\n");
        assertThat(output).isEqualTo("""
                 one | two | nothing\s
                -----+-----+---------
                   1 | two |       \s
                (1 row)

                """);
    }

    /**
     * A Query message of several statements is one implicit transaction block (PostgreSQL's
     * exec_simple_query): SET LOCAL and SET TRANSACTION apply to it without a warning, the block
     * is atomic, and the settings are gone after it.
     */
    @Test
    void aMultiStatementQueryIsOneImplicitTransactionBlock() throws Exception {
        String script = """
                CREATE TABLE psql_block (a int);
                SET LOCAL work_mem = '1MB' \\; SHOW work_mem;
                SHOW work_mem;
                SET TRANSACTION ISOLATION LEVEL REPEATABLE READ \\; SHOW transaction_isolation;
                INSERT INTO psql_block VALUES (1) \\; SELECT 1 / 0;
                SELECT count(*) FROM psql_block;
                DROP TABLE psql_block;
                """;
        String output = runPsql(script, "-A", "-t", "-v", "ON_ERROR_STOP=0");
        // the same lines as PostgreSQL 15's psql prints against PostgreSQL
        assertThat(output.lines().toList()).containsExactly(
                "CREATE TABLE",
                "SET",
                "1MB",
                "4MB",
                "SET",
                "repeatable read",
                "INSERT 0 1",
                "ERROR:  division by zero",
                "0",
                "DROP TABLE");
    }
}
