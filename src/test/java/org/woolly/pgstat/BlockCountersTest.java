package org.woolly.pgstat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BlockCountersTest {

    @Test
    void aDatabaseSumsItsRelationFilesAndOneRelationsResetLeavesTheSum() {
        BlockCounters counters = new BlockCounters();
        BlockCounters.RelationBlocks table = counters.relation(5, 16384);
        BlockCounters.RelationBlocks index = counters.relation(5, 16386);
        counters.relation(0, 1262).hit();
        table.read();
        table.hit();
        table.hit();
        index.read();

        assertThat(counters.relationHits(5, 16384)).isEqualTo(2);
        assertThat(counters.relationFetched(5, 16384)).isEqualTo(3);
        assertThat(counters.hits(5)).isEqualTo(2);
        assertThat(counters.reads(5)).isEqualTo(2);
        assertThat(counters.hits(0)).isEqualTo(1);

        // pg_stat_reset_single_table_counters: PostgreSQL leaves the database's counters as they are
        counters.reset(5, 16384);
        assertThat(counters.relationFetched(5, 16384)).isZero();
        assertThat(counters.hits(5)).isEqualTo(2);
        table.hit();
        assertThat(counters.relationHits(5, 16384)).isEqualTo(1);

        counters.reset(5);
        assertThat(counters.relationFetched(5, 16386)).isZero();
        assertThat(counters.relationHits(0, 1262)).isEqualTo(1);
        assertThat(counters.relationFetched(5, 99999)).isZero();
    }

    @Test
    void restoredCountsAddToTheRelationButNotToTheDatabaseSum() {
        BlockCounters counters = new BlockCounters();
        counters.relation(5, 16384).hit();
        counters.restore(5, 16384, 10, 4);
        assertThat(counters.relationHits(5, 16384)).isEqualTo(11);
        assertThat(counters.relationFetched(5, 16384)).isEqualTo(15);
        // pg_stat_database restores its own blks_hit from the same file
        assertThat(counters.hits(5)).isEqualTo(1);
        assertThat(counters.persistentValues().get(new BlockCounters.Key(5, 16384))).containsExactly(11, 4);
    }
}
