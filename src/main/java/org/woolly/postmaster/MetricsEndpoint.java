package org.woolly.postmaster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.woolly.catalog.RoleInfo;
import org.woolly.pgstat.BackendStatus;
import org.woolly.tcop.Engine;
import org.woolly.tcop.SessionEngine;
import org.woolly.utils.error.ServerLog;
import org.woolly.utils.error.Severity;
import org.woolly.utils.guc.GucSession;
import org.woolly.utils.guc.ServerConfiguration;

/**
 * The metrics endpoint ({@code metrics_port}; 0, the default, is off): one worker thread,
 * {@code woolly: metrics}, answers {@code GET /metrics} over HTTP/1.1 with
 * {@link PrometheusMetrics}, read through a session of its own as postgres_exporter would read
 * them, so a Prometheus user needs no exporter process. One request per connection
 * ({@code Connection: close}); anything but GET is 405, any other path 404. It listens on the
 * first of {@code listen_addresses} ({@code *}: every interface). Its queries are not counted
 * by pg_stat_statements and its session is not a pg_stat_activity row: it is not a client.
 */
final class MetricsEndpoint {
    /** The backend type its thread reports (never listed in pg_stat_activity). */
    static final String BACKEND_TYPE = "metrics";
    private static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Engine engine;
    private final ServerConfiguration configuration;
    private final int processId;
    private final ServerSocket socket;
    private final Thread thread;

    private MetricsEndpoint(Engine engine, ServerConfiguration configuration, int processId, ServerSocket socket) {
        this.engine = engine;
        this.configuration = configuration;
        this.processId = processId;
        this.socket = socket;
        this.thread = Thread.ofPlatform().daemon().name("woolly: metrics").unstarted(this::serve);
    }

    /** Starts the endpoint when {@code metrics_port} is set; null when it is 0 or the port cannot be had. */
    static MetricsEndpoint start(Engine engine, ServerConfiguration configuration, int processId) {
        int port = configuration.getInt("metrics_port");
        if (port <= 0) {
            return null;
        }
        String address = configuration.getString("listen_addresses").split(",")[0].strip();
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(address.equals("*") || address.isEmpty() ? new InetSocketAddress(port)
                    : new InetSocketAddress(InetAddress.getByName(address), port));
            MetricsEndpoint endpoint = new MetricsEndpoint(engine, configuration, processId, socket);
            endpoint.thread.start();
            ServerLog.log(Severity.LOG, "metrics endpoint listening on port " + port);
            return endpoint;
        } catch (IOException e) {
            ServerLog.log(Severity.LOG, "could not start the metrics endpoint on port " + port + ": " + e.getMessage());
            return null;
        }
    }

    /** Closes the socket and waits (bounded) for the thread. */
    void stop(long waitMillis) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that is wanted
        }
        try {
            thread.join(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve() {
        ServerLog.bindProcessId(processId);
        BackendStatus.bind(new BackendStatus(processId, BACKEND_TYPE, null, null, null));
        try {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    client.setSoTimeout(READ_TIMEOUT_MILLIS);
                    answer(client);
                } catch (SocketTimeoutException slowClient) {
                    // a client that sends no request in time is dropped
                } catch (IOException e) {
                    if (socket.isClosed()) {
                        return;
                    }
                } catch (RuntimeException e) {
                    ServerLog.log(Severity.LOG, processId, "metrics request failed", e);
                }
            }
        } finally {
            BackendStatus.unbind();
            ServerLog.unbindProcessId();
        }
    }

    private void answer(Socket client) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.ISO_8859_1));
        String requestLine = reader.readLine();
        if (requestLine == null) {
            return;
        }
        String line;
        do {
            line = reader.readLine();
        } while (line != null && !line.isEmpty());
        String[] parts = requestLine.split(" ");
        OutputStream out = client.getOutputStream();
        if (parts.length < 2) {
            respond(out, 400, "Bad Request", "text/plain", "bad request\n", true);
        } else if (!parts[0].equals("GET") && !parts[0].equals("HEAD")) {
            respond(out, 405, "Method Not Allowed", "text/plain", "method not allowed\n", true);
        } else if (!parts[1].equals("/metrics") && !parts[1].startsWith("/metrics?")) {
            respond(out, 404, "Not Found", "text/plain", "not found; try /metrics\n", parts[0].equals("GET"));
        } else {
            respond(out, 200, "OK", CONTENT_TYPE, scrape(), parts[0].equals("GET"));
        }
    }

    /** One scrape through a new session to the {@code postgres} database; {@code pg_up 0} when that fails. */
    private String scrape() {
        try {
            RoleInfo superuser = engine.bootstrapSuperuser().flatMap(engine::lookupRole).orElse(null);
            if (superuser == null || engine.panicked()) {
                return PrometheusMetrics.down();
            }
            GucSession settings = configuration.newSession();
            settings.setSessionUser(superuser.name(), true);
            SessionEngine session = engine.openSession(superuser, "postgres", settings, report -> { }, processId);
            try {
                return PrometheusMetrics.collect(session);
            } finally {
                session.close();
            }
        } catch (RuntimeException e) {
            ServerLog.log(Severity.LOG, processId, "metrics scrape failed", e);
            return PrometheusMetrics.down();
        }
    }

    private static void respond(OutputStream out, int status, String reason, String contentType, String body,
                                boolean withBody) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + ' ' + reason + "\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        if (withBody) {
            out.write(bytes);
        }
        out.flush();
    }
}
