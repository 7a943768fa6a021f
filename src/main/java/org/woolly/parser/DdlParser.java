package org.woolly.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.woolly.nodes.parse.ColumnDef;
import org.woolly.nodes.parse.CommonTableExpr;
import org.woolly.nodes.parse.DefElem;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.parse.PartitionBoundSpec;
import org.woolly.nodes.parse.PartitionSpec;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.ResTarget;
import org.woolly.nodes.parse.SelectStmt;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.parse.TableConstraint;
import org.woolly.utils.error.SqlException;

/**
 * CREATE TABLE, CREATE INDEX, DROP, TRUNCATE and REINDEX, and the leading keywords of the DDL
 * Woolly does not run yet (answered with 0A000 naming the command). Counterpart of the
 * {@code CreateStmt}, {@code IndexStmt}, {@code DropStmt}, {@code TruncateStmt} and
 * {@code ReindexStmt} rules of {@code src/backend/parser/gram.y}.
 */
final class DdlParser {
    /** Words that may follow CREATE, ALTER or DROP in some PostgreSQL 15 command. */
    private static final Set<String> OBJECT_WORDS = Set.of(
            "table", "index", "view", "sequence", "schema", "database", "role", "user", "group", "function",
            "procedure", "aggregate", "type", "domain", "extension", "trigger", "rule", "tablespace", "collation",
            "conversion", "cast", "operator", "policy", "publication", "subscription", "server", "statistics",
            "materialized", "foreign", "text", "event", "language", "access", "default", "system", "large",
            "transform", "unique", "or", "temp", "temporary", "recursive", "trusted", "procedural", "constraint",
            "owned", "routine", "global", "local", "unlogged");
    private static final Set<String> TWO_WORD_OBJECTS = Set.of(
            "materialized", "foreign", "text", "event", "access", "default", "large", "constraint", "user");

    private final Grammar grammar;
    private final TokenCursor cursor;
    private final TableElementParser elements;

    DdlParser(Grammar grammar) {
        this.grammar = grammar;
        this.cursor = grammar.cursor;
        this.elements = new TableElementParser(grammar);
    }

