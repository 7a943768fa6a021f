package org.woolly.commands;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * COPY's binary format ({@code BINARY} in the COPY documentation; {@code CopyReadBinary*} in
 * {@code copyfromparse.c}, {@code CopyTo} in {@code copyto.c}): the 11-byte signature
 * {@code PGCOPY\n\377\r\n\0}, a 32-bit flags field (bit 16: OIDs, refused as PostgreSQL 12+
 * does; the other high bits are critical), a header extension length and its bytes; then per
 * row a 16-bit field count and per field a 32-bit length (-1: NULL) and the type's binary form;
 * a field count of -1 ends the data.
 */
public final class CopyBinary {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    private CopyBinary() {
    }

    /** The file header: signature, no flags, no extension. */
    public static byte[] header() {
        byte[] header = Arrays.copyOf(SIGNATURE, SIGNATURE.length + 8);
        return header;
    }

    /** The trailer: a field count of -1. */
    public static byte[] trailer() {
        return new byte[] {(byte) 0xff, (byte) 0xff};
    }

    /** One row: field count, then each field's length and bytes (null: length -1). */
    public static byte[] row(byte[][] fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(fields.length >>> 8);
        out.write(fields.length);
        for (byte[] field : fields) {
            int length = field == null ? -1 : field.length;
            out.write(length >>> 24);
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
            if (field != null) {
                out.writeBytes(field);
            }
        }
        return out.toByteArray();
    }

    /** Splits binary COPY input arriving in chunks into rows of fields (byte slices). */
    public static final class Reader {
        private byte[] buffer = new byte[64 * 1024];
        private int start;
        private int end;
        private boolean headerDone;
        private boolean finished;
        private long rowNumber;

        public void feed(byte[] data) {
            if (finished) {
                return;
            }
            if (end + data.length > buffer.length) {
                int live = end - start;
                buffer = live + data.length > buffer.length
                        ? Arrays.copyOfRange(buffer, start, Math.max(buffer.length * 2, live + data.length))
                        : compact(live);
                end = live;
                start = 0;
            }
            System.arraycopy(data, 0, buffer, end, data.length);
            end += data.length;
        }

        private byte[] compact(int live) {
            System.arraycopy(buffer, start, buffer, 0, live);
            return buffer;
        }

        /** Whether the file header was read (errors in it have no line CONTEXT in PostgreSQL). */
        public boolean headerRead() {
            return headerDone;
        }

        /** The 1-based number of the last row returned. */
        public long rowNumber() {
            return rowNumber;
        }

        /**
         * The next row's fields as {@code [offset, length]} pairs into {@link #buffer()} (length
         * -1: NULL), or null when no complete row is buffered or the data ended. {@code atEnd}: no
         * more input will come.
         */
        public int[] next(int expectedFields, boolean atEnd) {
            if (finished) {
                return null;
            }
            if (!headerDone) {
                if (end - start < SIGNATURE.length + 8) {
                    if (atEnd) {
                        throw badFormat(end - start < SIGNATURE.length ? "COPY file signature not recognized"
                                : "invalid COPY file header (missing flags)");
                    }
                    return null;
                }
                if (!Arrays.equals(buffer, start, start + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
                    throw badFormat("COPY file signature not recognized");
                }
                int flags = int32(start + SIGNATURE.length);
                if ((flags & (1 << 16)) != 0) {
                    throw badFormat("COPY file header: OIDs are not supported");
                }
                if ((flags & 0xfffe0000) != 0) {
                    throw badFormat("unrecognized critical flags in COPY file header");
                }
                int extension = int32(start + SIGNATURE.length + 4);
                if (extension < 0) {
                    throw badFormat("invalid COPY file header (wrong length)");
                }
                if (end - start < SIGNATURE.length + 8 + extension) {
                    if (atEnd) {
                        throw badFormat("invalid COPY file header (wrong length)");
                    }
                    return null;
                }
                start += SIGNATURE.length + 8 + extension;
                headerDone = true;
            }
            if (end - start < 2) {
                if (atEnd && end > start) {
                    throw badFormat("unexpected EOF in COPY data");
                }
                if (atEnd) {
                    finished = true; // no trailer: PostgreSQL accepts the end of input as well
                }
                return null;
            }
            int count = (short) (((buffer[start] & 0xff) << 8) | (buffer[start + 1] & 0xff));
            if (count == -1) {
                finished = true;
                return null;
            }
            if (count != expectedFields) {
                rowNumber++;
                throw badFormat("row field count is " + count + ", expected " + expectedFields);
            }
            int[] fields = new int[count * 2];
            int at = start + 2;
            for (int i = 0; i < count; i++) {
                if (end - at < 4) {
                    return incomplete(atEnd);
                }
                int length = int32(at);
                at += 4;
                if (length < -1) {
                    throw badFormat("invalid field size");
                }
                fields[2 * i] = at;
                fields[2 * i + 1] = length;
                if (length > 0) {
                    if (end - at < length) {
                        return incomplete(atEnd);
                    }
                    at += length;
                }
            }
            start = at;
            rowNumber++;
            return fields;
        }

        private int[] incomplete(boolean atEnd) {
            if (atEnd) {
                throw badFormat("unexpected EOF in COPY data");
            }
            return null;
        }

        /** The buffer the offsets of the last {@link #next} refer to (valid until the next feed). */
        public byte[] buffer() {
            return buffer;
        }

        private int int32(int at) {
            return ((buffer[at] & 0xff) << 24) | ((buffer[at + 1] & 0xff) << 16) | ((buffer[at + 2] & 0xff) << 8)
                    | (buffer[at + 3] & 0xff);
        }

        private static SqlException badFormat(String message) {
            return SqlException.of(SqlState.BAD_COPY_FILE_FORMAT, message);
        }
    }
}
