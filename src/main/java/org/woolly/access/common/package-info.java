/**
 * What every access method shares: the tuple descriptor of a relation's columns and the tuple
 * body format ({@link org.woolly.access.common.TupleCodec}: attribute count, null bitmap, aligned
 * values, short and long varlena headers), described in this package's README.md.
 * PostgreSQL counterpart: {@code src/backend/access/common} ({@code heaptuple.c}, {@code tupdesc.c}).
 */
package org.woolly.access.common;
