package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the bulk-load speed work must not change, as a psql script whose expected output
 * PostgreSQL 15 printed: index builds over integer keys (sorted as primitives) keep index
 * order, NULL placement, DESC and the duplicate errors of CREATE UNIQUE INDEX and ADD PRIMARY
 * KEY; a transaction that changed the catalogs (CREATE, TRUNCATE, then COPY, as
 * {@code pgbench -i}) still sees its own later changes, and not those a savepoint rolled back.
 */
class BulkLoadIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void indexBuildsAndCatalogChangesMatchPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "bulkload/bulkload");
    }
}
