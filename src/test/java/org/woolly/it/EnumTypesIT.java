package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.rows;
import static org.woolly.it.WoollyServerExtension.errorOf;

import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.ServerErrorMessage;

/**
 * Enum types as a client sees them: CREATE TYPE ... AS ENUM, values in tables ordered by their
 * labels' sort order (also after ADD VALUE BEFORE/AFTER), 22P02 for an unknown label, RENAME
 * VALUE, B-tree indexes, min/max and enum_first/enum_last, the pg_type/pg_enum rows, and DROP
 * TYPE with its dependency error (2BP01). Expected texts were checked against PostgreSQL 15.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EnumTypesIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    @Test
    void valuesCompareAndSortByLabelOrder() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')");
        execute(c, "CREATE TABLE person (name text, current_mood mood)");
        execute(c, "INSERT INTO person VALUES ('Moe', 'happy'), ('Larry', 'sad'), ('Curly', 'ok')");
        assertThat(rows(c, "SELECT name FROM person WHERE current_mood > 'sad' ORDER BY current_mood"))
                .containsExactly("Curly", "Moe");
        assertThat(rows(c, "SELECT current_mood, pg_typeof(current_mood) FROM person ORDER BY current_mood DESC"))
                .containsExactly("happy|mood", "ok|mood", "sad|mood");
        ServerErrorMessage invalid = errorOf(c, "INSERT INTO person VALUES ('x', 'angry')");
        assertThat(invalid.getSQLState()).isEqualTo("22P02");
        assertThat(invalid.getMessage()).isEqualTo("invalid input value for enum mood: \"angry\"");

        execute(c, "ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok'");
        execute(c, "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh'");
        execute(c, "ALTER TYPE mood ADD VALUE 'ecstatic' AFTER 'happy'");
        execute(c, "INSERT INTO person VALUES ('Shemp', 'meh'), ('Joe', 'ecstatic')");
        assertThat(rows(c, "SELECT name FROM person ORDER BY current_mood")).containsExactly("Larry", "Shemp", "Curly",
                "Moe", "Joe");
        assertThat(rows(c, "SELECT min(current_mood), max(current_mood), enum_first(NULL::mood), "
                + "enum_last(NULL::mood) FROM person")).containsExactly("sad|ecstatic|sad|ecstatic");
        assertThat(rows(c, "SELECT enumlabel, enumsortorder FROM pg_enum WHERE enumtypid = 'mood'::regtype "
                + "ORDER BY enumsortorder")).containsExactly("sad|1", "meh|1.5", "ok|2", "happy|3", "ecstatic|4");

        execute(c, "ALTER TYPE mood RENAME VALUE 'ok' TO 'fine'");
        assertThat(rows(c, "SELECT current_mood::text, count(*) FROM person GROUP BY current_mood ORDER BY 1"))
                .containsExactly("ecstatic|1", "fine|1", "happy|1", "meh|1", "sad|1");
        ServerErrorMessage duplicate = errorOf(c, "ALTER TYPE mood ADD VALUE 'sad'");
        assertThat(duplicate.getSQLState()).isEqualTo("42710");
        assertThat(duplicate.getMessage()).isEqualTo("enum label \"sad\" already exists");
        ServerErrorMessage missing = errorOf(c, "ALTER TYPE mood ADD VALUE 'x' BEFORE 'nope'");
        assertThat(missing.getSQLState()).isEqualTo("22023");
        assertThat(missing.getMessage()).isEqualTo("\"nope\" is not an existing enum label");
    }

    @Test
    void functionsOverAnyenumTakeTheEnumAndErrorsNameIt() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TYPE weather AS ENUM ('rain', 'sun')");
        assertThat(rows(c, "SELECT enum_out('sun'::weather), enum_send('rain'::weather), "
                + "pg_typeof(enum_last(NULL::weather))")).containsExactly("sun|\\x7261696e|weather");
        ServerErrorMessage noFunction = errorOf(c, "SELECT enum_out('sun'::weather, 1)");
        assertThat(noFunction.getSQLState()).isEqualTo("42883");
        assertThat(noFunction.getMessage()).isEqualTo("function enum_out(weather, integer) does not exist");
        ServerErrorMessage noOperator = errorOf(c, "SELECT 'sun'::weather + 1");
        assertThat(noOperator.getSQLState()).isEqualTo("42883");
        assertThat(noOperator.getMessage()).isEqualTo("operator does not exist: weather + integer");
    }

    @Test
    void enumColumnsCanBeIndexedAndTheTypeDroppedWithCascade() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TYPE rainbow AS ENUM ('red', 'orange', 'yellow')");
        execute(c, "CREATE TABLE paint (c rainbow PRIMARY KEY, n int)");
        execute(c, "INSERT INTO paint VALUES ('yellow', 1), ('red', 2), ('orange', 3)");
        assertThat(rows(c, "SELECT n FROM paint WHERE c = 'orange'")).containsExactly("3");
        assertThat(rows(c, "SELECT c FROM paint WHERE c IN ('red', 'yellow') ORDER BY c")).containsExactly("red",
                "yellow");
        ServerErrorMessage unique = errorOf(c, "INSERT INTO paint VALUES ('red', 4)");
        assertThat(unique.getSQLState()).isEqualTo("23505");
        assertThat(rows(c, "SELECT typname, typtype, typcategory, typlen FROM pg_type "
                + "WHERE typname IN ('rainbow', '_rainbow') ORDER BY 1")).containsExactly("_rainbow|b|A|-1",
                "rainbow|e|E|4");

        ServerErrorMessage dependent = errorOf(c, "DROP TYPE rainbow");
        assertThat(dependent.getSQLState()).isEqualTo("2BP01");
        assertThat(dependent.getMessage()).isEqualTo("cannot drop type rainbow because other objects depend on it");
        assertThat(dependent.getDetail()).isEqualTo("column c of table paint depends on type rainbow");
        execute(c, "DROP TYPE rainbow CASCADE");
        assertThat(rows(c, "SELECT n FROM paint ORDER BY n")).containsExactly("1", "2", "3");
        assertThat(rows(c, "SELECT count(*) FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid "
                + "WHERE t.typname = 'rainbow'")).containsExactly("0");
        ServerErrorMessage gone = errorOf(c, "DROP TYPE rainbow");
        assertThat(gone.getSQLState()).isEqualTo("42704");
        assertThat(gone.getMessage()).isEqualTo("type \"rainbow\" does not exist");
        ServerErrorMessage rowType = errorOf(c, "DROP TYPE paint");
        assertThat(rowType.getSQLState()).isEqualTo("2BP01");
        assertThat(rowType.getMessage()).isEqualTo("cannot drop type paint because table paint requires it");
    }

    @Test
    void renamedAndMovedTypesKeepTheirValues() throws Exception {
        Connection c = sessions.connect();
        execute(c, "CREATE TYPE size AS ENUM ('s', 'm', 'l')");
        execute(c, "CREATE TABLE shirts (sz size)");
        execute(c, "INSERT INTO shirts VALUES ('l'), ('s')");
        execute(c, "ALTER TYPE size RENAME TO shirt_size");
        execute(c, "CREATE SCHEMA clothing");
        execute(c, "ALTER TYPE shirt_size SET SCHEMA clothing");
        assertThat(rows(c, "SELECT sz, format_type(atttypid, -1) FROM shirts, pg_attribute "
                + "WHERE attrelid = 'shirts'::regclass AND attname = 'sz' ORDER BY sz"))
                .containsExactly("s|clothing.shirt_size", "l|clothing.shirt_size");
        assertThat(rows(c, "SELECT 'm'::clothing.shirt_size::text")).containsExactly("m");
    }
}
