package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GROUPING SETS, ROLLUP, CUBE and GROUPING(), aggregates of an outer query level (one or two
 * levels up, and the nesting of such aggregates) in subqueries,
 * data-modifying statements in WITH, the ordered-set aggregates (percentile_cont, percentile_disc
 * and mode WITHIN GROUP, with their errors), the hypothetical-set aggregates (rank, dense_rank,
 * percent_rank, cume_dist WITHIN GROUP), aliases on joins and FULL JOIN USING's merged columns, and the tableoid system column (in SELECT, WHERE, GROUP BY,
 * RETURNING, qualified, from a subquery, ambiguous), as psql shows them: scripts whose expected output
 * PostgreSQL 15 produced (results, EXPLAIN shapes and the 42803 errors with their positions).
 */
class QueryLanguageIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    private static void assertScriptMatchesPostgres(String name) throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "grouping/" + name);
    }

    @Test
    void groupingSetsScriptMatchesPostgres() throws Exception {
        assertScriptMatchesPostgres("grouping_sets");
    }

    @Test
    void outerLevelAggregatesAndGroupingErrorsMatchPostgres() throws Exception {
        assertScriptMatchesPostgres("outer_aggregates");
    }

    @Test
    void dataModifyingWithQueriesMatchPostgres() throws Exception {
        assertScriptMatchesPostgres("data_modifying_with");
    }

    @Test
    void orderedSetAggregatesMatchPostgres() throws Exception {
        assertScriptMatchesPostgres("ordered_set");
    }

    @Test
    void fetchFirstWithTiesMatchesPostgres() throws Exception {
        assertScriptMatchesPostgres("fetch_with_ties");
    }

    @Test
    void joinAliasesFullJoinUsingAndHypotheticalSetAggregatesMatchPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "joins/join_aliases");
    }

    @Test
    void tableOidMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "systemcolumns/tableoid");
    }
}
