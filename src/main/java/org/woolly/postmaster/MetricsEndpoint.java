package org.woolly.postmaster;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.woolly.catalog.RoleInfo;
import org.woolly.pgstat.BackendStatus;
import org.woolly.tcop.Engine;
import org.woolly.tcop.SessionEngine;
import org.woolly.utils.error.ServerLog;
import org.woolly.utils.error.Severity;
import org.woolly.utils.guc.GucSession;
import org.woolly.utils.guc.ServerConfiguration;

/**
 * The metrics endpoint ({@code metrics_port}; 0, the default, is off): an accepting thread,
 * {@code woolly: metrics}, per address of {@code metrics_listen_addresses} (as
 * {@code listen_addresses}: a list, {@code *} for every interface; default {@code localhost}),
 * and a virtual thread per connection that answers {@code GET /metrics} over HTTP/1.1 with
 * {@link PrometheusMetrics}, read through a session of its own as postgres_exporter would read
 * them, so a Prometheus user needs no exporter process. One request per connection
 * ({@code Connection: close}); anything but GET is 405, any other path 404. The request head
 * must arrive within {@link #REQUEST_TIMEOUT_MILLIS} and fit {@link MetricsRequest#MAX_HEAD_BYTES};
 * at most {@link #MAX_CONNECTIONS} connections are served at once, more are closed at once, so
 * slow or malformed clients cannot pile up.
 *
 * <p>With {@code metrics_auth = 'password'} (the default: the page names databases and
 * settings, and the endpoint has no TLS, so it should not be readable by whoever can reach the
 * port) a scrape must carry HTTP Basic credentials of a role that may log in, whose password
 * matches ({@link MetricsAuthentication}; 401 with a {@code WWW-Authenticate} challenge
 * otherwise) and which has the privileges of {@code pg_monitor}, as postgres_exporter's
 * role needs (403 otherwise). {@code trust} answers anyone. Its queries are not counted by
 * pg_stat_statements and its session is not a pg_stat_activity row: it is not a client.
 */
final class MetricsEndpoint {
    /** The backend type its threads report (never listed in pg_stat_activity). */
    static final String BACKEND_TYPE = "metrics";
    static final int REQUEST_TIMEOUT_MILLIS = 10_000;
    static final int MAX_CONNECTIONS = 8;
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String PLAIN_TEXT = "text/plain; charset=utf-8";

    private final Engine engine;
    private final ServerConfiguration configuration;
    private final int processId;
    private final List<ServerSocket> sockets;
    private final List<Thread> acceptors = new ArrayList<>();
    private final Semaphore connections = new Semaphore(MAX_CONNECTIONS);

    private MetricsEndpoint(Engine engine, ServerConfiguration configuration, int processId,
                            List<ServerSocket> sockets) {
        this.engine = engine;
        this.configuration = configuration;
        this.processId = processId;
        this.sockets = sockets;
    }

    /** Starts the endpoint when {@code metrics_port} is set; null when it is 0 or no address can be had. */
    static MetricsEndpoint start(Engine engine, ServerConfiguration configuration, int processId) {
        int port = configuration.getInt("metrics_port");
        if (port <= 0) {
            return null;
        }
        List<ServerSocket> sockets = new ArrayList<>();
        for (String entry : Listeners.splitList(configuration.getString("metrics_listen_addresses"))) {
            try {
                for (InetAddress address : Listeners.resolve(entry)) {
                    bind(sockets, address, port);
                }
            } catch (IOException e) {
                ServerLog.log(Severity.LOG, "could not resolve metrics address \"" + entry + "\": " + e.getMessage());
            }
        }
        if (sockets.isEmpty()) {
            ServerLog.log(Severity.LOG, "the metrics endpoint listens on no address (metrics_listen_addresses)");
            return null;
        }
        MetricsEndpoint endpoint = new MetricsEndpoint(engine, configuration, processId, List.copyOf(sockets));
        for (ServerSocket socket : endpoint.sockets) {
            endpoint.acceptors.add(Thread.ofPlatform().daemon().name("woolly: metrics")
                    .start(() -> endpoint.acceptLoop(socket)));
        }
        return endpoint;
    }

