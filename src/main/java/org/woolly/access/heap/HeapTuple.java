package org.woolly.access.heap;

import org.woolly.access.common.Tid;

/**
 * A tuple as the heap hands it up: where it is, and its body — the bytes that
 * {@code org.woolly.access.common.TupleCodec} encodes (attribute count, null bitmap, data);
 * the heap never interprets the body. {@code xmin}/{@code xmax} are the header's.
 */
public record HeapTuple(Tid tid, long xmin, long xmax, byte[] body) {}
