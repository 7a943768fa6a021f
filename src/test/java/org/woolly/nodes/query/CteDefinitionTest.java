package org.woolly.nodes.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** PostgreSQL's choice between inlining a WITH query and computing it once ({@code SS_process_ctes}). */
class CteDefinitionTest {

    private static CteDefinition referenced(int times, CteDefinition.Materialization materialization, boolean recursive,
                                            boolean callsVolatile, boolean correlated) {
        CteDefinition definition = new CteDefinition("x", materialization, recursive, callsVolatile, correlated);
        for (int i = 0; i < times; i++) {
            definition.addReference();
        }
        return definition;
    }

    @Test
    void referencedOnceIsInlinedTwiceIsShared() {
        assertThat(referenced(1, CteDefinition.Materialization.DEFAULT, false, false, false).inline()).isTrue();
        CteDefinition twice = referenced(2, CteDefinition.Materialization.DEFAULT, false, false, false);
        assertThat(twice.inline()).isFalse();
        assertThat(twice.shared()).isTrue();
    }

    @Test
    void materializedAndNotMaterializedOverrideTheCount() {
        assertThat(referenced(1, CteDefinition.Materialization.ALWAYS, false, false, false).inline()).isFalse();
        assertThat(referenced(3, CteDefinition.Materialization.NEVER, false, false, false).inline()).isTrue();
    }

    @Test
    void recursiveAndVolatileAreNeverInlined() {
        assertThat(referenced(1, CteDefinition.Materialization.NEVER, true, false, false).inline()).isFalse();
        assertThat(referenced(1, CteDefinition.Materialization.NEVER, false, true, false).inline()).isFalse();
    }

    @Test
    void correlatedIsMaterializedPerReference() {
        CteDefinition correlated = referenced(2, CteDefinition.Materialization.DEFAULT, false, false, true);
        assertThat(correlated.inline()).isFalse();
        assertThat(correlated.shared()).isFalse();
    }
}
