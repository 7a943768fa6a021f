package org.woolly.parser;

import org.junit.jupiter.api.Test;
import org.woolly.nodes.parse.RuleCommand;
import org.woolly.nodes.parse.Statement;
import org.woolly.utils.error.SqlState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.parser.ParserErrorTest.assertError;
import static org.woolly.parser.StatementParserTest.one;

/** CREATE RULE, DROP RULE, ALTER RULE and ALTER TABLE ... ENABLE / DISABLE RULE as gram.y's RuleStmt reads them. */
class RuleParserTest {

    private static RuleCommand command(String sql) {
        return ((Statement.Rule) one(sql)).command();
    }

    @Test
    void createRuleKeepsTheEventConditionActionsAndTheirText() {
        RuleCommand.Create create = (RuleCommand.Create) command(
                "CREATE OR REPLACE RULE r AS ON UPDATE TO s.t WHERE new.a > old.a DO INSTEAD "
                        + "(INSERT INTO log VALUES (new.a); ; DELETE FROM log WHERE a = old.a)");
        assertThat(create.replace()).isTrue();
        assertThat(create.name()).isEqualTo("r");
        assertThat(create.event()).isEqualTo(RuleCommand.Event.UPDATE);
        assertThat(create.table().schema()).isEqualTo("s");
        assertThat(create.table().name()).isEqualTo("t");
        assertThat(create.conditionText()).isEqualTo("new.a > old.a");
        assertThat(create.instead()).isTrue();
        assertThat(create.actions()).hasSize(2);
        assertThat(create.actions().get(0)).isInstanceOf(Statement.Insert.class);
        assertThat(create.actions().get(1)).isInstanceOf(Statement.Delete.class);
        assertThat(create.actionTexts()).containsExactly("INSERT INTO log VALUES (new.a)",
                "DELETE FROM log WHERE a = old.a");
    }

    @Test
    void alsoIsTheDefaultAndNothingHasNoActions() {
        RuleCommand.Create nothing = (RuleCommand.Create) command("CREATE RULE r AS ON DELETE TO t DO NOTHING");
        assertThat(nothing.instead()).isFalse();
        assertThat(nothing.actions()).isEmpty();
        assertThat(nothing.condition()).isNull();
        RuleCommand.Create also = (RuleCommand.Create) command(
                "create rule r as on insert to t do also notify t_changed");
        assertThat(also.instead()).isFalse();
        assertThat(also.actions().getFirst()).isInstanceOf(Statement.Async.class);
        assertThat(((RuleCommand.Create) command("create rule \"_RETURN\" as on select to t do instead select 1"))
                .event()).isEqualTo(RuleCommand.Event.SELECT);
    }

    @Test
    void dropRenameAndEnable() {
        RuleCommand.Drop drop = (RuleCommand.Drop) command("DROP RULE IF EXISTS r ON t CASCADE");
        assertThat(drop.name()).isEqualTo("r");
        assertThat(drop.table().name()).isEqualTo("t");
        assertThat(drop.missingOk()).isTrue();
        assertThat(drop.cascade()).isTrue();
        RuleCommand.Rename rename = (RuleCommand.Rename) command("ALTER RULE r ON t RENAME TO r2");
        assertThat(rename.name()).isEqualTo("r");
        assertThat(rename.newName()).isEqualTo("r2");
        RuleCommand.SetEnabled disable = (RuleCommand.SetEnabled) command("ALTER TABLE t DISABLE RULE r");
        assertThat(disable.enabled()).isEqualTo('D');
        assertThat(disable.name()).isEqualTo("r");
        assertThat(((RuleCommand.SetEnabled) command("alter table t enable always rule r")).enabled()).isEqualTo('A');
        assertThat(((RuleCommand.SetEnabled) command("alter table t enable rule r")).enabled()).isEqualTo('O');
    }

    @Test
    void malformedRulesAreSyntaxErrorsWherePostgresPointsAtThem() {
        assertError("create rule r as on truncate to t do nothing", SqlState.SYNTAX_ERROR,
                "syntax error at or near \"truncate\"", 21);
        assertError("create rule r as on insert to t do instead create table x (a int)", SqlState.SYNTAX_ERROR,
                "syntax error at or near \"create\"", 44);
        assertError("create rule r as on insert to t do", SqlState.SYNTAX_ERROR, "syntax error at end of input", 35);
        assertError("drop rule r", SqlState.SYNTAX_ERROR, "syntax error at end of input", 12);
    }
}
