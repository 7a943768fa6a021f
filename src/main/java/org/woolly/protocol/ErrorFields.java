package org.woolly.protocol;

import org.woolly.utils.error.SqlException;

/**
 * The fields of ErrorResponse and NoticeResponse ("Error and Notice Message Fields" in the
 * protocol documentation; {@code send_message_to_frontend} in {@code elog.c}).
 */
public final class ErrorFields {

    public static final byte SEVERITY_LOCALIZED = 'S';
    public static final byte SEVERITY = 'V';
    public static final byte CODE = 'C';
    public static final byte MESSAGE = 'M';
    public static final byte DETAIL = 'D';
    public static final byte HINT = 'H';
    public static final byte POSITION = 'P';
    public static final byte ROUTINE = 'R';
    public static final byte CONTEXT = 'W';

    private ErrorFields() {}

    static void write(MessageWriter writer, SqlException report) {
        String severity = report.severity().wireName();
        writer.int8(SEVERITY_LOCALIZED).cString(severity);
        writer.int8(SEVERITY).cString(severity);
        writer.int8(CODE).cString(report.sqlState().code());
        writer.int8(MESSAGE).cString(report.getMessage() == null ? "" : report.getMessage());
        if (report.detail() != null) {
            writer.int8(DETAIL).cString(report.detail());
        }
        if (report.hint() != null) {
            writer.int8(HINT).cString(report.hint());
        }
        if (report.position() > 0) {
            writer.int8(POSITION).cString(Integer.toString(report.position()));
        }
        if (report.context() != null) {
            writer.int8(CONTEXT).cString(report.context());
        }
        if (report.routine() != null) {
            writer.int8(ROUTINE).cString(report.routine());
        }
        writer.int8(0);
    }
}
