package org.woolly.tcop;

import org.woolly.nodes.parse.RawStatement;
import org.woolly.protocol.MessageBody;
import org.woolly.protocol.MessageTypes;
import org.woolly.protocol.MessageWriter;
import org.woolly.protocol.ProtocolCodes;
import org.woolly.protocol.TransactionStatus;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.adt.TypeIO;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.guc.SessionSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Parse, Bind, Describe, Execute, Close and Sync of the extended query protocol, with the
 * session's prepared statements and portals: {@code exec_parse_message},
 * {@code exec_bind_message}, {@code exec_describe_*_message}, {@code exec_execute_message} in
 * {@code src/backend/tcop/postgres.c}. The empty name is the unnamed statement or portal,
 * replaced by the next Parse or Bind that uses it.
 */
final class ExtendedQueryHandler {

    /** A prepared statement; {@code query} is null for an empty query string. */
    private record Statement(PreparedQuery query) {}

    /** A portal and what Execute needs to resume it. */
    private static final class PortalState {
        final Portal portal;
        final PreparedQuery query;
        final short[] resultFormats;
        String completedTag;

        /** The prepared statement's name, for the log's {@code execute <name>: text}. */
        String statementName = "";

        PortalState(Portal portal, PreparedQuery query, short[] resultFormats) {
            this.portal = portal;
            this.query = query;
            this.resultFormats = resultFormats;
        }
    }

    private final MessageWriter writer;
    private final SessionEngine engine;
    private final SessionSettings settings;
    private final TypeIoLookup types;
    private final Consumer<String> activity;
    private final Map<String, Statement> statements = new HashMap<>();
    private final Map<String, PortalState> portals = new HashMap<>();
    private final StatementTimer statementTimer;
    /** The client side of the COPY sub-protocol, set by the backend loop once its reader runs. */
    private CopyChannel copyChannel;
    private boolean ignoreTillSync;
    /** The text of the statement the current message works on ({@code debug_query_string}); null if none. */
    private String queryText;
    /** Told the text of each portal run ({@code pgstat_report_activity} in exec_execute_message). */
    private Consumer<String> reportActive = text -> { };

    ExtendedQueryHandler(MessageWriter writer, SessionEngine engine, SessionSettings settings, TypeIoLookup types,
                         Consumer<String> activity, StatementTimer statementTimer) {
        this.writer = writer;
        this.statementTimer = statementTimer;
        this.engine = engine;
        this.settings = settings;
        this.types = types;
        this.activity = activity;
    }

    void trackActivity(Consumer<String> reporter) {
        this.reportActive = reporter;
    }

    TypeIoLookup types() {
        return types;
    }

    boolean ignoringTillSync() {
        return ignoreTillSync;
    }

    void startIgnoringTillSync() {
        ignoreTillSync = true;
    }

    /** What the server log's STATEMENT line shows for an error in the last message handled. */
    String queryText() {
        return queryText;
    }

    void handle(byte type, MessageBody body) throws IOException {
        if (ignoreTillSync) {
            return;
        }
        queryText = null;
        switch (type) {
            case MessageTypes.PARSE -> parse(body);
            case MessageTypes.BIND -> bind(body);
            case MessageTypes.DESCRIBE -> describe(body);
            case MessageTypes.EXECUTE -> execute(body);
            case MessageTypes.CLOSE -> close(body);
            default -> throw new IllegalArgumentException("not an extended-protocol message: " + type);
        }
    }

    /** Sync: leaves error recovery and ends the implicit transaction (ReadyForQuery is the caller's). */
    void sync() {
        if (ignoreTillSync) {
            ignoreTillSync = false;
            return;
        }
        engine.finishImplicitTransaction();
    }

