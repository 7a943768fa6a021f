package org.woolly.tcop.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.woolly.catalog.RelationInfo;
import org.woolly.commands.CopyBinary;
import org.woolly.commands.CopyFromReader;
import org.woolly.commands.CopyOptions;
import org.woolly.commands.CopyToWriter;
import org.woolly.executor.ExecutorContext;
import org.woolly.executor.QueryExecution;
import org.woolly.nodes.parse.Statement;
import org.woolly.protocol.ResultColumn;
import org.woolly.tcop.CopyChannel;
import org.woolly.tcop.TypeIoLookup;
import org.woolly.utils.adt.CatalogInquiries;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.adt.PgType;
import org.woolly.utils.adt.TypeIO;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * COPY ({@code DoCopy}, {@code CopyFrom}, {@code DoCopyTo} in {@code commands/copy*.c}).
 *
 * <p>COPY FROM analyzes and plans {@code INSERT INTO t (cols) VALUES ($1, ...)} once, then for
 * every input line converts the fields with the column types' input functions into the
 * parameters and runs the plan again ({@link QueryExecution#insertAgain()}): defaults (serial
 * columns included), NOT NULL and CHECK constraints, index entries and unique checks are those
 * of INSERT. An error names the line ({@code CONTEXT: COPY t, line 3, column b: "x"}); the
 * statement's rows go away with its transaction.
 *
 * <p>Rows are written in batches ({@code CopyMultiInsertInfo}): each line's row is computed and
 * checked as it is read, and every {@link InsertBatch#MAXIMUM_ROWS} rows (or
 * {@link InsertBatch#MAXIMUM_BYTES} of tuple data) the batch goes to the heap a page at a time,
 * one WAL record per page, then to the indexes row by row. An INSERT with ON CONFLICT or
 * RETURNING cannot come from COPY, so every COPY FROM batches.
 *
 * <p>COPY TO runs {@code SELECT cols FROM t} or the given query and writes each row through
 * the columns' output functions.
 *
 * <p>FREEZE writes the rows frozen and marks the pages it fills all-visible and all-frozen, so a
 * later VACUUM skips them; the table must have been created or truncated in the current
 * subtransaction ({@link #checkFreeze}).
 */
final class CopyCommand {
    private static final int INTERRUPT_INTERVAL = 1024;

    private CopyCommand() {
    }

    static String run(QuerySession session, Statement.Copy copy, String sourceText, CopyChannel client) {
        CopyOptions options = CopyOptions.of(copy.options(), copy.isFrom());
        if (copy.where() != null) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY FROM ... WHERE is not supported yet");
        }
        CopyChannel channel = client;
        if (copy.file() != null) {
            checkServerFilePrivilege(session, copy);
            channel = fileChannel(copy);
        }
        try {
            CopyChannel target = channel;
            // an enum column's labels are read and written through the statement's catalog
            return ScopedValue.where(CatalogInquiries.CURRENT, session.catalogInquiries())
                    .call(() -> copy.isFrom() ? copyFrom(session, copy, options, target)
                            : copyTo(session, copy, sourceText, options, target));
        } finally {
            org.woolly.pgstat.CommandProgress.end();
            if (channel instanceof FileCopy file) {
                file.close();
            }
        }
    }

    /**
     * COPY FREEZE's conditions ({@code CopyFrom}): not a partitioned table, and the table's file
     * created by the current subtransaction (CREATE TABLE or TRUNCATE in it), so no other
     * transaction can see the rows, frozen though they are, before this one commits.
     */
    private static void checkFreeze(RelationInfo relation, org.woolly.access.transam.Transaction transaction) {
        if (relation.kind() == 'p') {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "cannot perform COPY FREEZE on a partitioned table");
        }
        if (!transaction.createdInCurrentSubtransaction(relation.locator())) {
            throw SqlException.of(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "cannot perform COPY FREEZE because the table was not created or truncated in the current "
                            + "subtransaction");
        }
    }

    /** {@code pgstat_progress_start_command(PROGRESS_COMMAND_COPY)} with the command and where the data goes. */
    private static void startProgress(Statement.Copy copy, int relationOid, int command) {
        org.woolly.pgstat.CommandProgress.start("COPY", relationOid);
        org.woolly.pgstat.CommandProgress.update(org.woolly.pgstat.CommandProgress.COPY_COMMAND, command);
        org.woolly.pgstat.CommandProgress.update(org.woolly.pgstat.CommandProgress.COPY_TYPE, copy.file() == null
                ? org.woolly.pgstat.CommandProgress.COPY_TYPE_PIPE : copy.program()
                ? org.woolly.pgstat.CommandProgress.COPY_TYPE_PROGRAM : org.woolly.pgstat.CommandProgress.COPY_TYPE_FILE);
    }

    private static void checkServerFilePrivilege(QuerySession session, Statement.Copy copy) {
        if (!session.currentRole().superuser()) {
            String message = copy.program()
                    ? "must be superuser or have privileges of the pg_execute_server_program role to COPY to or from an external program"
                    : copy.isFrom()
                    ? "must be superuser or have privileges of the pg_read_server_files role to COPY from a file"
                    : "must be superuser or have privileges of the pg_write_server_files role to COPY to a file";
            throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, message)
                    .withHint("Anyone can COPY to stdout or from stdin. psql's \\copy command also works for anyone.");
        }
        if (copy.program()) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY FROM PROGRAM and COPY TO PROGRAM are not supported");
        }
    }

    private static CopyChannel fileChannel(Statement.Copy copy) {
        Path path = Path.of(copy.file());
        if (!path.isAbsolute()) {
            if (!copy.isFrom()) {
                throw SqlException.of(SqlState.INVALID_NAME, "relative path not allowed for COPY to file");
            }
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY from a relative file path is not supported yet");
        }
        try {
            return copy.isFrom() ? new FileCopy(Files.newInputStream(path), null)
                    : new FileCopy(null, Files.newOutputStream(path));
        } catch (NoSuchFileException missing) {
            SqlException error = SqlException.of(SqlState.UNDEFINED_FILE,
                    "could not open file \"%s\" for %s: No such file or directory", copy.file(),
                    copy.isFrom() ? "reading" : "writing");
            throw copy.isFrom() ? error.withHint("COPY FROM instructs the PostgreSQL server process to read a file. "
                    + "You may want a client-side facility such as psql's \\copy.")
                    : error.withHint("COPY TO instructs the PostgreSQL server process to write a file. "
                    + "You may want a client-side facility such as psql's \\copy.");
        } catch (IOException e) {
            throw SqlException.of(SqlState.IO_ERROR, "could not open file \"%s\" for %s: %s", copy.file(),
                    copy.isFrom() ? "reading" : "writing", e.getMessage());
        }
    }

    private static String copyFrom(QuerySession session, Statement.Copy copy, CopyOptions options,
                                   CopyChannel channel) {
        var transaction = session.block.ensure();
        String schema = copy.table().schema();
        RelationInfo relation = session.catalog.lookupRelation(transaction, schema, copy.table().name())
                .orElseThrow(() -> SqlException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist",
                        schema == null ? copy.table().name() : schema + "." + copy.table().name()));
        startProgress(copy, relation.oid(), org.woolly.pgstat.CommandProgress.COPY_COMMAND_FROM);
        List<String> columns = new ArrayList<>(copy.columns());
        if (columns.isEmpty()) {
            for (int i = 0; i < relation.descriptor().size(); i++) {
                columns.add(relation.descriptor().get(i).name());
            }
        }
        StringBuilder sql = new StringBuilder("INSERT INTO ");
        if (schema != null) {
            sql.append(quote(schema)).append('.');
        }
        sql.append(quote(copy.table().name())).append(" (");
        // COPY stores the values given, GENERATED ALWAYS identity columns too (as PostgreSQL's CopyFrom)
        StringBuilder values = new StringBuilder(") OVERRIDING SYSTEM VALUE VALUES (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(quote(columns.get(i)));
            values.append(i == 0 ? "$" : ", $").append(i + 1);
        }
        String text = sql.append(values).append(')').toString();
        SessionPreparedQuery insert;
        try {
            insert = session.prepareStatement(session.parse(text).getFirst().statement(), text, new int[0]);
        } catch (SqlException bad) {
            throw bad.withPosition(0); // a position would point into the INSERT made here, not the user's COPY
        }
        session.checkWritable(insert);
        int width = columns.size();
        int[] parameterTypes = insert.parameterTypes();
        TypeIO[] inputs = new TypeIO[width];
        for (int i = 0; i < width; i++) {
            PgType type = session.types.type(parameterTypes[i]);
            // a type the table lacks (an enum) gets the I/O the wire protocol uses for it
            inputs[i] = type != null ? type.io() : TypeIoLookup.builtin().forType(parameterTypes[i]);
        }
        boolean[] forceNotNull = columnFlags(columns, options.forceNotNull, "FORCE_NOT_NULL");
        boolean[] forceNull = columnFlags(columns, options.forceNull, "FORCE_NULL");
        CopyFromReader reader = new CopyFromReader(options, forceNotNull, forceNull);
        FormatSettings format = session.settings.formatSettings();
        Object[] parameters = new Object[width];
        ExecutorContext context = session.newExecutorContext(parameters);
        String table = relation.name();
        boolean binary = options.format == CopyOptions.Format.BINARY;
        channel.beginCopyIn(binary, width);
        if (options.freeze) {
            // CopyFrom checks after BeginCopyFrom: the client is sending its data already
            checkFreeze(relation, transaction);
            context.frozenInserts(true);
        }
        try (QueryExecution execution = new QueryExecution(insert.planned().plan(), context)) {
            if (binary) {
                return copyFromBinary(session, execution, channel, inputs, parameters, columns, table, format);
            }
            InsertBatch batch = execution.insertsInBatches() ? new InsertBatch(execution, table) : null;
            boolean headerPending = options.header != CopyOptions.Header.NONE;
            boolean atEnd = false;
            long rows = 0;
            while (true) {
                String line = reader.nextLine(atEnd);
                if (line == null) {
                    if (atEnd) {
                        break;
                    }
                    atEnd = readMore(channel, reader::feed);
                    continue;
                }
                try {
                    List<String> fields = reader.fields(line);
                    if (headerPending) {
                        headerPending = false;
                        if (options.header == CopyOptions.Header.MATCH) {
                            matchHeader(fields, columns);
                        }
                        continue;
                    }
                    if (fields.size() > width) {
                        throw SqlException.of(SqlState.BAD_COPY_FILE_FORMAT, "extra data after last expected column");
                    }
                    if (fields.size() < width) {
                        throw SqlException.of(SqlState.BAD_COPY_FILE_FORMAT, "missing data for column \"%s\"",
                                columns.get(fields.size()));
                    }
                    for (int i = 0; i < width; i++) {
                        String field = fields.get(i);
                        try {
                            parameters[i] = field == null ? null : inputs[i].input(field, -1, format);
                        } catch (SqlException bad) {
                            throw bad.withContext("COPY %s, line %d, column %s: \"%s\"".formatted(table,
                                    reader.lineNumber(), columns.get(i), limit(field)));
                        }
                    }
                } catch (SqlException bad) {
                    throw bad.context() != null ? bad : bad.withContext("COPY %s, line %d: \"%s\"".formatted(table,
                            reader.lineNumber(), limit(line)));
                }
                try {
                    if (batch != null) {
                        batch.add(reader.lineNumber());
                    } else {
                        execution.insertAgain();
                    }
                } catch (SqlException failed) {
                    String where = failed.sqlState() == SqlState.UNIQUE_VIOLATION
                            ? "COPY %s, line %d".formatted(table, reader.lineNumber())
                            : "COPY %s, line %d: \"%s\"".formatted(table, reader.lineNumber(), limit(line));
                    // a trigger's error keeps its own CONTEXT lines, the COPY line comes last (errcontext stack)
                    throw failed.context() == null ? failed.withContext(where)
                            : failed.context().startsWith("COPY ") ? failed
                            : failed.withContext(failed.context() + "\n" + where);
                }
                if (batch != null && batch.full()) {
                    batch.flush();
                }
                org.woolly.pgstat.CommandProgress.update(org.woolly.pgstat.CommandProgress.COPY_TUPLES_PROCESSED, ++rows);
                if (rows % INTERRUPT_INTERVAL == 0) {
                    execution.checkForInterrupts();
                }
            }
            if (batch != null) {
                batch.flush();
            }
            return finish(session, execution, channel, atEnd);
        }
    }

    private static String copyFromBinary(QuerySession session, QueryExecution execution, CopyChannel channel,
                                         TypeIO[] inputs, Object[] parameters, List<String> columns, String table,
                                         FormatSettings format) {
        CopyBinary.Reader reader = new CopyBinary.Reader();
        InsertBatch batch = execution.insertsInBatches() ? new InsertBatch(execution, table) : null;
        boolean atEnd = false;
        while (true) {
            int[] fields;
            try {
                fields = reader.next(parameters.length, atEnd);
            } catch (SqlException bad) {
                throw reader.headerRead() ? bad.withContext("COPY %s, line %d".formatted(table,
                        Math.max(1, reader.rowNumber()))) : bad;
            }
            if (fields == null) {
                if (atEnd) {
                    break;
                }
                atEnd = readMore(channel, reader::feed);
                continue;
            }
            byte[] buffer = reader.buffer();
            for (int i = 0; i < parameters.length; i++) {
                int length = fields[2 * i + 1];
                try {
                    parameters[i] = length < 0 ? null : inputs[i].receive(buffer, fields[2 * i], length, -1, format);
                } catch (SqlException bad) {
                    throw bad.withContext("COPY %s, line %d, column %s".formatted(table, reader.rowNumber(),
                            columns.get(i)));
                } catch (RuntimeException bad) {
                    throw SqlException.of(SqlState.INVALID_BINARY_REPRESENTATION, "incorrect binary data format")
                            .withContext("COPY %s, line %d, column %s".formatted(table, reader.rowNumber(),
                                    columns.get(i)));
                }
            }
            try {
                if (batch != null) {
                    batch.add(reader.rowNumber());
                } else {
                    execution.insertAgain();
                }
            } catch (SqlException failed) {
                throw failed.context() != null ? failed
                        : failed.withContext("COPY %s, line %d".formatted(table, reader.rowNumber()));
            }
            if (batch != null && batch.full()) {
                batch.flush();
            }
            if (reader.rowNumber() % INTERRUPT_INTERVAL == 0) {
                execution.checkForInterrupts();
            }
        }
        if (batch != null) {
            batch.flush();
        }
        return finish(session, execution, channel, atEnd);
    }

    /** Reads the client's next chunk into {@code feed}; true once the input ended (CopyDone). */
    private static boolean readMore(CopyChannel channel, java.util.function.Consumer<byte[]> feed) {
        byte[] data = channel.read();
        if (data == null) {
            return true;
        }
        feed.accept(data);
        return false;
    }

    /**
     * The tag of a finished COPY FROM. Data after the end marker (or binary trailer) up to
     * CopyDone is read and dropped.
     */
    private static String finish(QuerySession session, QueryExecution execution, CopyChannel channel,
                                 boolean atEnd) {
        if (!atEnd) {
            while (channel.read() != null) {
                // discarded
            }
        }
        execution.finishInserts();
        long processed = execution.rowsProcessed();
        session.statementDone();
        return "COPY " + processed;
    }

    private static void matchHeader(List<String> fields, List<String> columns) {
        if (fields.size() != columns.size()) {
            throw SqlException.of(SqlState.BAD_COPY_FILE_FORMAT, "wrong number of fields in header line: got %d, expected %d",
                    fields.size(), columns.size());
        }
        for (int i = 0; i < fields.size(); i++) {
            String got = fields.get(i);
            if (got == null) {
                throw SqlException.of(SqlState.BAD_COPY_FILE_FORMAT, "column name mismatch in header line field %d: got null value (\"%s\"), expected \"%s\"",
                        i + 1, "", columns.get(i));
            }
            if (!got.equals(columns.get(i))) {
                throw SqlException.of(SqlState.BAD_COPY_FILE_FORMAT,
                        "column name mismatch in header line field %d: got \"%s\", expected \"%s\"", i + 1, got,
                        columns.get(i));
            }
        }
    }

    private static boolean[] columnFlags(List<String> columns, List<String> named, String option) {
        boolean[] flags = new boolean[columns.size()];
        for (String name : named) {
            int index = columns.indexOf(name);
            if (index < 0) {
                throw SqlException.of(SqlState.INVALID_COLUMN_REFERENCE, "%s column \"%s\" not referenced by COPY",
                        option, name);
            }
            flags[index] = true;
        }
        return flags;
    }

    /**
     * The query of {@code COPY (query) TO} after its table's rules ({@code BeginCopyTo}): COPY
     * takes exactly one statement, so any rule but a single unconditional INSTEAD action is refused.
     */
    private static Statement rewrittenForCopy(QuerySession session, Statement query) {
        var rewritten = org.woolly.analyzer.RuleRewriter.rewrite(session.catalog, session.block.ensure(), query);
        if (rewritten == null) {
            return query;
        }
        var products = rewritten.products();
        if (products.isEmpty()) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "DO INSTEAD NOTHING rules are not supported for COPY");
        }
        if (products.size() > 1) {
            for (var product : products) {
                switch (product.origin()) {
                    case QUALIFIED_INSTEAD_RULE -> throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                            "conditional DO INSTEAD rules are not supported for COPY");
                    case NON_INSTEAD_RULE -> throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                            "DO ALSO rules are not supported for COPY");
                    default -> { }
                }
            }
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                    "multi-statement DO INSTEAD rules are not supported for COPY");
        }
        Statement only = products.getFirst().statement();
        if (!(only instanceof Statement.Select || only instanceof Statement.Insert || only instanceof Statement.Update
                || only instanceof Statement.Delete)) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY query must not be a utility command");
        }
        return only;
    }

    private static String copyTo(QuerySession session, Statement.Copy copy, String sourceText, CopyOptions options,
                                 CopyChannel channel) {
        // PostgreSQL names the table for COPY table TO; a query's copy has none
        startProgress(copy, 0, org.woolly.pgstat.CommandProgress.COPY_COMMAND_TO);
        Statement select;
        String text;
        if (copy.query() != null) {
            select = rewrittenForCopy(session, copy.query());
            text = sourceText;
            if (!(select instanceof Statement.Select) && returning(select).isEmpty()) {
                throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "COPY query must have a RETURNING clause");
            }
        } else {
            StringBuilder sql = new StringBuilder("SELECT ");
            if (copy.columns().isEmpty()) {
                sql.append('*');
            }
            for (int i = 0; i < copy.columns().size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(quote(copy.columns().get(i)));
            }
            sql.append(" FROM ONLY ");
            if (copy.table().schema() != null) {
                sql.append(quote(copy.table().schema())).append('.');
            }
            text = sql.append(quote(copy.table().name())).toString();
            select = session.parse(text).getFirst().statement();
        }
        SessionPreparedQuery query;
        try {
            query = session.prepareStatement(select, text, new int[0]);
        } catch (SqlException bad) {
            throw copy.query() != null ? bad : bad.withPosition(0);
        }
        session.checkWritable(query);
        List<ResultColumn> columns = query.resultColumns();
        int width = columns.size();
        TypeIO[] outputs = new TypeIO[width];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            PgType type = session.types.type(columns.get(i).typeOid());
            // a type the table lacks (an enum) gets the I/O the wire protocol uses for it
            outputs[i] = type != null ? type.io() : TypeIoLookup.builtin().forType(columns.get(i).typeOid());
            names.add(columns.get(i).name());
        }
        boolean[] forceQuote = new boolean[width];
        if (options.forceQuoteAll) {
            Arrays.fill(forceQuote, true);
        } else {
            boolean[] named = columnFlags(names, options.forceQuote, "FORCE_QUOTE");
            System.arraycopy(named, 0, forceQuote, 0, width);
        }
        CopyToWriter writer = new CopyToWriter(options);
        FormatSettings format = session.settings.formatSettings();
        boolean binary = options.format == CopyOptions.Format.BINARY;
        channel.beginCopyOut(binary, width);
        if (binary) {
            return copyToBinary(session, query, channel, width);
        }
        if (options.header != CopyOptions.Header.NONE) {
            send(channel, writer.header(names), options);
        }
        long rows = 0;
        String[] values = new String[width];
        try (QueryExecution execution = new QueryExecution(query.planned().plan(), session.newExecutorContext(new Object[0]))) {
            Object[] row;
            while ((row = execution.next()) != null) {
                for (int i = 0; i < width; i++) {
                    Object value = row[i];
                    values[i] = value == null ? null : outputs[i] == null ? value.toString()
                            : outputs[i].output(value, format);
                }
                send(channel, writer.row(values, forceQuote), options);
                org.woolly.pgstat.CommandProgress.update(org.woolly.pgstat.CommandProgress.COPY_TUPLES_PROCESSED, ++rows);
            }
        }
        channel.endCopyOut();
        session.statementDone();
        return "COPY " + rows;
    }

    /** The RETURNING list of a data-modifying statement copied out. */
    private static List<?> returning(Statement statement) {
        return switch (statement) {
            case Statement.Insert insert -> insert.returning();
            case Statement.Update update -> update.returning();
            case Statement.Delete delete -> delete.returning();
            default -> List.of();
        };
    }

    private static String copyToBinary(QuerySession session, SessionPreparedQuery query, CopyChannel channel,
                                       int width) {
        List<ResultColumn> columns = query.resultColumns();
        TypeIO[] outputs = new TypeIO[width];
        for (int i = 0; i < width; i++) {
            PgType type = session.types.type(columns.get(i).typeOid());
            if (type == null) {
                throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "no binary output function available for type %d",
                        columns.get(i).typeOid());
            }
            outputs[i] = type.io();
        }
        FormatSettings format = session.settings.formatSettings();
        byte[] header = CopyBinary.header();
        channel.write(header, 0, header.length);
        long rows = 0;
        byte[][] fields = new byte[width][];
        try (QueryExecution execution = new QueryExecution(query.planned().plan(),
                session.newExecutorContext(new Object[0]))) {
            Object[] row;
            while ((row = execution.next()) != null) {
                for (int i = 0; i < width; i++) {
                    fields[i] = row[i] == null ? null : outputs[i].send(row[i], format);
                }
                byte[] data = CopyBinary.row(fields);
                channel.write(data, 0, data.length);
                rows++;
            }
        }
        byte[] trailer = CopyBinary.trailer();
        channel.write(trailer, 0, trailer.length);
        channel.endCopyOut();
        session.statementDone();
        return "COPY " + rows;
    }

    private static void send(CopyChannel channel, String line, CopyOptions options) {
        byte[] bytes = line.getBytes(options.encoding);
        channel.write(bytes, 0, bytes.length);
    }

    /** {@code limit_printout_length}: at most 100 characters of a value in an error context. */
    private static String limit(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** COPY to or from a server file: the file stands in for the client's side of the sub-protocol. */
    private static final class FileCopy implements CopyChannel {
        private final InputStream in;
        private final OutputStream out;

        FileCopy(InputStream in, OutputStream out) {
            this.in = in;
            this.out = out == null ? null : new java.io.BufferedOutputStream(out, 64 * 1024);
        }

        @Override
        public void beginCopyIn(boolean binary, int columns) {
        }

        @Override
        public byte[] read() {
            try {
                byte[] chunk = in.readNBytes(64 * 1024);
                return chunk.length == 0 ? null : chunk;
            } catch (IOException e) {
                throw SqlException.of(SqlState.IO_ERROR, "could not read from COPY file: %s", e.getMessage());
            }
        }

        @Override
        public void beginCopyOut(boolean binary, int columns) {
        }

        @Override
        public void write(byte[] data, int offset, int length) {
            try {
                out.write(data, offset, length);
            } catch (IOException e) {
                throw SqlException.of(SqlState.IO_ERROR, "could not write to COPY file: %s", e.getMessage());
            }
        }

        @Override
        public void endCopyOut() {
        }

        void close() {
            try {
                if (in != null) {
                    in.close();
                }
                if (out != null) {
                    out.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

}
