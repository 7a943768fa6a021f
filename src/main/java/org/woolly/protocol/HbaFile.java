package org.woolly.protocol;

import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Client authentication rules from {@code pg_hba.conf}: {@code local} and {@code host} lines
 * (also {@code hostssl}, which never matches since Woolly has no TLS yet, and
 * {@code hostnossl}), database and user columns with {@code all}, {@code sameuser} or
 * comma-separated names, addresses as CIDR or address plus mask, methods trust, reject,
 * password, md5 and scram-sha-256. The first matching line decides. Counterpart of
 * {@code src/backend/libpq/hba.c}.
 */
public final class HbaFile {

    public enum ConnectionType { LOCAL, HOST, HOSTSSL, HOSTNOSSL }

    public enum Method { TRUST, REJECT, PASSWORD, MD5, SCRAM_SHA_256 }

    /** One rule. {@code address} is null for local lines and for "all". */
    public record Entry(ConnectionType type, Set<String> databases, Set<String> users, byte[] address,
                        int prefixLength, Method method, int line) {}

    private final List<Entry> entries;

    public HbaFile(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Rules used when a data directory has no pg_hba.conf: trust every connection. */
    public static HbaFile trustAll() {
        return new HbaFile(List.of(
                new Entry(ConnectionType.LOCAL, Set.of("all"), Set.of("all"), null, 0, Method.TRUST, 0),
                new Entry(ConnectionType.HOST, Set.of("all"), Set.of("all"), null, 0, Method.TRUST, 0)));
    }

    /** Reads {@code file}, or {@link #trustAll()} when it does not exist. */
    public static HbaFile load(Path file) {
        if (!Files.exists(file)) {
            return trustAll();
        }
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw SqlException.of(SqlState.CONFIG_FILE_ERROR, "could not open configuration file \"%s\": %s", file,
                    e.getMessage());
        }
    }

    public static HbaFile parse(List<String> lines, String fileName) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int comment = line.indexOf('#');
            String content = (comment >= 0 ? line.substring(0, comment) : line).trim();
            if (!content.isEmpty()) {
                entries.add(parseLine(content.split("\\s+"), fileName, i + 1));
            }
        }
        return new HbaFile(entries);
    }

    private static Entry parseLine(String[] fields, String fileName, int line) {
        ConnectionType type;
        try {
            type = ConnectionType.valueOf(fields[0].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("invalid connection type \"" + fields[0] + "\"", fileName, line);
        }
        int needed = type == ConnectionType.LOCAL ? 4 : 5;
        if (fields.length < needed) {
            throw invalid("end-of-line before authentication method", fileName, line);
        }
        Set<String> databases = Set.of(fields[1].split(","));
        Set<String> users = Set.of(fields[2].split(","));
        byte[] address = null;
        int prefix = 0;
        int methodField = 3;
        if (type != ConnectionType.LOCAL) {
            String addressText = fields[3];
            methodField = 4;
            if (!addressText.equals("all") && !addressText.equals("samehost") && !addressText.equals("samenet")) {
                int slash = addressText.indexOf('/');
                address = parseAddress(slash >= 0 ? addressText.substring(0, slash) : addressText, fileName, line);
                if (slash >= 0) {
                    prefix = parsePrefix(addressText.substring(slash + 1), address.length * 8, fileName, line);
                } else {
                    byte[] mask = parseAddress(fields[4], fileName, line);
                    for (byte maskByte : mask) {
                        prefix += Integer.bitCount(maskByte & 0xff);
                    }
                    methodField = 5;
                    if (fields.length <= methodField) {
                        throw invalid("end-of-line before authentication method", fileName, line);
                    }
                }
            }
        }
        Method method = switch (fields[methodField].toLowerCase(Locale.ROOT)) {
            case "trust" -> Method.TRUST;
            case "reject" -> Method.REJECT;
            case "password" -> Method.PASSWORD;
            case "md5" -> Method.MD5;
            case "scram-sha-256" -> Method.SCRAM_SHA_256;
            default -> throw invalid("invalid authentication method \"" + fields[methodField] + "\"", fileName, line);
        };
        return new Entry(type, databases, users, address, prefix, method, line);
    }

    private static byte[] parseAddress(String text, String fileName, int line) {
        if (!text.matches("[0-9a-fA-F:.]+")) {
            throw invalid("invalid IP address \"" + text + "\"", fileName, line);
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw invalid("invalid IP address \"" + text + "\"", fileName, line);
        }
    }

    private static int parsePrefix(String text, int bits, String fileName, int line) {
        try {
            int prefix = Integer.parseInt(text);
            if (prefix >= 0 && prefix <= bits) {
                return prefix;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw invalid("invalid CIDR mask in address \"" + text + "\"", fileName, line);
    }

    private static SqlException invalid(String message, String fileName, int line) {
        return new SqlException(Severity.FATAL, SqlState.CONFIG_FILE_ERROR, message, null, null, 0, null)
                .withDetail(String.format("line %d of configuration file \"%s\"", line, fileName));
    }

    /**
     * The method for a connection: {@code clientAddress} null for a Unix-socket connection.
     * No matching line: FATAL 28000 as PostgreSQL reports it.
     */
    public Method match(InetAddress clientAddress, String user, String database) {
        for (Entry entry : entries) {
            if (matchesConnection(entry, clientAddress) && matchesName(entry.databases(), database, user)
                    && matchesName(entry.users(), user, user)) {
                return entry.method();
            }
        }
        String host = clientAddress == null ? "[local]" : clientAddress.getHostAddress();
        throw new SqlException(Severity.FATAL, SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                String.format("no pg_hba.conf entry for host \"%s\", user \"%s\", database \"%s\", no encryption",
                        host, user, database), null, null, 0, null);
    }

    private static boolean matchesConnection(Entry entry, InetAddress clientAddress) {
        if (clientAddress == null) {
            return entry.type() == ConnectionType.LOCAL;
        }
        if (entry.type() == ConnectionType.LOCAL || entry.type() == ConnectionType.HOSTSSL) {
            return false;
        }
        if (entry.address() == null) {
            return true;
        }
        byte[] client = clientAddress.getAddress();
        if (client.length != entry.address().length) {
            return false;
        }
        int bits = entry.prefixLength();
        for (int i = 0; i < client.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((client[i] & mask) != (entry.address()[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesName(Set<String> names, String name, String user) {
        return names.contains("all") || names.contains(name) || names.contains("sameuser") && name.equals(user);
    }
}