    Statement create() {
        Token create = cursor.expectKeyword("create");
        int afterCreate = cursor.mark();
        if (FunctionParser.atCreateRoutine(cursor)) {
            return new FunctionParser(grammar).create(create);
        }
        if (cursor.atKeyword("extension")) {
            return ExtensionParser.create(cursor, create);
        }
        if (AggregateParser.atCreateAggregate(cursor)) {
            return new AggregateParser(grammar).create(create);
        }
        if (cursor.atKeyword("cast")) {
            return new AggregateParser(grammar).createCast(create);
        }
        if (TriggerParser.atCreateTrigger(cursor)) {
            return new TriggerParser(grammar).create(create);
        }
        if (RuleParser.atCreateRule(cursor)) {
            return new RuleParser(grammar).create(create);
        }
        if (cursor.atKeyword("or") && cursor.peek(1).isKeyword("replace") && (cursor.peek(2).isKeyword("view")
                || (cursor.peek(2).isKeyword("temp") || cursor.peek(2).isKeyword("temporary"))
                && cursor.peek(3).isKeyword("view"))) {
            cursor.advance();
            cursor.advance();
            boolean temporaryView = cursor.acceptKeyword("temp") || cursor.acceptKeyword("temporary");
            return createView(create, true, temporaryView);
        }
        if (cursor.atKeyword("or") && cursor.peek(1).isKeyword("replace") && cursor.peek(2).isKeyword("recursive")) {
            cursor.advance();
            cursor.advance();
            return createRecursiveView(create, true, false);
        }
        if (cursor.atKeyword("recursive")) {
            return createRecursiveView(create, false, false);
        }
        boolean temporary = false;
        if (cursor.acceptKeyword("global") || cursor.acceptKeyword("local")) {
            if (!cursor.atKeyword("temp") && !cursor.atKeyword("temporary")) {
                throw cursor.syntaxError();
            }
        }
        if (!cursor.at(Token.Kind.EOF) && (cursor.atKeyword("index")
                || cursor.atKeyword("unique") && cursor.peek(1).isKeyword("index"))) {
            return createIndex(create);
        }
        Token unlogged = null;
        if (cursor.acceptKeyword("temp") || cursor.acceptKeyword("temporary")) {
            temporary = true;
        } else if (cursor.atKeyword("unlogged")) {
            unlogged = cursor.peek();
            cursor.advance();
        }
        if (cursor.atKeyword("sequence")) {
            return new SequenceParser(grammar).create(create, temporary);
        }
        if (cursor.atKeyword("view")) {
            return createView(create, false, temporary);
        }
        if (temporary && cursor.atKeyword("recursive")) {
            return createRecursiveView(create, false, true);
        }
        if (!temporary && cursor.atKeyword("schema")) {
            return new AccessParser(grammar).createSchema(create);
        }
        if (!temporary && cursor.atKeyword("database")) {
            return new DatabaseParser(grammar).create(create);
        }
        if (!temporary && cursor.atKeyword("type")) {
            return new TypeParser(grammar).create(create);
        }
        if (!temporary && cursor.atKeyword("operator")) {
            return new OperatorParser(grammar).create(create);
        }
        if (!temporary && cursor.atKeyword("domain")) {
            return new DomainParser(grammar).create(create);
        }
        if (!temporary && (cursor.atKeyword("role") || cursor.atKeyword("group")
                || cursor.atKeyword("user") && !cursor.peek(1).isKeyword("mapping"))) {
            return new AccessParser(grammar).createRole(create);
        }
        if (!cursor.atKeyword("table")) {
            cursor.reset(afterCreate);
            throw unsupportedCommand(create, "create");
        }
        cursor.advance();
        boolean ifNotExists = cursor.acceptKeywords("if", "not", "exists");
        QualifiedName name = grammar.qualifiedName();
        if (cursor.atKeyword("partition")) {
            return createPartitionOf(create, name, ifNotExists, temporary, unlogged);
        }
        if (cursor.atKeyword("of")) {
            throw TokenCursor.notSupportedClause("CREATE TABLE ... " + cursor.peek().text().toUpperCase(Locale.ROOT)
                    + " is not supported yet", cursor.peek());
        }
        if (isCreateTableAs()) {
            return createTableAs(create, name, ifNotExists, temporary, unlogged);
        }
        if (isBareNameList()) {
            // Only CREATE TABLE ... (names) AS may list columns without types: PostgreSQL
            // complains at whatever follows the list.
            grammar.parenthesizedNameList();
            throw cursor.syntaxError();
        }
        List<ColumnDef> columns = new ArrayList<>();
        List<TableConstraint> constraints = new ArrayList<>();
        cursor.expect(Token.Kind.LEFT_PAREN);
        if (!cursor.at(Token.Kind.RIGHT_PAREN)) {
            do {
                elements.tableElement(columns, constraints);
            } while (cursor.accept(Token.Kind.COMMA));
        }
        cursor.expect(Token.Kind.RIGHT_PAREN);
        List<QualifiedName> inherits = new ArrayList<>();
        if (cursor.acceptKeyword("inherits")) {
            cursor.expect(Token.Kind.LEFT_PAREN);
            do {
                inherits.add(grammar.qualifiedName());
            } while (cursor.accept(Token.Kind.COMMA));
            cursor.expect(Token.Kind.RIGHT_PAREN);
        }
        PartitionSpec partitionBy = new PartitionParser(grammar).partitionBy();
        List<DefElem> options = withUnlogged(tableOptions(), unlogged);
        return new Statement.CreateTable(name, List.copyOf(columns), List.copyOf(constraints), ifNotExists, temporary,
                options, create.start(), List.copyOf(inherits), partitionBy, null);
    }

    /**
     * {@code CREATE TABLE name PARTITION OF parent [(constraints)] FOR VALUES ... | DEFAULT
     * [PARTITION BY ...] [WITH (options)]}.
     */
    private Statement createPartitionOf(Token create, QualifiedName name, boolean ifNotExists, boolean temporary,
                                        Token unlogged) {
        PartitionParser partitions = new PartitionParser(grammar);
        cursor.advance();
        cursor.expectKeyword("of");
        QualifiedName parent = grammar.qualifiedName();
        List<ColumnDef> columns = new ArrayList<>();
        List<TableConstraint> constraints = new ArrayList<>();
        if (cursor.accept(Token.Kind.LEFT_PAREN)) {
            do {
                elements.tableElement(columns, constraints);
            } while (cursor.accept(Token.Kind.COMMA));
            cursor.expect(Token.Kind.RIGHT_PAREN);
        }
        PartitionBoundSpec bound = partitions.bound();
        PartitionSpec partitionBy = partitions.partitionBy();
        List<DefElem> options = withUnlogged(tableOptions(), unlogged);
        return new Statement.CreateTable(name, List.copyOf(columns), List.copyOf(constraints), ifNotExists, temporary,
                options, create.start(), List.of(parent), partitionBy, bound);
    }