    private void parse(MessageBody body) throws IOException {
        String name = body.readCString();
        String queryString = body.readCString();
        queryText = queryString;
        int count = body.readInt16();
        int[] declaredTypes = new int[Math.max(count, 0)];
        for (int i = 0; i < declaredTypes.length; i++) {
            declaredTypes[i] = body.readInt32();
        }
        if (!name.isEmpty() && statements.containsKey(name)) {
            throw SqlException.of(SqlState.DUPLICATE_PREPARED_STATEMENT, "prepared statement \"%s\" already exists",
                    name);
        }
        List<RawStatement> parsed = engine.parse(queryString);
        if (parsed.size() > 1) {
            throw SqlException.of(SqlState.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
        }
        activity.accept("PARSE");
        PreparedQuery query = parsed.isEmpty() ? null : engine.prepare(parsed.get(0), queryString, declaredTypes);
        statements.put(name, new Statement(query));
        writer.emptyMessage(MessageTypes.PARSE_COMPLETE);
    }

    private void bind(MessageBody body) throws IOException {
        String portalName = body.readCString();
        String statementName = body.readCString();
        short[] parameterFormats = readFormats(body);
        int parameterCount = body.readInt16();
        Statement statement = lookupStatement(statementName);
        PreparedQuery query = statement.query();
        queryText = query == null ? null : query.sourceText();
        int[] parameterTypes = query == null ? new int[0] : query.parameterTypes();
        if (parameterCount != parameterTypes.length) {
            throw protocolError(String.format("bind message supplies %d parameters, but prepared statement \"%s\" "
                    + "requires %d", parameterCount, statementName, parameterTypes.length));
        }
        if (parameterFormats.length > 1 && parameterFormats.length != parameterCount) {
            throw protocolError(String.format("bind message has %d parameter formats but %d parameters",
                    parameterFormats.length, parameterCount));
        }
        FormatSettings formatSettings = settings.formatSettings();
        Object[] values = new Object[parameterCount];
        for (int i = 0; i < parameterCount; i++) {
            int length = body.readInt32();
            if (length == -1) {
                continue;
            }
            int offset = body.skip(length);
            short format = parameterFormats.length == 0 ? ProtocolCodes.FORMAT_TEXT
                    : parameterFormats[parameterFormats.length == 1 ? 0 : i];
            values[i] = decodeParameter(parameterTypes[i], format, body.bytes(), offset, length, formatSettings, i);
        }
        short[] resultFormats = readFormats(body);
        int columnCount = query == null ? 0 : query.resultColumns().size();
        if (resultFormats.length > 1 && resultFormats.length != columnCount) {
            throw protocolError(String.format("bind message has %d result formats but query has %d columns",
                    resultFormats.length, columnCount));
        }
        if (!portalName.isEmpty() && portals.containsKey(portalName)) {
            throw SqlException.of(SqlState.DUPLICATE_CURSOR, "portal \"%s\" already exists", portalName);
        }
        closePortal(portalName);
        activity.accept(query == null ? "BIND" : query.commandName());
        Portal portal = query == null ? null : engine.bind(query, values);
        PortalState created = new PortalState(portal, query, expandFormats(resultFormats, columnCount));
        created.statementName = statementName;
        portals.put(portalName, created);
        writer.emptyMessage(MessageTypes.BIND_COMPLETE);
    }

    private Object decodeParameter(int typeOid, short format, byte[] bytes, int offset, int length,
                                   FormatSettings formatSettings, int index) {
        int effectiveType = typeOid == 0 ? TypeOids.UNKNOWN : typeOid;
        TypeIO io = types.forType(effectiveType);
        if (format == ProtocolCodes.FORMAT_TEXT) {
            String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
            return effectiveType == TypeOids.UNKNOWN ? text : io.input(text, -1, formatSettings);
        }
        if (format != ProtocolCodes.FORMAT_BINARY) {
            throw protocolError(String.format("unsupported format code: %d", format));
        }
        try {
            return io.receive(bytes, offset, length, -1, formatSettings);
        } catch (SqlException e) {
            if (e.sqlState() == SqlState.INVALID_BINARY_REPRESENTATION) {
                throw SqlException.of(SqlState.INVALID_BINARY_REPRESENTATION,
                        "incorrect binary data format in bind parameter %d", index + 1);
            }
            throw e;
        }
    }

    private void describe(MessageBody body) throws IOException {
        byte target = body.readByte();
        String name = body.readCString();
        if (target == MessageTypes.TARGET_STATEMENT) {
            PreparedQuery query = lookupStatement(name).query();
            boolean returnsRows = query != null && query.returnsRows();
            if (returnsRows && engine.transactionStatus() == TransactionStatus.FAILED) {
                // exec_describe_statement_message: the row type needs the catalog, unreadable now
                throw SqlException.of(SqlState.IN_FAILED_SQL_TRANSACTION,
                        "current transaction is aborted, commands ignored until end of transaction block");
            }
            writer.parameterDescription(query == null ? new int[0] : query.parameterTypes());
            if (returnsRows) {
                engine.revalidate(query);
            }
            describeColumns(query, new short[0]);
        } else if (target == MessageTypes.TARGET_PORTAL) {
            PortalState state = lookupPortal(name);
            describeColumns(state.query, state.resultFormats);
        } else {
            throw protocolError(String.format("invalid DESCRIBE message subtype %d", target));
        }
    }

    private void describeColumns(PreparedQuery query, short[] formats) throws IOException {
        if (query == null || !query.returnsRows()) {
            writer.emptyMessage(MessageTypes.NO_DATA);
        } else {
            writer.rowDescription(query.resultColumns(), formats);
        }
    }

    private void execute(MessageBody body) throws IOException {
        String name = body.readCString();
        int maxRows = body.readInt32();
        PortalState state = lookupPortal(name);
        queryText = state.query == null ? null : state.query.sourceText();
        if (state.portal == null) {
            writer.emptyMessage(MessageTypes.EMPTY_QUERY_RESPONSE);
            return;
        }
        if (state.completedTag != null) {
            writer.commandComplete(state.completedTag);
            return;
        }
        activity.accept(state.query.commandName());
        reportActive.accept(queryText);
        String what = "execute " + StatementLog.displayName(state.statementName)
                + (name.isEmpty() ? "" : "/" + name) + ": " + queryText;
        boolean logged = state.query.parsedStatement() != null
                && StatementLog.shouldLog(settings, state.query.parsedStatement());
        if (logged) {
            org.woolly.utils.error.ServerLog.log(org.woolly.utils.error.Severity.LOG, what);
        }
        long started = System.nanoTime();
        if (isCopy(state.query)) {
            statementTimer.start(settings.getInt("statement_timeout"));
            try {
                state.completedTag = state.portal.runCopy(copyChannel);
            } finally {
                statementTimer.stop();
            }
            writer.commandComplete(state.completedTag);
            StatementLog.logDuration(settings, started, logged, what);
            return;
        }
        DataRowEncoder encoder = new DataRowEncoder(writer, state.query.resultColumns(), state.resultFormats, types,
                settings.formatSettings());
        String tag;
        statementTimer.start(settings.getInt("statement_timeout"));
        try {
            tag = state.portal.run(maxRows, encoder);
        } finally {
            statementTimer.stop();
        }
        if (tag == null) {
            writer.emptyMessage(MessageTypes.PORTAL_SUSPENDED);
        } else {
            state.completedTag = tag;
            writer.commandComplete(tag);
        }
        StatementLog.logDuration(settings, started, logged, what);
    }

    private void close(MessageBody body) throws IOException {
        byte target = body.readByte();
        String name = body.readCString();
        if (target == MessageTypes.TARGET_STATEMENT) {
            statements.remove(name);
        } else if (target == MessageTypes.TARGET_PORTAL) {
            closePortal(name);
        } else {
            throw protocolError(String.format("invalid CLOSE message subtype %d", target));
        }
        writer.emptyMessage(MessageTypes.CLOSE_COMPLETE);
    }

    /** A simple Query drops the unnamed statement and portal, as PostgreSQL does. */
    void closeUnnamed() {
        statements.remove("");
        closePortal("");
    }

    /** Portals do not outlive their transaction (no WITH HOLD cursors yet). */
    void closeAllPortals() {
        for (PortalState state : portals.values()) {
            if (state.portal != null) {
                state.portal.close();
            }
        }
        portals.clear();
    }

    private void closePortal(String name) {
        PortalState state = portals.remove(name);
        if (state != null && state.portal != null) {
            state.portal.close();
        }
    }

    private Statement lookupStatement(String name) {
        Statement statement = statements.get(name);
        if (statement == null) {
            throw name.isEmpty()
                    ? SqlException.of(SqlState.INVALID_SQL_STATEMENT_NAME, "unnamed prepared statement does not exist")
                    : SqlException.of(SqlState.INVALID_SQL_STATEMENT_NAME, "prepared statement \"%s\" does not exist",
                    name);
        }
        return statement;
    }

    private PortalState lookupPortal(String name) {
        PortalState state = portals.get(name);
        if (state == null) {
            throw SqlException.of(SqlState.INVALID_CURSOR_NAME, "portal \"%s\" does not exist", name);
        }
        return state;
    }

    private static short[] readFormats(MessageBody body) {
        int count = body.readInt16();
        if (count < 0) {
            throw protocolError("invalid format code count");
        }
        short[] formats = new short[count];
        for (int i = 0; i < count; i++) {
            formats[i] = body.readInt16();
            if (formats[i] != ProtocolCodes.FORMAT_TEXT && formats[i] != ProtocolCodes.FORMAT_BINARY) {
                throw protocolError(String.format("unsupported format code: %d", formats[i]));
            }
        }
        return formats;
    }

    /** One code for all columns or one each, as Bind allows; the result has one per column. */
    private static short[] expandFormats(short[] formats, int columnCount) {
        if (formats.length == columnCount) {
            return formats;
        }
        short[] expanded = new short[columnCount];
        if (formats.length == 1) {
            java.util.Arrays.fill(expanded, formats[0]);
        }
        return expanded;
    }

    static boolean isCopy(PreparedQuery query) {
        return query.commandName().equals("COPY");
    }

    void copyChannel(CopyChannel channel) {
        this.copyChannel = channel;
    }

    CopyChannel copyChannel() {
        return copyChannel;
    }

    private static SqlException protocolError(String message) {
        return new SqlException(Severity.ERROR, SqlState.PROTOCOL_VIOLATION, message, null, null, 0, null);
    }
}
