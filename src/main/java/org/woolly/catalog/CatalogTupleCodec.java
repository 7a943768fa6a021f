package org.woolly.catalog;

import org.woolly.access.common.TupleCodec;
import org.woolly.access.common.TupleDescriptor;

import java.util.function.BiFunction;

/**
 * Turns catalog rows into heap tuple bodies and back. The server binds it to
 * {@code org.woolly.access.common.TupleCodec}, so catalogs are stored in the same tuple format
 * as user tables and the executor can read them like any table.
 */
public interface CatalogTupleCodec {

    /** The server's tuple format, {@link TupleCodec}: what every table, catalogs included, is stored in. */
    CatalogTupleCodec STANDARD = of(TupleCodec::encode, TupleCodec::decode);

    byte[] encode(TupleDescriptor descriptor, Object[] values);

    Object[] decode(TupleDescriptor descriptor, byte[] body);

    /** A codec from two functions, e.g. {@code CatalogTupleCodec.of(TupleCodec::encode, TupleCodec::decode)}. */
    static CatalogTupleCodec of(BiFunction<TupleDescriptor, Object[], byte[]> encoder,
                                BiFunction<TupleDescriptor, byte[], Object[]> decoder) {
        return new CatalogTupleCodec() {
            @Override
            public byte[] encode(TupleDescriptor descriptor, Object[] values) {
                return encoder.apply(descriptor, values);
            }

            @Override
            public Object[] decode(TupleDescriptor descriptor, byte[] body) {
                return decoder.apply(descriptor, body);
            }
        };
    }
}