    /** Adds {@code UNLOGGED} to a table's options when the statement said it ({@link DefElem#UNLOGGED}). */
    private static List<DefElem> withUnlogged(List<DefElem> options, Token unlogged) {
        if (unlogged == null) {
            return options;
        }
        List<DefElem> all = new ArrayList<>(options);
        all.add(new DefElem(DefElem.UNLOGGED, "true", unlogged.start()));
        return List.copyOf(all);
    }

    /** After CREATE: {@code [UNIQUE] INDEX ...} ({@code IndexStmt} in gram.y). */
    private Statement createIndex(Token create) {
        boolean unique = cursor.acceptKeyword("unique");
        cursor.expectKeyword("index");
        boolean concurrently = cursor.acceptKeyword("concurrently");
        boolean ifNotExists = false;
        String name = null;
        if (cursor.acceptKeywords("if", "not", "exists")) {
            ifNotExists = true;
            name = grammar.columnId();
        } else if (!cursor.atKeyword("on")) {
            name = grammar.columnId();
        }
        cursor.expectKeyword("on");
        boolean only = cursor.acceptKeyword("only");
        QualifiedName table = grammar.qualifiedName();
        String method = null;
        if (cursor.acceptKeyword("using")) {
            method = grammar.columnId();
        }
        cursor.expect(Token.Kind.LEFT_PAREN);
        List<Statement.IndexElement> keys = new ArrayList<>();
        do {
            keys.add(indexElement());
        } while (cursor.accept(Token.Kind.COMMA));
        cursor.expect(Token.Kind.RIGHT_PAREN);
        List<Statement.IndexElement> include = new ArrayList<>();
        if (cursor.acceptKeyword("include")) {
            cursor.expect(Token.Kind.LEFT_PAREN);
            do {
                Token column = cursor.peek();
                include.add(new Statement.IndexElement(grammar.columnId(), null, false, null, column.start()));
            } while (cursor.accept(Token.Kind.COMMA));
            cursor.expect(Token.Kind.RIGHT_PAREN);
        }
        boolean nullsNotDistinct = false;
        if (cursor.atKeyword("nulls")) {
            cursor.advance();
            nullsNotDistinct = cursor.acceptKeyword("not");
            cursor.expectKeyword("distinct");
        }
        List<DefElem> options = List.of();
        if (cursor.atKeyword("with") && cursor.peek(1).is(Token.Kind.LEFT_PAREN)) {
            cursor.advance();
            options = definitionList();
        }
        if (cursor.atKeyword("tablespace")) {
            throw TokenCursor.notSupportedClause("TABLESPACE is not supported yet", cursor.peek());
        }
        Expr where = null;
        if (cursor.acceptKeyword("where")) {
            where = grammar.expressions.expression(ExpressionParser.LOWEST);
        }
        return new Statement.CreateIndex(name, table, unique, concurrently, ifNotExists, method, List.copyOf(keys),
                List.copyOf(include), nullsNotDistinct, where, options, create.start(), only);
    }

