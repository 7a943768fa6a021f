package org.woolly.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.woolly.embedded.WoollyServer;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;

/**
 * The metrics endpoint with {@code metrics_auth = 'password'} (the default), as Prometheus'
 * {@code basic_auth} scrapes it: 401 with a challenge without or with wrong credentials, 403 for a
 * role without pg_monitor, the page for a pg_monitor member; and clients that send garbage, too
 * much, or nothing at all are answered or dropped without keeping others out.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MetricsAuthenticationIT {
    private static Path directory;
    private static WoollyServer server;
    private static Connection connection;
    private static HttpClient client;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        directory = Files.createTempDirectory("woolly-metrics-auth-");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = WoollyServer.builder().dataDirectory(directory).setting("port", "0")
                .setting("listen_addresses", "127.0.0.1").setting("unix_socket_directories", "")
                .setting("fsync", "off").setting("metrics_port", Integer.toString(port))
                .setting("metrics_listen_addresses", "127.0.0.1").start();
        connection = DriverManager.getConnection(server.jdbcUrl("postgres"), server.superuser(), "");
        execute(connection, "CREATE ROLE scraper LOGIN PASSWORD 'scrape-secret'");
        execute(connection, "GRANT pg_monitor TO scraper");
        execute(connection, "CREATE ROLE nosy LOGIN PASSWORD 'nosy-secret'");
        execute(connection, "CREATE ROLE monitor_group NOLOGIN PASSWORD 'group-secret' IN ROLE pg_monitor");
        client = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        connection.close();
        server.close();
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static HttpResponse<String> scrape(String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What the endpoint answers to raw bytes, up to its closing the connection. */
    private static String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void aPgMonitorMemberWithItsPasswordReadsThePage() throws Exception {
        HttpResponse<String> response = scrape("scraper", "scrape-secret");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("pg_up 1\n", "pg_settings_max_connections 100\n");
    }

    @Test
    void noCredentialsOrWrongOnesAreChallenged() throws Exception {
        for (HttpResponse<String> response : List.of(scrape(null, null), scrape("scraper", "wrong"),
                scrape("nobody", "scrape-secret"), scrape("monitor_group", "group-secret"))) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValue("Basic realm=\"woolly metrics\", charset=\"UTF-8\"");
            assertThat(response.body()).doesNotContain("pg_up").doesNotContain("Exception");
        }
        assertThat(raw("GET /metrics HTTP/1.1\r\nAuthorization: Basic !!!notbase64\r\n\r\n"))
                .startsWith("HTTP/1.1 401 Unauthorized\r\n");
    }

    @Test
    void aRoleWithoutPgMonitorIsForbidden() throws Exception {
        HttpResponse<String> response = scrape("nosy", "nosy-secret");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("role \"nosy\" must have privileges of pg_monitor to read metrics\n");
    }

    @Test
    void malformedAndOversizedRequestsAreRefused() throws Exception {
        assertThat(raw("garbage\r\n\r\n")).startsWith("HTTP/1.1 400 Bad Request\r\n");
        assertThat(raw("GET /metrics HTTP/1.1\r\nX-Padding: " + "x".repeat(10_000) + "\r\n\r\n"))
                .startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n");
    }

    @Test
    void silentClientsDoNotKeepOthersOut() throws Exception {
        List<Socket> silent = new ArrayList<>();
        try {
            // fewer than MetricsEndpoint.MAX_CONNECTIONS: they hold connections, not the endpoint
            for (int i = 0; i < 4; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                socket.getOutputStream().write("GET /metr".getBytes(StandardCharsets.ISO_8859_1));
                silent.add(socket);
            }
            assertThat(scrape("scraper", "scrape-secret").statusCode()).isEqualTo(200);
        } finally {
            for (Socket socket : silent) {
                socket.close();
            }
        }
    }
}