    private static void bind(List<ServerSocket> sockets, InetAddress address, int port) {
        String description = address.getHostAddress() + "\", port " + port;
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            try {
                socket.bind(new InetSocketAddress(address, port));
            } catch (IOException e) {
                socket.close();
                throw e;
            }
            sockets.add(socket);
            ServerLog.log(Severity.LOG, "metrics endpoint listening on address \"" + description);
        } catch (IOException e) {
            ServerLog.log(Severity.LOG, "could not start the metrics endpoint on address \"" + description + ": "
                    + e.getMessage());
        }
    }

    /** Closes the sockets and waits (bounded) for the accepting threads. */
    void stop(long waitMillis) {
        for (ServerSocket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all that is wanted
            }
        }
        try {
            for (Thread acceptor : acceptors) {
                acceptor.join(waitMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
                continue;
            }
            if (!connections.tryAcquire()) {
                closeQuietly(client);
                continue;
            }
            Thread.ofVirtual().name("woolly: metrics request").start(() -> {
                try {
                    serve(client);
                } finally {
                    connections.release();
                }
            });
        }
    }

    private void serve(Socket client) {
        ServerLog.bindProcessId(processId);
        BackendStatus.bind(new BackendStatus(processId, BACKEND_TYPE, null, null, null));
        try (client) {
            answer(client);
        } catch (SocketTimeoutException slowClient) {
            // a client that does not send its request in time is dropped
        } catch (IOException closedByClient) {
            // nothing to answer to
        } catch (RuntimeException e) {
            ServerLog.log(Severity.LOG, processId, "metrics request failed", e);
        } finally {
            BackendStatus.unbind();
            ServerLog.unbindProcessId();
        }
    }

    private void answer(Socket client) throws IOException {
        OutputStream out = client.getOutputStream();
        MetricsRequest request;
        try {
            request = MetricsRequest.read(client, System.nanoTime() + REQUEST_TIMEOUT_MILLIS * 1_000_000L);
        } catch (MetricsRequest.BadRequest e) {
            Response.error(e.status(), e.getMessage()).write(out, true);
            return;
        }
        if (request == null) {
            return;
        }
        boolean withBody = !request.method().equals("HEAD");
        Response response;
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            response = Response.error(405, "method not allowed");
        } else if (!request.target().equals("/metrics") && !request.target().startsWith("/metrics?")) {
            response = Response.error(404, "not found; try /metrics");
        } else {
            response = scrape(request);
        }
        response.write(out, withBody);
    }

    /**
     * One scrape through a new session to the {@code postgres} database, after the credentials
     * are checked; {@code pg_up 0} when the session cannot be had.
     */
    private Response scrape(MetricsRequest request) {
        Optional<RoleInfo> scraper = Optional.empty();
        if (configuration.getString("metrics_auth").equals("password")) {
            scraper = MetricsAuthentication.authenticate(engine, request.header("authorization"));
            if (scraper.isEmpty()) {
                return Response.error(401, "authentication required");
            }
        }
        try {
            RoleInfo superuser = engine.bootstrapSuperuser().flatMap(engine::lookupRole).orElse(null);
            if (superuser == null || engine.panicked()) {
                return Response.metrics(PrometheusMetrics.down());
            }
            GucSession settings = configuration.newSession();
            settings.setSessionUser(superuser.name(), true);
            SessionEngine session = engine.openSession(superuser, "postgres", settings, report -> { }, processId);
            try {
                if (scraper.isPresent() && !MetricsAuthentication.monitors(session, scraper.get())) {
                    return Response.error(403, "role \"" + scraper.get().name()
                            + "\" must have privileges of pg_monitor to read metrics");
                }
                return Response.metrics(PrometheusMetrics.collect(session));
            } finally {
                session.close();
            }
        } catch (RuntimeException e) {
            ServerLog.log(Severity.LOG, processId, "metrics scrape failed", e);
            return Response.metrics(PrometheusMetrics.down());
        }
    }

    private static void closeQuietly(Socket client) {
        try {
            client.close();
        } catch (IOException ignored) {
            // the connection is dropped either way
        }
    }

    /** An HTTP answer: status line, headers, body. */
    private record Response(int status, String contentType, String body) {
        static Response metrics(String page) {
            return new Response(200, CONTENT_TYPE, page);
        }

        static Response error(int status, String message) {
            return new Response(status, PLAIN_TEXT, message + "\n");
        }

        void write(OutputStream out, boolean withBody) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason())
                    .append("\r\nContent-Type: ").append(contentType)
                    .append("\r\nContent-Length: ").append(bytes.length);
            if (status == 401) {
                head.append("\r\nWWW-Authenticate: ").append(MetricsAuthentication.CHALLENGE);
            }
            head.append("\r\nConnection: close\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (withBody) {
                out.write(bytes);
            }
            out.flush();
        }

        private String reason() {
            return switch (status) {
                case 200 -> "OK";
                case 400 -> "Bad Request";
                case 401 -> "Unauthorized";
                case 403 -> "Forbidden";
                case 404 -> "Not Found";
                case 405 -> "Method Not Allowed";
                case 431 -> "Request Header Fields Too Large";
                default -> "Error";
            };
        }
    }
}
