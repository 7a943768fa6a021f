package org.woolly.access.common;

/**
 * A relation's TOAST table as the tuple codec sees it ({@code toast_save_datum} and
 * {@code toast_fetch_datum} in {@code toast_internals.c} / {@code detoast.c}): stores a value's
 * bytes out of line in chunks under a new value id, and gives them back.
 */
public interface ToastStore {
    /** The TOAST table's OID ({@code va_toastrelid}). */
    int relationOid();

    /** Stores {@code data} out of line; returns its value id ({@code va_valueid}). */
    int store(byte[] data);

    /** The {@code size} bytes stored under {@code valueId}; XX000 if chunks are missing. */
    byte[] fetch(int valueId, int size);
}
