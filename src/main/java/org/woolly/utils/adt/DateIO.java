package org.woolly.utils.adt;

import java.time.DateTimeException;
import java.time.LocalDate;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** Input and output of date ({@code date_in}/{@code date_out} in {@code src/backend/utils/adt/date.c}). */
final class DateIO implements TypeIO {
    static final DateIO INSTANCE = new DateIO();

    @Override
    public Object input(String text, int typmod, FormatSettings settings) {
        DateTimeParser.Fields fields = DateTimeParser.parse(text, "date", settings);
        if (fields.special != null) {
            return switch (fields.special) {
                case "infinity" -> DateTimeArithmetic.DATE_POSITIVE_INFINITY;
                case "-infinity" -> DateTimeArithmetic.DATE_NEGATIVE_INFINITY;
                case "epoch" -> -DateTimeArithmetic.UNIX_TO_POSTGRES_DAYS;
                case "today", "now" -> today(settings, 0);
                case "tomorrow" -> today(settings, 1);
                case "yesterday" -> today(settings, -1);
                default -> throw DateTimeParser.invalid("date", text);
            };
        }
        if (!fields.hasDate()) {
            throw DateTimeParser.invalid("date", text);
        }
        return toDays(fields, text);
    }

    static int today(FormatSettings settings, int plusDays) {
        return DateTimeArithmetic.fromLocalDate(LocalDate.now(settings.timeZone()).plusDays(plusDays));
    }

    static int toDays(DateTimeParser.Fields fields, String text) {
        if (fields.month < 1 || fields.month > 12 || fields.day < 1 || fields.day > 31) {
            // ValidateDate's DTERR_MD_FIELD_OVERFLOW: month and day may have been read in the wrong order
            throw DateTimeParser.fieldOutOfRange(text).withHint("Perhaps you need a different \"datestyle\" setting.");
        }
        if (fields.year == 0) {
            throw DateTimeParser.fieldOutOfRange(text);
        }
        LocalDate date;
        try {
            date = LocalDate.of(fields.isoYear(), fields.month, fields.day);
        } catch (DateTimeException e) {
            throw DateTimeParser.fieldOutOfRange(text);
        }
        long days = date.toEpochDay() - DateTimeArithmetic.UNIX_TO_POSTGRES_DAYS;
        if (days < DateTimeArithmetic.MIN_DATE || days > DateTimeArithmetic.MAX_DATE) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "date out of range: \"" + text + "\"");
        }
        return (int) days;
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
