package org.woolly.utils.adt;

/**
 * The {@code void} pseudo-type's I/O ({@code void_in}, {@code void_out} in {@code pseudotypes.c}):
 * a function returning void (pg_stat_reset) yields one value that prints as the empty string.
 */
final class VoidIO implements TypeIO {
    /** The value of a void-returning call. */
    static final String VALUE = "";

    @Override
    public Object input(String text, int typmod, FormatSettings settings) {
        return VALUE;
    }

    @Override
    public String output(Object value, FormatSettings settings) {
        return "";
    }

    @Override
    public Object receive(byte[] bytes, int offset, int length, int typmod, FormatSettings settings) {
        return VALUE;
    }

    @Override
    public byte[] send(Object value, FormatSettings settings) {
        return new byte[0];
    }
}
