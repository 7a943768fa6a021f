package org.woolly.utils.adt;

/**
 * A type's input and output functions (typinput/typoutput/typreceive/typsend in
 * {@code pg_type}): text form as SQL literals and the text protocol use it, binary form as the
 * binary protocol and COPY BINARY use it. Values are in the type's Java representation
 * (see {@link PgType}). Errors are {@link org.woolly.utils.error.SqlException} with
 * PostgreSQL's SQLSTATE and message (e.g. 22P02 {@code invalid input syntax for type integer: "x"}).
 */
public interface TypeIO {

    /** Parses the text form; {@code typmod} is -1 when none (varchar(n) etc. apply it here). */
    Object input(String text, int typmod, FormatSettings settings);

    String output(Object value, FormatSettings settings);

    /** Parses the binary form from {@code bytes[offset, offset+length)}. */
    Object receive(byte[] bytes, int offset, int length, int typmod, FormatSettings settings);

    byte[] send(Object value, FormatSettings settings);
}
