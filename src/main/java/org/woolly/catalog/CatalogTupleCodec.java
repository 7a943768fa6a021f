package org.woolly.catalog;

import org.woolly.access.common.TupleDescriptor;

/**
 * Turns catalog rows into heap tuple bodies and back. The server binds it to
 * {@code org.woolly.access.common.TupleCodec}, so catalogs are stored in the same tuple format
 * as user tables and the executor can read them like any table.
 */
public interface CatalogTupleCodec {

    byte[] encode(TupleDescriptor descriptor, Object[] values);

    Object[] decode(TupleDescriptor descriptor, byte[] body);
}
