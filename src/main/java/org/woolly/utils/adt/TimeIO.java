package org.woolly.utils.adt;

/** Input and output of time without time zone ({@code time_in}/{@code time_out} in {@code date.c}). */
final class TimeIO implements TypeIO {
    static final TimeIO INSTANCE = new TimeIO();

    @Override
    public Object input(String text, int typmod, FormatSettings settings) {
        DateTimeParser.Fields fields = DateTimeParser.parse(text, "time", settings);
        if ("allballs".equals(fields.special)) {
            return 0L;
        }
        if (fields.special != null) {
            if (fields.special.equals("now")) {
                long now = TimestampIO.currentTimestamp();
                long local = now + DateTimeArithmetic.offsetAt(settings.timeZone(), now) * DateTimeArithmetic.USECS_PER_SEC;
                return DateTimeArithmetic.roundTime(Math.floorMod(local, DateTimeArithmetic.USECS_PER_DAY), typmod);
            }
            throw DateTimeParser.invalid("time", text);
        }
        // a zone with daylight rules needs a date to know its offset (DecodeTimeOnly)
        if (!fields.hasTime() || fields.zone != null && !fields.zone.getRules().isFixedOffset() && !fields.hasDate()) {
            throw DateTimeParser.invalid("time", text);
        }
        long micros = fields.hour * DateTimeArithmetic.USECS_PER_HOUR + fields.minute * DateTimeArithmetic.USECS_PER_MINUTE
                + fields.second * DateTimeArithmetic.USECS_PER_SEC + fields.microsecond;
        if (micros > DateTimeArithmetic.USECS_PER_DAY) {
            throw DateTimeParser.fieldOutOfRange(text);
        }
        return DateTimeArithmetic.roundTime(micros, typmod);
    }

    @Override
    public String output(Object value, FormatSettings settings) {
        StringBuilder out = new StringBuilder(15);
        DateTimeFormat.appendTime(out, (Long) value);
        return out.toString();
    }

    @Override
    public Object receive(byte[] bytes, int offset, int length, int typmod, FormatSettings settings) {
        TypeErrors.checkBinaryLength(length, 8);
        long micros = TypeErrors.readLong(bytes, offset);
        if (micros < 0 || micros > DateTimeArithmetic.USECS_PER_DAY) {
            throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.DATETIME_FIELD_OVERFLOW,
                    "time out of range");
        }
        return DateTimeArithmetic.roundTime(micros, typmod);
    }

    @Override
    public byte[] send(Object value, FormatSettings settings) {
        byte[] bytes = new byte[8];
        TypeErrors.writeLong(bytes, 0, (Long) value);
        return bytes;
    }
}
