package org.woolly.tcop;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.woolly.protocol.MessageBody;
import org.woolly.protocol.MessageReader;
import org.woolly.protocol.MessageTypes;
import org.woolly.protocol.MessageWriter;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** {@link CopyChannel} over the client connection of one backend. */
final class CopyProtocol implements CopyChannel {
    private final MessageWriter writer;
    private final ClientReader client;

    /** How many received messages COPY FROM takes from the reader at a time. */
    private static final int TAKE_AT_ONCE = 64;

    CopyProtocol(MessageWriter writer, ClientReader client) {
        this.writer = writer;
        this.client = client;
    }

    @Override
    public void beginCopyIn(boolean binary, int columns) {
        begin(MessageTypes.COPY_IN_RESPONSE, binary, columns);
        try {
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void beginCopyOut(boolean binary, int columns) {
        begin(MessageTypes.COPY_OUT_RESPONSE, binary, columns);
    }

    private void begin(byte type, boolean binary, int columns) {
        try {
            writer.beginMessage(type).int8(binary ? 1 : 0).int16(columns);
            for (int i = 0; i < columns; i++) {
                writer.int16(binary ? 1 : 0);
            }
            writer.endMessage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] read() {
        while (true) {
            MessageReader.Message message;
            try {
                message = client.nextTakingAhead(TAKE_AT_ONCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (message == null) {
                // the client went away mid-COPY: the statement fails and the transaction rolls back
                throw new SqlException(Severity.FATAL, SqlState.CONNECTION_FAILURE,
                        "unexpected EOF on client connection with an open transaction", null, null, 0, null);
            }
            switch (message.type()) {
                case MessageTypes.COPY_DATA -> {
                    return message.body();
                }
                case MessageTypes.COPY_DONE -> {
                    return null;
                }
                case MessageTypes.COPY_FAIL -> throw SqlException.of(SqlState.QUERY_CANCELED,
                        "COPY from stdin failed: %s", new MessageBody(message.body()).readCString());
                case MessageTypes.FLUSH, MessageTypes.SYNC -> {
                    // ignored during COPY IN, as PostgreSQL does (a client may send them with the data)
                }
                default -> throw new SqlException(Severity.ERROR, SqlState.PROTOCOL_VIOLATION,
                        String.format("unexpected message type 0x%02X during COPY from stdin", message.type()),
                        null, null, 0, null);
            }
        }
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        try {
            writer.beginMessage(MessageTypes.COPY_DATA).bytes(data, offset, length).endMessage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void endCopyOut() {
        try {
            writer.emptyMessage(MessageTypes.COPY_DONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