    /** {@code column | (expression) | function(...)} [COLLATE] [opclass] [ASC|DESC] [NULLS FIRST|LAST]. */
    private Statement.IndexElement indexElement() {
        Token start = cursor.peek();
        String column = null;
        Expr expression = null;
        if (cursor.at(Token.Kind.LEFT_PAREN)) {
            cursor.advance();
            expression = grammar.expressions.expression(ExpressionParser.LOWEST);
            cursor.expect(Token.Kind.RIGHT_PAREN);
        } else if (cursor.peek(1).is(Token.Kind.LEFT_PAREN)) {
            expression = grammar.expressions.expression(ExpressionParser.B_EXPRESSION);
        } else {
            column = grammar.columnId();
        }
        if (cursor.atKeyword("collate")) {
            throw TokenCursor.notSupportedClause("COLLATE in an index is not supported yet", cursor.peek());
        }
        QualifiedName opclass = null;
        boolean opclassOptions = false;
        if (cursor.peek().is(Token.Kind.IDENT) && !cursor.atKeyword("asc") && !cursor.atKeyword("desc")
                && !cursor.atKeyword("nulls")) {
            opclass = grammar.qualifiedName();
            if (cursor.at(Token.Kind.LEFT_PAREN)) {
                // opclass parameters (reloptions): no btree class takes any; the command says so
                opclassOptions = true;
                int depth = 0;
                do {
                    Token token = cursor.advance();
                    if (token.is(Token.Kind.EOF)) {
                        throw cursor.syntaxError();
                    }
                    depth += token.is(Token.Kind.LEFT_PAREN) ? 1 : token.is(Token.Kind.RIGHT_PAREN) ? -1 : 0;
                } while (depth > 0);
            }
        }
        boolean descending = false;
        if (cursor.acceptKeyword("desc")) {
            descending = true;
        } else {
            cursor.acceptKeyword("asc");
        }
        Boolean nullsFirst = null;
        if (cursor.acceptKeyword("nulls")) {
            if (cursor.acceptKeyword("first")) {
                nullsFirst = true;
            } else {
                cursor.expectKeyword("last");
                nullsFirst = false;
            }
        }
        return new Statement.IndexElement(column, expression, descending, nullsFirst, start.start(), opclass,
                opclassOptions);
    }

    /** {@code COMMENT ON {TABLE | INDEX | SEQUENCE | VIEW | COLUMN | SCHEMA} name IS {'text' | NULL}}. */
    Statement comment() {
        Token comment = cursor.expectKeyword("comment");
        cursor.expectKeyword("on");
        Token kind = cursor.advance();
        String objectType = kind.text();
        if (!List.of("table", "index", "sequence", "view", "column", "schema").contains(objectType) || kind.quoted()) {
            throw TokenCursor.notSupported("comment on " + objectType, comment);
        }
        List<String> names = new ArrayList<>();
        names.add(grammar.columnId());
        while (cursor.at(Token.Kind.DOT)) {
            cursor.advance();
            names.add(grammar.columnLabel());
        }
        cursor.expectKeyword("is");
        String text = null;
        if (!cursor.acceptKeyword("null")) {
            text = cursor.expect(Token.Kind.STRING).text();
        }
        return new Statement.Comment(objectType, List.copyOf(names), text, comment.start());
    }

    /** {@code REINDEX [(options)] {INDEX | TABLE} [CONCURRENTLY] name}. */
    Statement reindex() {
        Token reindex = cursor.expectKeyword("reindex");
        Token kind = cursor.advance();
        Statement.ObjectKind objectKind;
        if (kind.isKeyword("index")) {
            objectKind = Statement.ObjectKind.INDEX;
        } else if (kind.isKeyword("table")) {
            objectKind = Statement.ObjectKind.TABLE;
        } else if (kind.isKeyword("schema") || kind.isKeyword("database") || kind.isKeyword("system")) {
            throw TokenCursor.notSupported("reindex " + kind.text(), reindex);
        } else {
            throw cursor.syntaxErrorAt(kind);
        }
        cursor.acceptKeyword("concurrently");
        QualifiedName name = grammar.qualifiedName();
        return new Statement.Reindex(objectKind, name, reindex.start());
    }

    /** After the table name of CREATE TABLE AS: {@code [(names)] [WITH (...)] AS query [WITH [NO] DATA]}. */
    private Statement createTableAs(Token create, QualifiedName name, boolean ifNotExists, boolean temporary,
                                   Token unlogged) {
        List<String> columnNames = cursor.at(Token.Kind.LEFT_PAREN) ? grammar.parenthesizedNameList() : List.of();
        List<DefElem> options = withUnlogged(tableOptions(), unlogged);
        cursor.expectKeyword("as");
        Statement.Execute execute = null;
        SelectStmt query = null;
        if (cursor.atKeyword("execute")) {
            execute = (Statement.Execute) grammar.utility.execute();
        } else {
            query = grammar.selects.selectStatement();
        }
        boolean withData = true;
        if (cursor.atKeyword("with")) {
            cursor.advance();
            withData = !cursor.acceptKeyword("no");
            cursor.expectKeyword("data");
        }
        return new Statement.CreateTableAs(name, columnNames, query, ifNotExists, temporary, options, withData, false,
                create.start(), execute);
    }

