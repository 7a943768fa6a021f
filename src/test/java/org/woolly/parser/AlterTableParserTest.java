package org.woolly.parser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.woolly.nodes.parse.AlterTableAction;
import org.woolly.nodes.parse.ColumnConstraint;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.parse.TableConstraint;
import org.woolly.utils.error.SqlState;

/** ALTER TABLE and ALTER INDEX ... RENAME TO: the parse trees, and errors where PostgreSQL 15 puts them. */
class AlterTableParserTest {

    private static Statement.AlterTable alter(String sql) {
        return (Statement.AlterTable) StatementParserTest.one(sql);
    }

    private static AlterTableAction action(String sql) {
        Statement.AlterTable alter = alter(sql);
        assertThat(alter.actions()).hasSize(1);
        return alter.actions().getFirst();
    }

    @Test
    void tableNameForms() {
        Statement.AlterTable plain = alter("ALTER TABLE s.t ADD COLUMN a int");
        assertThat(plain.kind()).isEqualTo(Statement.ObjectKind.TABLE);
        assertThat(plain.name().toString()).isEqualTo("s.t");
        assertThat(plain.ifExists()).isFalse();
        assertThat(plain.only()).isFalse();
        Statement.AlterTable only = alter("alter table if exists only (t) drop a");
        assertThat(only.ifExists()).isTrue();
        assertThat(only.only()).isTrue();
        assertThat(alter("alter table t* drop a").name().name()).isEqualTo("t");
        assertThat(alter("ALTER INDEX IF EXISTS i RENAME TO j").kind()).isEqualTo(Statement.ObjectKind.INDEX);
    }

    @Test
    void columnActions() {
        var add = (AlterTableAction.AddColumn) action("ALTER TABLE t ADD IF NOT EXISTS b text NOT NULL DEFAULT 'x'");
        assertThat(add.ifNotExists()).isTrue();
        assertThat(add.column().name()).isEqualTo("b");
        assertThat(add.column().constraints()).extracting(ColumnConstraint::kind)
                .containsExactly(ColumnConstraint.Kind.NOT_NULL, ColumnConstraint.Kind.DEFAULT);
        assertThat(((AlterTableAction.AddColumn) action("alter table t add column b int")).ifNotExists()).isFalse();

        var drop = (AlterTableAction.DropColumn) action("ALTER TABLE t DROP COLUMN IF EXISTS b CASCADE");
        assertThat(drop.column()).isEqualTo("b");
        assertThat(drop.ifExists()).isTrue();
        assertThat(drop.cascade()).isTrue();
        assertThat(((AlterTableAction.DropColumn) action("alter table t drop b restrict")).cascade()).isFalse();

        var type = (AlterTableAction.AlterColumnType) action("ALTER TABLE t ALTER COLUMN a SET DATA TYPE numeric(10, 2) "
                + "USING a * 2");
        assertThat(type.column()).isEqualTo("a");
        assertThat(type.type().name()).isEqualTo("numeric");
        assertThat(type.using()).isInstanceOf(org.woolly.nodes.parse.Expr.Operator.class);
        assertThat(((AlterTableAction.AlterColumnType) action("alter table t alter a type text")).using()).isNull();

        var setDefault = (AlterTableAction.ColumnDefault) action("alter table t alter a set default 1 + 2");
        assertThat(setDefault.expression()).isNotNull();
        assertThat(((AlterTableAction.ColumnDefault) action("alter table t alter column a drop default")).expression())
                .isNull();
        assertThat(((AlterTableAction.ColumnNotNull) action("alter table t alter a set not null")).notNull()).isTrue();
        assertThat(((AlterTableAction.ColumnNotNull) action("alter table t alter a drop not null")).notNull()).isFalse();

        Statement.AlterTable several = alter("ALTER TABLE t ADD c int, DROP d, ALTER e TYPE int8, OWNER TO bob");
        assertThat(several.actions()).extracting(action -> action.getClass().getSimpleName())
                .containsExactly("AddColumn", "DropColumn", "AlterColumnType", "OwnerTo");
    }

