package org.woolly.tcop;

/**
 * The COPY sub-protocol as a running COPY statement sees it ({@code ReceiveCopyBegin},
 * {@code CopyGetData}, {@code SendCopyBegin}, {@code CopySendEndOfRow} in {@code copyfromparse.c}
 * and {@code copyto.c}): the backend loop implements it over the client connection.
 */
public interface CopyChannel {

    /** Sends CopyInResponse (overall format text or binary, one format code per column). */
    void beginCopyIn(boolean binary, int columns);

    /**
     * The next CopyData payload, or null once the client sent CopyDone. CopyFail ends the COPY
     * with 57014 {@code COPY from stdin failed: <message>}; Flush and Sync are ignored meanwhile.
     */
    byte[] read();

    /** Sends CopyOutResponse. */
    void beginCopyOut(boolean binary, int columns);

    /** Sends one CopyData message. */
    void write(byte[] data, int offset, int length);

    /** Sends CopyDone. */
    void endCopyOut();
}