    /** {@code VIEW name [(columns)] AS query [WITH [CASCADED | LOCAL] CHECK OPTION]} ({@code ViewStmt}). */
    private Statement createView(Token create, boolean replace, boolean temporary) {
        cursor.expectKeyword("view");
        QualifiedName name = grammar.qualifiedName();
        List<String> columnNames = cursor.at(Token.Kind.LEFT_PAREN) ? grammar.parenthesizedNameList() : List.of();
        if (cursor.atKeyword("with")) {
            throw TokenCursor.notSupportedClause("CREATE VIEW ... WITH (options) is not supported yet", cursor.peek());
        }
        cursor.expectKeyword("as");
        SelectStmt query = grammar.selects.selectStatement();
        String checkOption = null;
        if (cursor.acceptKeyword("with")) {
            checkOption = cursor.acceptKeyword("local") ? "local" : "cascaded";
            cursor.acceptKeyword("cascaded");
            cursor.expectKeyword("check");
            cursor.expectKeyword("option");
        }
        return new Statement.CreateView(name, columnNames, query, replace, checkOption, create.start(), temporary);
    }

    /**
     * {@code RECURSIVE VIEW name (columns) AS query}: the view of {@code WITH RECURSIVE name
     * (columns) AS (query) SELECT columns FROM name}, as PostgreSQL's grammar builds it
     * ({@code makeRecursiveViewSelect}); the column list is required.
     */
    private Statement createRecursiveView(Token create, boolean replace, boolean temporary) {
        cursor.expectKeyword("recursive");
        cursor.expectKeyword("view");
        QualifiedName name = grammar.qualifiedName();
        if (!cursor.at(Token.Kind.LEFT_PAREN)) {
            throw cursor.syntaxError();
        }
        List<String> columnNames = grammar.parenthesizedNameList();
        if (cursor.atKeyword("with")) {
            throw TokenCursor.notSupportedClause("CREATE VIEW ... WITH (options) is not supported yet", cursor.peek());
        }
        cursor.expectKeyword("as");
        SelectStmt query = grammar.selects.selectStatement();
        int at = name.location();
        List<ResTarget> targets = new ArrayList<>();
        for (String column : columnNames) {
            targets.add(new ResTarget(new Expr.ColumnRef(List.of(column), at), null, at));
        }
        CommonTableExpr cte = new CommonTableExpr(name.name(), columnNames, new Statement.Select(query), null, true, at);
        SelectStmt wrapped = new SelectStmt(targets, false, null,
                List.of(new FromItem.Table(new QualifiedName(null, name.name(), at), null, at)), null, List.of(), null,
                null, null, false, null, null, List.of(), null, null, List.of(), List.of(cte), at);
        return new Statement.CreateView(name, columnNames, wrapped, replace, null, create.start(), temporary);
    }

    /** After the table name: {@code AS ...} or {@code (names) AS ...} (CREATE TABLE AS). */
    private boolean isCreateTableAs() {
        // an ordinary CREATE TABLE has its column list right after the name; WITH, WITHOUT OIDS
        // and ON COMMIT there belong to CREATE TABLE AS
        if (cursor.atKeyword("as") || cursor.atKeyword("with") || cursor.atKeyword("without")
                || cursor.atKeyword("on")) {
            return true;
        }
        if (!cursor.at(Token.Kind.LEFT_PAREN)) {
            return false;
        }
        int depth = 0;
        for (int ahead = 0; ; ahead++) {
            Token token = cursor.peek(ahead);
            if (token.is(Token.Kind.EOF)) {
                return false;
            }
            if (token.is(Token.Kind.LEFT_PAREN)) {
                depth++;
            } else if (token.is(Token.Kind.RIGHT_PAREN) && --depth == 0) {
                return cursor.peek(ahead + 1).isKeyword("as");
            }
        }
    }

