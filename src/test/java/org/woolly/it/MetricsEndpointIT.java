package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.woolly.embedded.WoollyServer;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Comparator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;

/**
 * The metrics endpoint through an HTTP client, as Prometheus scrapes it: what postgres_exporter
 * collects by default, in the text exposition format, with the exporter's names and labels.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MetricsEndpointIT {

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static HttpResponse<String> get(HttpClient client, int port, String path, String method) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsPageHasWhatPostgresExporterCollects() throws Exception {
        Path directory = Files.createTempDirectory("woolly-metrics-");
        int port = freePort();
        try (WoollyServer server = WoollyServer.builder().dataDirectory(directory).setting("port", "0")
                .setting("listen_addresses", "127.0.0.1").setting("unix_socket_directories", "")
                .setting("fsync", "off").setting("metrics_port", Integer.toString(port))
                .setting("metrics_listen_addresses", "127.0.0.1").setting("metrics_auth", "trust").start();
             Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), server.superuser(), "");
             HttpClient client = HttpClient.newHttpClient()) {
            execute(connection, "CREATE TABLE metrics_t (a int)");
            execute(connection, "INSERT INTO metrics_t VALUES (1), (2)");
            HttpResponse<String> response = get(client, port, "/metrics", "GET");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            String page = response.body();
            assertThat(page).contains("# TYPE pg_up gauge\npg_up 1\n");
            assertThat(page).contains("pg_stat_activity_count{datname=\"postgres\",state=\"idle\"} 1\n");
            assertThat(page).containsPattern("pg_stat_database_xact_commit\\{datid=\"\\d+\",datname=\"postgres\"} [1-9]");
            assertThat(page).containsPattern("pg_stat_database_tup_inserted\\{datid=\"\\d+\",datname=\"postgres\"} [2-9]");
            assertThat(page).contains("# TYPE pg_stat_bgwriter_checkpoints_req_total counter\n");
            assertThat(page).contains("pg_settings_shared_buffers_bytes 134217728\n",
                    "pg_settings_max_connections 100\n", "pg_settings_fsync 0\n",
                    "pg_settings_checkpoint_timeout_seconds 300\n");
            assertThat(get(client, port, "/other", "GET").statusCode()).isEqualTo(404);
            assertThat(get(client, port, "/metrics", "POST").statusCode()).isEqualTo(405);
            // the scrapes themselves are no client's statements
            assertThat(TestSessions.firstValue(connection, "SELECT count(*) FROM pg_stat_statements "
                    + "WHERE query LIKE '%pg_settings%'")).isEqualTo("0");
        } finally {
            try (var files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
