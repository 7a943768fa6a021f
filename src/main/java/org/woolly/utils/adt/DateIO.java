package org.woolly.utils.adt;

import java.time.LocalDate;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** Input and output of date ({@code date_in}/{@code date_out} in {@code src/backend/utils/adt/date.c}). */
final class DateIO implements TypeIO {
    static final DateIO INSTANCE = new DateIO();

    @Override
    public Object input(String text, int typmod, FormatSettings settings) {
        DateTimeDecoder.Result fields = DateTimeDecoder.decode(text, "date", settings);
        if (fields.special != null) {
            return switch (fields.special) {
                case "infinity" -> DateTimeArithmetic.DATE_POSITIVE_INFINITY;
                case "-infinity" -> DateTimeArithmetic.DATE_NEGATIVE_INFINITY;
                default -> -DateTimeArithmetic.UNIX_TO_POSTGRES_DAYS;
            };
        }
        if (!fields.julianInRange()) {
            throw outOfRange(text);
        }
        long days = fields.julianDay() - DateTimeArithmetic.POSTGRES_EPOCH_JULIAN;
        if (days < DateTimeArithmetic.MIN_DATE || days > DateTimeArithmetic.MAX_DATE) {
            throw outOfRange(text);
        }
        return (int) days;
    }

    private static SqlException outOfRange(String text) {
        return new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "date out of range: \"" + text + "\"");
    }

    @Override
    public String output(Object value, FormatSettings settings) {
        int days = (Integer) value;
        if (days == DateTimeArithmetic.DATE_POSITIVE_INFINITY) {
            return "infinity";
        }
        if (days == DateTimeArithmetic.DATE_NEGATIVE_INFINITY) {
            return "-infinity";
        }
        StringBuilder out = new StringBuilder(16);
        LocalDate date = DateTimeArithmetic.toLocalDate(days);
        DateTimeFormat.appendDate(out, date, settings);
        DateTimeFormat.appendEra(out, date);
        return out.toString();
    }

    @Override
    public Object receive(byte[] bytes, int offset, int length, int typmod, FormatSettings settings) {
        TypeErrors.checkBinaryLength(length, 4);
        return TypeErrors.readInt(bytes, offset);
    }

    @Override
    public byte[] send(Object value, FormatSettings settings) {
        byte[] bytes = new byte[4];
        TypeErrors.writeInt(bytes, 0, (Integer) value);
        return bytes;
    }
}
