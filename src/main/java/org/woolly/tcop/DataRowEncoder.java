package org.woolly.tcop;

import org.woolly.protocol.MessageTypes;
import org.woolly.protocol.MessageWriter;
import org.woolly.protocol.ProtocolCodes;
import org.woolly.protocol.ResultColumn;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.adt.TypeIO;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The RowSink of one portal run: encodes each row straight into a DataRow message with the
 * per-column I/O and format resolved once ({@code printtup.c}). Integers in binary format are
 * written without an intermediate array.
 */
final class DataRowEncoder implements RowSink {

    private final MessageWriter writer;
    private final TypeIO[] codecs;
    private final boolean[] binary;
    private final FormatSettings settings;
    private long rowCount;

    DataRowEncoder(MessageWriter writer, List<ResultColumn> columns, short[] formats, TypeIoLookup types,
                   FormatSettings settings) {
        this.writer = writer;
        this.settings = settings;
        this.codecs = new TypeIO[columns.size()];
        this.binary = new boolean[columns.size()];
        for (int i = 0; i < codecs.length; i++) {
            codecs[i] = types.forType(columns.get(i).typeOid());
            binary[i] = i < formats.length && formats[i] == ProtocolCodes.FORMAT_BINARY;
        }
    }

    long rowCount() {
        return rowCount;
    }

    @Override
    public void row(Object[] values) {
        try {
            writer.beginMessage(MessageTypes.DATA_ROW).int16(codecs.length);
            for (int i = 0; i < codecs.length; i++) {
                Object value = values[i];
                if (value == null) {
                    writer.int32(-1);
                } else if (binary[i]) {
                    writeBinary(i, value);
                } else {
                    byte[] text = codecs[i].output(value, settings).getBytes(StandardCharsets.UTF_8);
                    writer.int32(text.length).bytes(text);
                }
            }
            writer.endMessage();
            rowCount++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            writer.discardPartialMessage();
            throw e;
        }
    }

    private void writeBinary(int column, Object value) {
        switch (value) {
            case Integer number -> writer.int32(4).int32(number);
            case Long number -> writer.int32(8).int64(number);
            case Short number -> writer.int32(2).int16(number);
            case Boolean flag -> writer.int32(1).int8(flag ? 1 : 0);
            default -> {
                byte[] bytes = codecs[column].send(value, settings);
                writer.int32(bytes.length).bytes(bytes);
            }
        }
    }
}