    @Test
    void renamesSchemaAndOwner() {
        assertThat(((AlterTableAction.RenameRelation) action("ALTER TABLE t RENAME TO u")).newName()).isEqualTo("u");
        var column = (AlterTableAction.RenameColumn) action("ALTER TABLE t RENAME COLUMN a TO \"B\"");
        assertThat(column.column()).isEqualTo("a");
        assertThat(column.newName()).isEqualTo("B");
        assertThat(((AlterTableAction.RenameColumn) action("alter table t rename a to b")).newName()).isEqualTo("b");
        var constraint = (AlterTableAction.RenameConstraint) action("alter table t rename constraint c to d");
        assertThat(constraint.name()).isEqualTo("c");
        assertThat(constraint.newName()).isEqualTo("d");
        assertThat(((AlterTableAction.SetSchema) action("alter table t set schema s")).schema()).isEqualTo("s");
        var owner = (AlterTableAction.OwnerTo) action("alter table t owner to current_user");
        assertThat(owner.special()).isTrue();
        assertThat(owner.role()).isEqualTo("CURRENT_USER");
        assertThat(((AlterTableAction.OwnerTo) action("alter table t owner to \"Ann\"")).role()).isEqualTo("Ann");
        assertThat(((AlterTableAction.RenameRelation) action("alter index i rename to j")).newName()).isEqualTo("j");
    }

    @Test
    void constraintActions() {
        var add = (AlterTableAction.AddConstraint) action("ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID");
        assertThat(add.notValid()).isTrue();
        assertThat(add.constraint().kind()).isEqualTo(TableConstraint.Kind.CHECK);
        assertThat(add.constraint().name()).isEqualTo("c");
        var key = (AlterTableAction.AddConstraint) action("alter table t add primary key (a, b)");
        assertThat(key.notValid()).isFalse();
        assertThat(key.constraint().columns()).containsExactly("a", "b");
        var drop = (AlterTableAction.DropConstraint) action("alter table t drop constraint if exists c cascade");
        assertThat(drop.ifExists()).isTrue();
        assertThat(drop.cascade()).isTrue();
        assertThat(((AlterTableAction.ValidateConstraint) action("alter table t validate constraint c")).name())
                .isEqualTo("c");
    }

    @Test
    void syntaxErrorsWhereThePostgresGrammarPutsThem() {
        ParserErrorTest.assertError("alter table t foo", SqlState.SYNTAX_ERROR, "syntax error at or near \"foo\"", 15);
        ParserErrorTest.assertError("alter table t alter column", SqlState.SYNTAX_ERROR, "syntax error at end of input", 27);
        ParserErrorTest.assertError("alter table t rename a b", SqlState.SYNTAX_ERROR, "syntax error at or near \"b\"", 24);
        ParserErrorTest.assertError("alter table t rename to x, add column y int", SqlState.SYNTAX_ERROR,
                "syntax error at or near \",\"", 26);
        ParserErrorTest.assertError("alter table t drop constraint", SqlState.SYNTAX_ERROR, "syntax error at end of input", 30);
        ParserErrorTest.assertError("alter table t set schema", SqlState.SYNTAX_ERROR, "syntax error at end of input", 25);
        ParserErrorTest.assertError("alter table t owner to", SqlState.SYNTAX_ERROR, "syntax error at end of input", 23);
        ParserErrorTest.assertError("alter table only t* add a int", SqlState.SYNTAX_ERROR, "syntax error at or near \"*\"", 19);
        ParserErrorTest.assertError("alter table t add column if not exists", SqlState.SYNTAX_ERROR, "syntax error at end of input",
                39);
        ParserErrorTest.assertError("alter table t alter a type int using", SqlState.SYNTAX_ERROR, "syntax error at end of input", 37);
        ParserErrorTest.assertError("alter table t set with oids", SqlState.SYNTAX_ERROR, "syntax error at or near \"with\"", 19);
        ParserErrorTest.assertError("alter index i rename column a to b", SqlState.SYNTAX_ERROR,
                "syntax error at or near \"column\"", 22);
        ParserErrorTest.assertError("alter table t owner to none", SqlState.RESERVED_NAME, "role name \"none\" is reserved", 24);
    }

    @Test
    void actionsNotRunYetAre0A000() {
        ParserErrorTest.assertError("alter table t alter a set statistics 10", SqlState.FEATURE_NOT_SUPPORTED,
                "ALTER TABLE ... ALTER COLUMN ... SET STATISTICS is not supported yet", 23);
        ParserErrorTest.assertError("alter index i set tablespace x", SqlState.FEATURE_NOT_SUPPORTED,
                "ALTER INDEX ... SET is not supported yet", 15);
        ParserErrorTest.assertError("alter table all in tablespace a set tablespace b", SqlState.FEATURE_NOT_SUPPORTED,
                "\"ALTER TABLE ALL IN TABLESPACE\" is not supported yet", 1);
    }
}
