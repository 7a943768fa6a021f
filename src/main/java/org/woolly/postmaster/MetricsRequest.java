package org.woolly.postmaster;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The head of one HTTP/1.1 request to the metrics endpoint: its method, target and headers
 * (names lower-cased). It is read against a deadline for the whole head and a size limit, so a
 * client that trickles bytes or sends an endless header is dropped instead of keeping the
 * connection: each read waits at most for what is left of the deadline.
 */
record MetricsRequest(String method, String target, Map<String, String> headers) {
    /** Larger heads are refused (431); a scrape's head is a few hundred bytes. */
    static final int MAX_HEAD_BYTES = 8192;
    private static final byte LINE_FEED = '\n';
    private static final byte CARRIAGE_RETURN = '\r';

    /** A request head that is not HTTP (400) or too large (431). */
    static final class BadRequest extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /**
     * Reads the head from the socket; null when the client closed before sending anything.
     *
     * @throws SocketTimeoutException when the head is not complete by {@code deadlineNanos}
     * @throws BadRequest when it is malformed or larger than {@link #MAX_HEAD_BYTES}
     */
    static MetricsRequest read(Socket socket, long deadlineNanos) throws IOException {
        InputStream in = new BufferedInputStream(socket.getInputStream(), 1024);
        int[] consumed = {0};
        String requestLine = readLine(socket, in, deadlineNanos, consumed);
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/")) {
            throw new BadRequest(400, "bad request line");
        }
        Map<String, String> headers = new HashMap<>();
        while (true) {
            String line = readLine(socket, in, deadlineNanos, consumed);
            if (line == null) {
                throw new BadRequest(400, "incomplete request head");
            }
            if (line.isEmpty()) {
                return new MetricsRequest(parts[0], parts[1], Map.copyOf(headers));
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new BadRequest(400, "bad header line");
            }
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
    }

    /** One line without its CR LF (or bare LF); null at end of stream before any byte of it. */
    private static String readLine(Socket socket, InputStream in, long deadlineNanos, int[] consumed)
            throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            long leftMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                throw new SocketTimeoutException("request head not received in time");
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMillis));
            int next = in.read();
            if (next < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (++consumed[0] > MAX_HEAD_BYTES) {
                throw new BadRequest(431, "request head too large");
            }
            if (next == LINE_FEED) {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == CARRIAGE_RETURN ? bytes.length - 1
                        : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(next);
        }
    }

    /** The request's header of that (lower-case) name, or null. */
    String header(String name) {
        return headers.get(name);
    }
}