    /** {@code (a, b)}: column names with no types. */
    private boolean isBareNameList() {
        if (!cursor.at(Token.Kind.LEFT_PAREN)) {
            return false;
        }
        for (int ahead = 1; ; ahead += 2) {
            if (!Keywords.isColumnId(cursor.peek(ahead))) {
                return false;
            }
            Token after = cursor.peek(ahead + 1);
            if (after.is(Token.Kind.RIGHT_PAREN)) {
                return true;
            }
            if (!after.is(Token.Kind.COMMA)) {
                return false;
            }
        }
    }

    private List<DefElem> tableOptions() {
        List<DefElem> options = List.of();
        while (true) {
            Token token = cursor.peek();
            if (token.isKeyword("with") && cursor.peek(1).is(Token.Kind.LEFT_PAREN)) {
                cursor.advance();
                options = definitionList();
            } else if (token.isKeyword("without")) {
                cursor.advance();
                cursor.expectKeyword("oids");
            } else if (token.isKeyword("on") && cursor.peek(1).isKeyword("commit")) {
                cursor.advance();
                cursor.advance();
                String action;
                if (cursor.acceptKeyword("drop")) {
                    action = "drop";
                } else if (cursor.acceptKeywords("delete", "rows")) {
                    action = "delete";
                } else {
                    cursor.expectKeyword("preserve");
                    cursor.expectKeyword("rows");
                    action = "preserve";
                }
                options = new ArrayList<>(options);
                options.add(new DefElem(DefElem.ON_COMMIT, action, token.start()));
                options = List.copyOf(options);
            } else if (token.isKeyword("partition") || token.isKeyword("using")
                    || token.isKeyword("tablespace")) {
                throw TokenCursor.notSupportedClause("CREATE TABLE ... " + token.text().toUpperCase(Locale.ROOT)
                        + " is not supported yet", token);
            } else {
                return options;
            }
        }
    }

    /** {@code (name [= value], ...)}. */
    List<DefElem> definitionList() {
        cursor.expect(Token.Kind.LEFT_PAREN);
        List<DefElem> list = new ArrayList<>();
        do {
            Token start = cursor.peek();
            String name = grammar.columnLabel();
            while (cursor.accept(Token.Kind.DOT)) {
                name = name + "." + grammar.columnLabel();
            }
            String value = null;
            if (cursor.acceptOperator("=")) {
                value = optionValue();
            }
            list.add(new DefElem(name, value, start.start()));
        } while (cursor.accept(Token.Kind.COMMA));
        cursor.expect(Token.Kind.RIGHT_PAREN);
        return List.copyOf(list);
    }

    /** One option value: a word, a string, or a possibly signed number, as its text. */
    String optionValue() {
        Token token = cursor.peek();
        String sign = "";
        if (token.isOperator("-") || token.isOperator("+")) {
            cursor.advance();
            sign = token.text().equals("-") ? "-" : "";
            token = cursor.peek();
            if (!token.is(Token.Kind.INTEGER) && !token.is(Token.Kind.NUMERIC)) {
                throw cursor.syntaxError();
            }
        }
        switch (token.kind()) {
            case IDENT, STRING, INTEGER, NUMERIC -> {
                cursor.advance();
                return sign + token.text();
            }
            default -> throw cursor.syntaxError();
        }
    }

