package org.woolly.catalog.bootstrap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.access.heap.HeapAccess;
import org.woolly.access.transam.StorageOptions;
import org.woolly.access.transam.StorageServices;
import org.woolly.access.transam.StorageStartup;
import org.woolly.access.transam.Transaction;
import org.woolly.catalog.CatalogDefinitions;
import org.woolly.catalog.CatalogHeap;
import org.woolly.catalog.CatalogRow;
import org.woolly.catalog.CheckingTupleCodec;
import org.woolly.server.StorageWiring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** initdb's bootstrap on a real data directory. */
class InitDbTest {
    @TempDir
    Path dataDirectory;
    private StorageServices storage;

    private StorageServices storage() {
        StorageStartup.initialize(dataDirectory);
        storage = StorageWiring.open(dataDirectory, StorageOptions.defaults().withFsync(false));
        return storage;
    }

    @AfterEach
    void close() {
        if (storage != null) {
            storage.close();
        }
    }

    @Test
    void createsEveryCatalogForEachDatabaseAndTheSharedOnesOnce() throws IOException {
        InitDb.bootstrap(storage(), new CheckingTupleCodec(), "alice", null);

        // 51 per-database catalogs (pg_enum, pg_statistic, pg_stats, pg_sequence, pg_depend, pg_collation, pg_policy,
        // pg_statistic_ext, pg_publication, pg_publication_rel, pg_publication_namespace, pg_extension and the
        // 19 pg_dump reads, pg_language to pg_seclabel, included) in 3 databases, 9 shared ones (pg_auth_members,
        // pg_shdescription, pg_subscription, pg_shseclabel, pg_parameter_acl included), each a main fork on disk
        // (views have none)
        List<String> files;
        try (Stream<Path> walk = Files.walk(dataDirectory)) {
            files = walk.filter(Files::isRegularFile).map(path -> dataDirectory.relativize(path).toString())
                    .filter(name -> name.matches("(global|base/\\d+)/\\d+")).toList();
        }
        assertThat(files).hasSize(51 * 3 + 9);
        assertThat(files).contains("global/1260", "base/1/1259", "base/4/1259", "base/5/2615");
    }

