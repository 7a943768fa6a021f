package org.woolly.analyzer;

import java.nio.file.Path;
import org.woolly.access.transam.StorageOptions;
import org.woolly.access.transam.StorageServices;
import org.woolly.access.transam.Transaction;
import org.woolly.catalog.SystemCatalog;
import org.woolly.parser.Parser;
import org.woolly.server.StorageWiring;
import org.woolly.testsupport.TestCluster;
import org.woolly.testsupport.TestSession;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.error.SqlException;

/**
 * The analyzer of analyzer unit tests: the real catalog of a temporary cluster made by
 * {@code setup} statements, read in one open transaction; a warning fails the test.
 */
final class AnalyzerFixture implements AutoCloseable {
    private final StorageServices storage;
    private final Analyzer analyzer;
    private final Transaction transaction;

    private AnalyzerFixture(StorageServices storage) {
        this.storage = storage;
        SystemCatalog system = new SystemCatalog(storage);
        this.analyzer = new Analyzer(new BuiltinTypeSystem(),
                system.catalogFor(system.databaseOid("postgres").getAsInt()), Parser::parseExpression, warning -> {
                    throw new AssertionError("unexpected warning " + warning.getMessage());
                });
        this.transaction = storage.transactions().begin();
    }

    static AnalyzerFixture open(Path data, String... setup) {
        try (TestCluster cluster = TestCluster.create(data); TestSession session = cluster.session()) {
            for (String sql : setup) {
                session.run(sql);
            }
        }
        return new AnalyzerFixture(StorageWiring.open(data, StorageOptions.defaults()));
    }

    Analyzer.Result analyze(String sql, int... parameterTypes) {
        return analyzer.analyze(Parser.parse(sql).getFirst().statement(), transaction, FormatSettings.DEFAULT,
                parameterTypes);
    }

    /** The error analyzing {@code sql} raises; fails when there is none. */
    SqlException error(String sql) {
        try {
            analyze(sql);
        } catch (SqlException error) {
            return error;
        }
        throw new AssertionError("no error for " + sql);
    }

    @Override
    public void close() {
        storage.transactions().abort(transaction);
        storage.close();
    }
}