    Statement drop() {
        Token drop = cursor.expectKeyword("drop");
        Token kindToken = cursor.peek();
        if (kindToken.isKeyword("function") || kindToken.isKeyword("procedure") || kindToken.isKeyword("routine")) {
            return new FunctionParser(grammar).drop(drop);
        }
        if (kindToken.isKeyword("trigger")) {
            return new TriggerParser(grammar).drop();
        }
        if (kindToken.isKeyword("operator")) {
            return new OperatorParser(grammar).drop(drop);
        }
        if (kindToken.isKeyword("rule")) {
            return new RuleParser(grammar).drop();
        }
        if (kindToken.isKeyword("aggregate")) {
            return new AggregateParser(grammar).drop(drop);
        }
        if (kindToken.isKeyword("cast")) {
            return new AggregateParser(grammar).dropCast(drop);
        }
        Statement.ObjectKind kind;
        boolean qualified = true;
        switch (kindToken.isKeyword(kindToken.text()) ? kindToken.text() : "") {
            case "table" -> kind = Statement.ObjectKind.TABLE;
            case "index" -> kind = Statement.ObjectKind.INDEX;
            case "sequence" -> kind = Statement.ObjectKind.SEQUENCE;
            case "view" -> kind = Statement.ObjectKind.VIEW;
            case "type" -> kind = Statement.ObjectKind.TYPE;
            case "domain" -> kind = Statement.ObjectKind.DOMAIN;
            case "schema" -> {
                kind = Statement.ObjectKind.SCHEMA;
                qualified = false;
            }
            case "database" -> {
                return new DatabaseParser(grammar).drop(drop);
            }
            case "extension" -> {
                return ExtensionParser.drop(cursor, drop);
            }
            case "role", "user", "group" -> {
                if (cursor.peek(1).isKeyword("mapping")) {
                    throw unsupportedCommand(drop, "drop");
                }
                kind = Statement.ObjectKind.ROLE;
                qualified = false;
            }
            default -> throw unsupportedCommand(drop, "drop");
        }
        cursor.advance();
        if (kind == Statement.ObjectKind.INDEX) {
            cursor.acceptKeyword("concurrently");
        }
        boolean ifExists = cursor.acceptKeywords("if", "exists");
        List<QualifiedName> names = new ArrayList<>();
        do {
            if (qualified) {
                names.add(grammar.qualifiedName());
            } else {
                Token nameToken = cursor.peek();
                names.add(new QualifiedName(null, grammar.columnId(), nameToken.start()));
            }
        } while (cursor.accept(Token.Kind.COMMA));
        boolean cascade = dropBehavior();
        return new Statement.Drop(kind, List.copyOf(names), ifExists, cascade, drop.start());
    }

    private boolean dropBehavior() {
        if (cursor.acceptKeyword("cascade")) {
            return true;
        }
        cursor.acceptKeyword("restrict");
        return false;
    }

    /** {@code LOCK [TABLE] [ONLY] name [*], ... [IN lockmode MODE] [NOWAIT]} ({@code LockStmt}). */
    Statement lock() {
        Token lock = cursor.expectKeyword("lock");
        cursor.acceptKeyword("table");
        List<QualifiedName> names = relationList();
        String mode = "ACCESS EXCLUSIVE";
        if (cursor.acceptKeyword("in")) {
            if (cursor.acceptKeyword("access")) {
                mode = cursor.acceptKeyword("share") ? "ACCESS SHARE" : expectThen("exclusive", "ACCESS EXCLUSIVE");
            } else if (cursor.acceptKeyword("row")) {
                mode = cursor.acceptKeyword("share") ? "ROW SHARE" : expectThen("exclusive", "ROW EXCLUSIVE");
            } else if (cursor.acceptKeyword("share")) {
                if (cursor.acceptKeyword("update")) {
                    mode = expectThen("exclusive", "SHARE UPDATE EXCLUSIVE");
                } else if (cursor.acceptKeyword("row")) {
                    mode = expectThen("exclusive", "SHARE ROW EXCLUSIVE");
                } else {
                    mode = "SHARE";
                }
            } else {
                mode = expectThen("exclusive", "EXCLUSIVE");
            }
            cursor.expectKeyword("mode");
        }
        boolean nowait = cursor.acceptKeyword("nowait");
        return new Statement.LockTable(List.copyOf(names), mode, nowait, lock.start());
    }

    /** {@code [ONLY] name [*], ...} of TRUNCATE and LOCK. */
    private List<QualifiedName> relationList() {
        return relationList(new java.util.BitSet());
    }

    /** {@code [ONLY] name [*], ...}, setting in {@code only} the positions of the names written with ONLY. */
    private List<QualifiedName> relationList(java.util.BitSet only) {
        List<QualifiedName> names = new ArrayList<>();
        do {
            if (cursor.acceptKeyword("only")) {
                only.set(names.size());
            }
            names.add(grammar.qualifiedName());
            cursor.acceptOperator("*");
        } while (cursor.accept(Token.Kind.COMMA));
        return names;
    }

    private String expectThen(String keyword, String result) {
        cursor.expectKeyword(keyword);
        return result;
    }

