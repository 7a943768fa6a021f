package org.woolly.postmaster;

import org.woolly.utils.error.ServerLog;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.guc.ServerConfiguration;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The postmaster's listening sockets: TCP on each {@code listen_addresses} entry ('*' for all
 * interfaces) and the Unix-domain socket {@code <dir>/.s.PGSQL.<port>} with its {@code .lock}
 * file in each {@code unix_socket_directories} entry; blocking channels, one platform acceptor
 * thread each. Counterpart of {@code StreamServerPort} in {@code src/backend/libpq/pqcomm.c}.
 */
final class Listeners {

    /** Receives each accepted connection; {@code address} null for a Unix-socket client. */
    @FunctionalInterface
    interface ConnectionHandler {
        void accept(SocketChannel channel, InetAddress address, String hostDescription);
    }

    private record Listener(ServerSocketChannel channel, boolean unix, String description) {}

    private final ServerConfiguration configuration;
    private final ConnectionHandler handler;
    private final List<Listener> listeners = new ArrayList<>();
    private final List<Path> socketFiles = new ArrayList<>();
    private final List<Thread> acceptors = new ArrayList<>();
    private int port;
    private String firstSocketDirectory = "";
    private String firstListenAddress = "";
    private volatile boolean closed;

    Listeners(ServerConfiguration configuration, ConnectionHandler handler) {
        this.configuration = configuration;
        this.handler = handler;
    }

    void bind() throws IOException {
        port = configuration.getInt("port");
        for (String entry : splitList(configuration.getString("listen_addresses"))) {
            for (InetAddress address : resolve(entry)) {
                ServerSocketChannel channel = ServerSocketChannel.open();
                try {
                    channel.bind(new InetSocketAddress(address, port), 128);
                } catch (IOException e) {
                    channel.close();
                    ServerLog.log(Severity.WARNING, String.format("could not bind %s address \"%s\": %s",
                            address instanceof java.net.Inet6Address ? "IPv6" : "IPv4", address.getHostAddress(),
                            e.getMessage()));
                    continue;
                }
                port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
                if (firstListenAddress.isEmpty()) {
                    firstListenAddress = entry;
                }
                String description = String.format("%s address \"%s\", port %d",
                        address instanceof java.net.Inet6Address ? "IPv6" : "IPv4", address.getHostAddress(), port);
                listeners.add(new Listener(channel, false, description));
                ServerLog.log(Severity.LOG, "listening on " + description);
            }
        }
        if (listeners.isEmpty() && !splitList(configuration.getString("listen_addresses")).isEmpty()) {
            throw new SqlException(Severity.FATAL, SqlState.CONNECTION_FAILURE,
                    "could not create any TCP/IP sockets", null, null, 0, null);
        }
        for (String directory : splitList(configuration.getString("unix_socket_directories"))) {
            bindUnixSocket(Path.of(directory));
        }
        if (listeners.isEmpty()) {
            throw new SqlException(Severity.FATAL, SqlState.CONNECTION_FAILURE, "no socket created for listening",
                    null, null, 0, null);
        }
    }

    private void bindUnixSocket(Path directory) throws IOException {
        if (port == 0) {
            return;
        }
        Path socket = directory.resolve(".s.PGSQL." + port);
        Path lock = directory.resolve(".s.PGSQL." + port + ".lock");
        if (Files.exists(lock)) {
            long otherPid = LockFile.readPid(lock);
            if (otherPid > 0 && otherPid != ProcessHandle.current().pid()
                    && ProcessHandle.of(otherPid).map(ProcessHandle::isAlive).orElse(false)) {
                ServerLog.log(Severity.WARNING, String.format("could not create Unix socket \"%s\": lock file "
                        + "\"%s\" is held by PID %d", socket, lock, otherPid));
                return;
            }
        }
        Files.deleteIfExists(socket);
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(socket), 128);
        } catch (IOException e) {
            channel.close();
            ServerLog.log(Severity.WARNING, "could not create Unix socket \"" + socket + "\": " + e.getMessage());
            return;
        }
        Files.writeString(lock, ProcessHandle.current().pid() + "\n" + configuration.getString("data_directory")
                + "\n", StandardCharsets.UTF_8);
        socketFiles.add(socket);
        socketFiles.add(lock);
        if (firstSocketDirectory.isEmpty()) {
            firstSocketDirectory = directory.toString();
        }
        listeners.add(new Listener(channel, true, "Unix socket \"" + socket + "\""));
        ServerLog.log(Severity.LOG, "listening on Unix socket \"" + socket + "\"");
    }

    void startAccepting() {
        for (Listener listener : listeners) {
            acceptors.add(Thread.ofPlatform().daemon().name("woolly: postmaster acceptor").start(() ->
                    acceptLoop(listener)));
        }
    }

    private void acceptLoop(Listener listener) {
        while (!closed) {
            SocketChannel channel;
            try {
                channel = listener.channel().accept();
            } catch (AsynchronousCloseException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                ServerLog.log(Severity.LOG, "could not accept new connection: " + e.getMessage());
                continue;
            }
            try {
                if (listener.unix()) {
                    handler.accept(channel, null, "[local]");
                } else {
                    InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
                    channel.socket().setTcpNoDelay(true);
                    handler.accept(channel, remote.getAddress(),
                            remote.getAddress().getHostAddress() + "(" + remote.getPort() + ")");
                }
            } catch (IOException | RuntimeException e) {
                ServerLog.log(Severity.LOG, "could not start backend: " + e.getMessage());
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing more to do for this client
                }
            }
        }
    }

    int port() {
        return port;
    }

    String firstSocketDirectory() {
        return firstSocketDirectory;
    }

    String firstListenAddress() {
        return firstListenAddress;
    }

    /** Stops accepting and removes the socket files. */
    void close() {
        closed = true;
        for (Listener listener : listeners) {
            try {
                listener.channel().close();
            } catch (IOException ignored) {
                // closing a listener cannot fail in a way that matters at shutdown
            }
        }
        for (Path file : socketFiles) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover socket file is replaced at the next start
            }
        }
    }

    static List<String> splitList(String value) {
        List<String> entries = new ArrayList<>();
        for (String part : value.split(",")) {
            String trimmed = part.trim();
            if (trimmed.startsWith("\"") && trimmed.endsWith("\"") && trimmed.length() >= 2) {
                trimmed = trimmed.substring(1, trimmed.length() - 1);
            }
            if (!trimmed.isEmpty()) {
                entries.add(trimmed);
            }
        }
        return entries;
    }

    static Set<InetAddress> resolve(String entry) throws IOException {
        Set<InetAddress> addresses = new LinkedHashSet<>();
        if (entry.equals("*")) {
            addresses.add(InetAddress.getByName("0.0.0.0"));
        } else {
            for (InetAddress address : InetAddress.getAllByName(entry)) {
                addresses.add(address);
            }
        }
        return addresses;
    }
}
