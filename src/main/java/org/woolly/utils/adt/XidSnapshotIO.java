package org.woolly.utils.adt;

import java.util.ArrayList;
import java.util.List;

/**
 * Input and output of xid8 (a 64-bit transaction ID, Woolly's own XIDs as they are) and of
 * pg_snapshot and txid_snapshot ({@code xmin:xmax:xip,...}), as {@code xid8in}/{@code xid8out}
 * of {@code xid.c} and {@code pg_snapshot_in}/{@code _out}/{@code _recv}/{@code _send} of
 * {@code xid8funcs.c}. txid_snapshot is the same type under its older name.
 */
final class XidSnapshotIO implements TypeIO {
    static final XidSnapshotIO XID8 = new XidSnapshotIO(false);
    /**
     * xid: Woolly's XIDs are the same 64-bit numbers as xid8 (pg_class.relfrozenxid,
     * pg_database.datfrozenxid, the xmin and xmax system columns), read and printed alike.
     */
    static final XidSnapshotIO XID = new XidSnapshotIO(false);
    static final XidSnapshotIO PG_SNAPSHOT = new XidSnapshotIO(true);
    static final XidSnapshotIO TXID_SNAPSHOT = new XidSnapshotIO(true);

    private final boolean snapshot;

    private XidSnapshotIO(boolean snapshot) {
        this.snapshot = snapshot;
    }

    @Override
    public Object input(String text, int typmod, FormatSettings settings) {
        return snapshot ? parseSnapshot(text) : parseXid(text);
    }

    /**
     * {@code xid8in}: PostgreSQL reads the number with {@code strtou64(str, NULL, 0)} and ignores
     * what follows: an optional sign (a minus wraps around, so '-1' is 2^64 - 1), then hex after
     * 0x, octal after a leading 0, else decimal; text without digits is 0 and an overflow
     * clamps to 2^64 - 1.
     */
    private static long parseXid(String text) {
        int position = 0;
        while (position < text.length() && TypeErrors.isSpace(text.charAt(position))) {
            position++;
        }
        boolean negative = false;
        if (position < text.length() && (text.charAt(position) == '-' || text.charAt(position) == '+')) {
            negative = text.charAt(position++) == '-';
        }
        int radix = 10;
        if (text.startsWith("0x", position) || text.startsWith("0X", position)) {
            if (position + 2 < text.length() && Character.digit(text.charAt(position + 2), 16) >= 0) {
                radix = 16;
                position += 2;
            }
        } else if (text.startsWith("0", position)) {
            radix = 8;
        }
        long value = 0;
        while (position < text.length()) {
            int digit = Character.digit(text.charAt(position), radix);
            if (digit < 0 || text.charAt(position) > 0x7F) {
                break;
            }
            position++;
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, radix)) > 0) {
                return -1L; // ERANGE: ULONG_MAX
            }
            value = value * radix + digit;
        }
        return negative ? -value : value;
    }

    /** {@code parse_snapshot}: xmin and xmax non-zero, xmin <= xmax, the list ascending within them. */
    private static XidSnapshot parseSnapshot(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 3) {
            throw badSnapshot(text);
        }
        long xmin = number(parts[0], text);
        long xmax = number(parts[1], text);
        if (xmin == 0 || xmax == 0 || Long.compareUnsigned(xmin, xmax) > 0) {
            throw badSnapshot(text);
        }
        List<Long> inProgress = new ArrayList<>();
        if (!parts[2].isEmpty()) {
            long last = 0;
            for (String item : parts[2].split(",", -1)) {
                long xid = number(item, text);
                if (Long.compareUnsigned(xid, xmin) < 0 || Long.compareUnsigned(xid, xmax) >= 0
                        || Long.compareUnsigned(last, xid) > 0) {
                    throw badSnapshot(text);
                }
                if (xid != last) {
                    inProgress.add(xid);
                }
                last = xid;
            }
        }
        return new XidSnapshot(xmin, xmax, inProgress.stream().mapToLong(Long::longValue).toArray());
    }

    private static long number(String digits, String text) {
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
            throw badSnapshot(text);
        }
        try {
            return Long.parseUnsignedLong(digits);
        } catch (NumberFormatException tooLarge) {
            throw badSnapshot(text);
        }
    }

    private static RuntimeException badSnapshot(String text) {
        // txid_snapshot's input is pg_snapshot_in, whose message names pg_snapshot
        return TypeErrors.invalidSyntax("pg_snapshot", text);
    }

    @Override
    public String output(Object value, FormatSettings settings) {
        return value instanceof XidSnapshot s ? s.toString() : Long.toUnsignedString((Long) value);
    }

    /** {@code pg_snapshot_recv}: int4 count, int8 xmin, int8 xmax, then the XIDs. */
    @Override
    public Object receive(byte[] bytes, int offset, int length, int typmod, FormatSettings settings) {
        if (!snapshot) {
            TypeErrors.checkBinaryLength(length, 8);
            return TypeErrors.readLong(bytes, offset);
        }
        int count = length >= 4 ? TypeErrors.readInt(bytes, offset) : -1;
        if (count < 0 || length != 20 + 8L * count) {
            throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.INVALID_BINARY_REPRESENTATION,
                    "invalid external pg_snapshot data");
        }
        long[] inProgress = new long[count];
        for (int i = 0; i < count; i++) {
            inProgress[i] = TypeErrors.readLong(bytes, offset + 20 + 8 * i);
        }
        return new XidSnapshot(TypeErrors.readLong(bytes, offset + 4), TypeErrors.readLong(bytes, offset + 12),
                inProgress);
    }

    @Override
    public byte[] send(Object value, FormatSettings settings) {
        if (value instanceof XidSnapshot s) {
            byte[] bytes = new byte[20 + 8 * s.inProgress().length];
            TypeErrors.writeInt(bytes, 0, s.inProgress().length);
            TypeErrors.writeLong(bytes, 4, s.xmin());
            TypeErrors.writeLong(bytes, 12, s.xmax());
            for (int i = 0; i < s.inProgress().length; i++) {
                TypeErrors.writeLong(bytes, 20 + 8 * i, s.inProgress()[i]);
            }
            return bytes;
        }
        byte[] bytes = new byte[8];
        TypeErrors.writeLong(bytes, 0, (Long) value);
        return bytes;
    }
}