    Statement truncate() {
        Token truncate = cursor.expectKeyword("truncate");
        cursor.acceptKeyword("table");
        java.util.BitSet only = new java.util.BitSet();
        List<QualifiedName> names = relationList(only);
        boolean restartIdentity = false;
        if (cursor.acceptKeywords("restart", "identity")) {
            restartIdentity = true;
        } else {
            cursor.acceptKeywords("continue", "identity");
        }
        boolean cascade = dropBehavior();
        return new Statement.Truncate(List.copyOf(names), only, restartIdentity, cascade, truncate.start());
    }

    /** ALTER SEQUENCE; other ALTER commands are refused by {@link #unsupported}. */
    Statement alter() {
        if (cursor.peek(1).isKeyword("function") || cursor.peek(1).isKeyword("procedure")
                || cursor.peek(1).isKeyword("routine")) {
            return new FunctionParser(grammar).alter();
        }
        if (cursor.peek(1).isKeyword("trigger")) {
            return new TriggerParser(grammar).alter();
        }
        if (cursor.peek(1).isKeyword("rule")) {
            return new RuleParser(grammar).alter();
        }
        if (cursor.peek(1).isKeyword("aggregate")) {
            return new AggregateParser(grammar).alter();
        }
        if (cursor.peek(1).isKeyword("sequence")) {
            return new SequenceParser(grammar).alter(cursor.advance());
        }
        if (cursor.peek(1).isKeyword("schema")) {
            return new AccessParser(grammar).alterSchema();
        }
        if (cursor.peek(1).isKeyword("database")) {
            return new DatabaseParser(grammar).alter();
        }
        if (cursor.peek(1).isKeyword("type")) {
            return new TypeParser(grammar).alter();
        }
        if (cursor.peek(1).isKeyword("domain")) {
            return new DomainParser(grammar).alter();
        }
        if (cursor.peek(1).isKeyword("operator")) {
            return new OperatorParser(grammar).alter();
        }
        if ((cursor.peek(1).isKeyword("role") || cursor.peek(1).isKeyword("user"))
                && !cursor.peek(2).isKeyword("mapping")) {
            return new AccessParser(grammar).alterRole();
        }
        throw unsupported();
    }

    /** 0A000 for a DDL command this parser knows by its leading keywords only. */
    SqlException unsupported() {
        Token first = cursor.peek();
        return switch (first.text()) {
            case "alter" -> {
                cursor.advance();
                yield unsupportedCommand(first, "alter");
            }
            case "security" -> TokenCursor.notSupported("security label", first);
            case "reassign" -> TokenCursor.notSupported("reassign owned", first);
            case "import" -> TokenCursor.notSupported("import foreign schema", first);
            default -> TokenCursor.notSupported(first.text(), first);
        };
    }

    /** Names the command from CREATE/ALTER/DROP and the object words after it. */
    private SqlException unsupportedCommand(Token start, String verb) {
        Token object = cursor.peek();
        if (!object.is(Token.Kind.IDENT) || object.quoted() || !OBJECT_WORDS.contains(object.text())) {
            return cursor.syntaxError();
        }
        int skip = 0;
        while (isModifier(cursor.peek(skip))) {
            skip++;
        }
        Token noun = cursor.peek(skip);
        if (!noun.is(Token.Kind.IDENT) || noun.quoted()) {
            return cursor.syntaxErrorAt(noun);
        }
        String name = verb + " " + noun.text();
        if (TWO_WORD_OBJECTS.contains(noun.text()) && cursor.peek(skip + 1).is(Token.Kind.IDENT)
                && !(noun.isKeyword("user") && !cursor.peek(skip + 1).isKeyword("mapping"))) {
            name = name + " " + cursor.peek(skip + 1).text();
        }
        return TokenCursor.notSupported(name, start);
    }

    private static boolean isModifier(Token token) {
        return token.isKeyword("or") || token.isKeyword("replace") || token.isKeyword("unique")
                || token.isKeyword("temp") || token.isKeyword("temporary") || token.isKeyword("recursive")
                || token.isKeyword("trusted") || token.isKeyword("procedural") || token.isKeyword("global")
                || token.isKeyword("local") || token.isKeyword("unlogged");
    }

    Expr defaultExpression() {
        return grammar.expressions.expression(ExpressionParser.B_EXPRESSION);
    }
}
