package org.woolly.utils.error;

import org.woolly.utils.error.SqlException;

/**
 * Where a running statement sends NOTICE, WARNING and INFO reports (severity on the exception);
 * the backend loop turns each into a NoticeResponse.
 */
@FunctionalInterface
public interface NoticeSink {
    void notice(SqlException report);
}