    @Test
    void catalogRowsDescribeTheCatalogsThemselves() {
        StorageServices storage = storage();
        CheckingTupleCodec codec = new CheckingTupleCodec();
        InitDb.bootstrap(storage, codec, "alice", "SCRAM-SHA-256$4096:c2FsdA==$a:b");
        CatalogHeap heap = new CatalogHeap(HeapAccess.of(storage), codec);
        Transaction tx = storage.transactions().begin();
        var snapshot = tx.takeSnapshot();

        List<CatalogRow> pgClass = heap.scan(CatalogDefinitions.PG_CLASS, 5, snapshot,
                row -> row.getString("relname").equals("pg_class"));
        assertThat(pgClass).hasSize(1);
        assertThat(pgClass.getFirst().getOid("oid")).isEqualTo(1259);
        assertThat(pgClass.getFirst().getShort("relnatts")).isEqualTo((short) 33);
        assertThat(pgClass.getFirst().getOid("reltype")).isEqualTo(83);

        List<CatalogRow> database = heap.scan(CatalogDefinitions.PG_CLASS, 5, snapshot,
                row -> row.getString("relname").equals("pg_database"));
        assertThat(database.getFirst().getBool("relisshared")).isTrue();
        assertThat(database.getFirst().getOid("reltablespace")).isEqualTo(1664);

        List<CatalogRow> classColumns = heap.scan(CatalogDefinitions.PG_ATTRIBUTE, 5, snapshot,
                row -> row.getOid("attrelid") == 1259);
        assertThat(classColumns).hasSize(33 + 6);
        assertThat(classColumns).filteredOn(row -> row.getString("attname").equals("ctid"))
                .extracting(row -> row.getShort("attnum")).containsExactly((short) -1);
        assertThat(classColumns).filteredOn(row -> row.getString("attname").equals("tableoid"))
                .extracting(row -> row.getShort("attnum")).containsExactly((short) -6);

        assertThat(heap.scan(CatalogDefinitions.PG_TYPE, 1, snapshot, row -> row.getOid("typrelid") == 1259))
                .extracting(row -> row.getString("typname")).containsExactly("pg_class");
        assertThat(heap.scan(CatalogDefinitions.PG_TYPE, 4, snapshot, row -> row.getString("typname").equals("int4")))
                .extracting(row -> row.getOid("oid")).containsExactly(23);

        assertThat(heap.scan(CatalogDefinitions.PG_NAMESPACE, 5, snapshot))
                .extracting(row -> row.getString("nspname")).containsExactlyInAnyOrder("pg_catalog", "public",
                        "pg_toast");
        assertThat(heap.scan(CatalogDefinitions.PG_DATABASE, 0, snapshot))
                .extracting(row -> row.getString("datname") + "/" + row.getOid("oid") + "/"
                        + row.getBool("datallowconn"))
                .containsExactlyInAnyOrder("template1/1/true", "template0/4/false", "postgres/5/true");
        assertThat(heap.scan(CatalogDefinitions.PG_AUTHID, 0, snapshot))
                .extracting(row -> row.getOid("oid") + "/" + row.getString("rolname") + "/"
                        + row.getString("rolpassword"))
                .containsExactly("10/alice/SCRAM-SHA-256$4096:c2FsdA==$a:b", "3373/pg_monitor/null",
                        "3374/pg_read_all_settings/null", "3375/pg_read_all_stats/null",
                        "3377/pg_stat_scan_tables/null", "4200/pg_signal_backend/null");
        assertThat(heap.scan(CatalogDefinitions.PG_AM, 5, snapshot)).extracting(row -> row.getString("amname"))
                .containsExactlyInAnyOrder("heap", "btree", "hash");
        assertThat(heap.scan(CatalogDefinitions.PG_CLASS, 5, snapshot, row -> row.getChar("relkind") == 'v'))
                .extracting(row -> row.getString("relname") + "/" + row.getOid("oid") + "/" + row.getOid("reltype")
                        + "/" + row.getOid("relfilenode"))
                .containsExactlyInAnyOrder("pg_roles/12000/12002/0", "pg_shadow/12005/12007/0",
                        "pg_user/12014/12016/0", "pg_views/12028/12030/0", "pg_tables/12033/12035/0",
                        "pg_stat_activity/12222/12224/0", "woolly_stat_activity/9750/9752/0",
                        "pg_stat_database/12266/12268/0",
                        "pg_stat_bgwriter/12289/12291/0", "pg_stat_all_tables/12142/12144/0",
                        "pg_stat_sys_tables/12152/12154/0", "pg_stat_user_tables/12161/12163/0",
                        "pg_stat_all_indexes/12183/12185/0", "pg_stat_sys_indexes/12188/12190/0",
                        "pg_stat_user_indexes/12192/12194/0", "pg_locks/12073/12075/0", "pg_prepared_xacts/12090/12092/0",
                        "pg_rules/9700/9702/0",
                        "pg_matviews/12038/12040/0",
                        "pg_indexes/12043/12045/0", "pg_statio_all_tables/12170/12172/0",
                        "pg_statio_sys_tables/12175/12177/0", "pg_statio_user_tables/12179/12181/0",
                        "pg_statio_all_indexes/12196/12198/0", "pg_statio_sys_indexes/12201/12203/0",
                        "pg_statio_user_indexes/12205/12207/0", "pg_statio_all_sequences/12209/12211/0",
                        "pg_statio_sys_sequences/12214/12216/0", "pg_statio_user_sequences/12218/12220/0",
                        "pg_stat_wal/12293/12295/0", "pg_settings/12104/12106/0", "pg_sequences/12048/12050/0",
                        "pg_stat_statements/9320/9322/0", "pg_stat_statements_info/9324/9326/0",
                        "pg_stat_progress_analyze/12297/12299/0", "pg_stat_progress_vacuum/12302/12304/0",
                        "pg_stat_progress_create_index/12312/12314/0", "pg_stat_progress_copy/12322/12324/0",
                        "pg_seclabels/12099/12101/0");
        assertThat(heap.scan(CatalogDefinitions.PG_REWRITE, 5, snapshot))
                .extracting(row -> row.getOid("oid") + "/" + row.getString("rulename") + "/" + row.getOid("ev_class"))
                .contains("12003/_RETURN/12000");
        assertThat(heap.scan(CatalogDefinitions.PG_OPCLASS, 5, snapshot, row -> row.getOid("oid") == 1978))
                .extracting(row -> row.getString("opcname") + "/" + row.getOid("opcfamily") + "/"
                        + row.getBool("opcdefault"))
                .containsExactly("int4_ops/1976/true");
        assertThat(heap.scan(CatalogDefinitions.PG_TABLESPACE, 0, snapshot))
                .extracting(row -> row.getString("spcname")).containsExactlyInAnyOrder("pg_default", "pg_global");
        assertThat(heap.scan(CatalogDefinitions.PG_INDEX, 5, snapshot)).isEmpty();
        List<CatalogRow> functions = heap.scan(CatalogDefinitions.PG_PROC, 5, snapshot);
        assertThat(functions).isNotEmpty();
        assertThat(functions).extracting(row -> row.getOid("oid")).doesNotHaveDuplicates();
        assertThat(functions).extracting(row -> row.getString("proname")).contains("length");
    }
}
