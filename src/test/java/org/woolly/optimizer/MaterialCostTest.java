package org.woolly.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.woolly.nodes.plan.Plan;

/**
 * {@code cost_material} and {@code cost_rescan} with PostgreSQL's default settings: keeping a
 * result costs 2 * cpu_operator_cost per tuple over its input, replaying it cpu_operator_cost per
 * tuple, and a result beyond work_mem adds the pages it spills to; nodes that keep their result
 * already are never materialized again.
 */
class MaterialCostTest {
    private final CostModel costs = new CostModel(null, CostParameters.DEFAULTS, null);

    private static Plan.Result input(double startup, double total, double rows, int width) {
        return new Plan.Result(new Plan.Cost(startup, total, rows, width));
    }

    @Test
    void aMaterialCostsItsInputPlusTwoOperatorsPerTuple() {
        Plan.Cost cost = costs.materialCost(input(0, 22, 1200, 40));
        assertThat(cost.startup()).isZero();
        assertThat(cost.total()).isCloseTo(28.0, within(1e-9)); // PostgreSQL's Materialize over j1_tbl
        assertThat(cost.rows()).isEqualTo(1200);
        Plan.Material material = new Plan.Material(input(0, 22, 1200, 40), cost);
        assertThat(costs.rescanCost(material)).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void aResultBeyondWorkMemPaysForItsPagesOnEachPass() {
        // 100,000 tuples of 40 bytes: (40 + 24) bytes each = 6,400,000 bytes > 4 MB, 782 pages
        Plan.Cost cost = costs.materialCost(input(5, 1005, 100_000, 40));
        assertThat(cost.total()).isCloseTo(1005 + 500 + 782, within(1e-9));
        Plan.Material material = new Plan.Material(input(5, 1005, 100_000, 40), cost);
        assertThat(costs.rescanCost(material)).isCloseTo(250 + 782, within(1e-9));
    }

    @Test
    void otherNodesCostTheirFirstRunAgainAndKeepingNodesAreNotMaterialized() {
        Plan.Result plain = input(1, 50, 10, 8);
        assertThat(costs.rescanCost(plain)).isEqualTo(50);
        assertThat(CostModel.materializesOutput(plain)).isFalse();
        Plan.Sort sort = new Plan.Sort(plain, java.util.List.of(), java.util.List.of(), new Plan.Cost(60, 70, 10, 8));
        assertThat(CostModel.materializesOutput(sort)).isTrue();
        assertThat(costs.rescanCost(sort)).isCloseTo(0.025, within(1e-9));
        assertThat(CostModel.materializesOutput(new Plan.Project(sort, java.util.List.of(), sort.cost()))).isTrue();
    }
}
