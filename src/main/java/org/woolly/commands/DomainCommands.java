package org.woolly.commands;

import org.woolly.access.heap.HeapAccess;
import org.woolly.access.heap.HeapScan;
import org.woolly.access.heap.HeapTuple;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.CatalogOids;
import org.woolly.catalog.DomainInfo;
import org.woolly.catalog.ObjectNames;
import org.woolly.catalog.RelationInfo;
import org.woolly.catalog.TypeInfo;
import org.woolly.executor.ExecutorContext;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.TypeCommand;
import org.woolly.nodes.parse.TypeCommand.DomainConstraint;
import org.woolly.nodes.parse.TypeName;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.TypeModifiers;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * CREATE DOMAIN and ALTER DOMAIN ({@code DefineDomain}, {@code AlterDomainDefault},
 * {@code AlterDomainNotNull}, {@code AlterDomainAddConstraint}, {@code AlterDomainDropConstraint},
 * {@code AlterDomainValidateConstraint} in {@code typecmds.c}). Changes that tighten a domain
 * check the values already stored in the columns declared with it ({@code validateDomainConstraint}).
 */
final class DomainCommands {
    private DomainCommands() {}

    static void create(CommandContext context, TypeCommand.CreateDomain create) {
        TypeName typeName = create.baseType();
        int baseOid;
        int typmod;
        // PostgreSQL reports these without a position (typenameType of DefineDomain has no ParseState)
        baseOid = context.catalog().lookupValueTypeOid(context.transaction(), typeName.schema(), typeName.name());
        typmod = TypeModifiers.typmodIn(baseOid, typeName.name(), typeName.modifiers(),
                warning -> context.notices().notice(warning));
        if (typeName.arrayBounds() > 0) {
            int arrayOid = BuiltinTypes.arrayTypeOf(baseOid);
            if (arrayOid == 0) {
                throw TableCommands.at(SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                        "arrays of type %s are not supported yet", typeName.name()), typeName.location());
            }
            baseOid = arrayOid;
        }
        TypeInfo base = context.catalog().typeByOid(context.transaction(), baseOid).orElseThrow();
        if (base.typtype() == 'p' || base.typtype() == 'c') {
            throw TableCommands.at(SqlException.of(SqlState.DATATYPE_MISMATCH,
                    "\"%s\" is not a valid base type for a domain", typeName.name()), typeName.location());
        }
        Boolean notNull = null;
        for (DomainConstraint constraint : create.constraints()) {
            if (constraint.kind() == DomainConstraint.Kind.CHECK) {
                continue;
            }
            boolean wanted = constraint.kind() == DomainConstraint.Kind.NOT_NULL;
            if (notNull != null && notNull != wanted) {
                throw SqlException.of(SqlState.SYNTAX_ERROR, "conflicting NULL/NOT NULL constraints");
            }
            notNull = wanted;
        }
        String defaultText = defaultText(context, create.defaultValue(), baseOid, typmod);
        int owner = context.user() == null ? CatalogOids.BOOTSTRAP_SUPERUSER : context.user().oid();
        int domainOid = context.catalog().createDomain(context.transaction(), create.name().schema(),
                create.name().name(), baseOid, typmod, Boolean.TRUE.equals(notNull), defaultText, owner);
        DomainInfo domain = context.catalog().domain(context.transaction(), domainOid).orElseThrow();
        for (DomainConstraint constraint : create.constraints()) {
            if (constraint.kind() == DomainConstraint.Kind.CHECK) {
                addCheck(context, domain, constraint, false);
                domain = context.catalog().domain(context.transaction(), domainOid).orElseThrow();
            }
        }
    }

    static void alter(CommandContext context, TypeCommand.AlterDomain alter) {
        DomainInfo domain = domain(context, alter.domain());
        switch (alter.action()) {
            case SET_DEFAULT -> context.catalog().setDomainDefault(context.transaction(), domain.oid(),
                    defaultText(context, alter.defaultValue(), domain.baseTypeOid(), domain.baseTypmod()));
            case DROP_DEFAULT -> context.catalog().setDomainDefault(context.transaction(), domain.oid(), null);
            case SET_NOT_NULL -> {
                if (!domain.notNull()) {
                    checkStoredValues(context, domain, null, "column \"%s\" of table \"%s\" contains null values",
                            SqlState.NOT_NULL_VIOLATION);
                    context.catalog().setDomainNotNull(context.transaction(), domain.oid(), true);
                }
            }
            case DROP_NOT_NULL -> context.catalog().setDomainNotNull(context.transaction(), domain.oid(), false);
            case ADD_CONSTRAINT -> {
                if (alter.constraint().kind() != DomainConstraint.Kind.CHECK) {
                    throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                            "use ALTER DOMAIN ... SET NOT NULL instead");
                }
                addCheck(context, domain, alter.constraint(), true);
            }
            case DROP_CONSTRAINT -> {
                DomainInfo.Check check = domain.check(alter.constraintName());
                if (check == null) {
                    if (!alter.ifExists()) {
                        throw SqlException.of(SqlState.UNDEFINED_OBJECT,
                                "constraint \"%s\" of domain \"%s\" does not exist", alter.constraintName(),
                                domain.name());
                    }
                    context.notices().notice(new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                            "constraint \"%s\" of domain \"%s\" does not exist, skipping".formatted(
                                    alter.constraintName(), domain.name()), null, null, 0, null));
                } else {
                    context.catalog().dropDomainCheck(context.transaction(), domain.oid(), check.oid());
                }
            }
            case VALIDATE_CONSTRAINT -> {
                DomainInfo.Check check = domain.check(alter.constraintName());
                if (check == null) {
                    throw SqlException.of(SqlState.UNDEFINED_OBJECT,
                            "constraint \"%s\" of domain \"%s\" does not exist", alter.constraintName(),
                            domain.name());
                }
                if (!check.validated()) {
                    QueryExpr analyzed = context.analyzer().storedDomainCheck(domain, check.expression(),
                            context.transaction(), context.formatSettings());
                    checkStoredValues(context, domain, analyzed,
                            "column \"%s\" of table \"%s\" contains values that violate the new constraint",
                            SqlState.CHECK_VIOLATION);
                    context.catalog().validateDomainCheck(context.transaction(), domain.oid(), check.oid());
                }
            }
        }
    }

    /** ALTER DOMAIN ... RENAME TO / SET SCHEMA / OWNER TO: as ALTER TYPE, on a domain only. */
    static void rename(CommandContext context, TypeCommand.AlterType change) {
        domain(context, change.type());
        TypeCommands.alterType(context, change);
    }

    private static void addCheck(CommandContext context, DomainInfo domain, DomainConstraint constraint,
                                 boolean checkRows) {
        QueryExpr analyzed;
        try {
            analyzed = context.analyzer().analyzeDomainCheck(domain, constraint.check(), context.transaction(),
                    context.formatSettings());
        } catch (SqlException error) {
            throw error.withPosition(0); // domainAddConstraint's ParseState has no query text to point into
        }
        String name = constraint.name();
        if (name != null) {
            if (domain.check(name) != null) {
                throw SqlException.of(SqlState.DUPLICATE_OBJECT, "constraint \"%s\" for domain \"%s\" already exists",
                        name, domain.name());
            }
        } else {
            name = ObjectNames.checkName(domain.name(), null, candidate -> context.catalog().constraintNameExists(
                    context.transaction(), domain.namespaceOid(), candidate));
        }
        if (checkRows && !constraint.notValid()) {
            checkStoredValues(context, domain, analyzed,
                    "column \"%s\" of table \"%s\" contains values that violate the new constraint",
                    SqlState.CHECK_VIOLATION);
        }
        context.catalog().addDomainCheck(context.transaction(), domain.oid(), domain.namespaceOid(), name,
                valueText(SqlText.of(constraint.check())), !constraint.notValid());
    }

    /**
     * Fails when a column declared with the domain holds a value the check is false for, or
     * (check null) a null value.
     */
    private static void checkStoredValues(CommandContext context, DomainInfo domain, QueryExpr check, String message,
                                          SqlState state) {
        TypeInfo type = context.catalog().typeByOid(context.transaction(), domain.oid()).orElseThrow();
        HeapAccess heap = HeapAccess.of(context.storage());
        var info = new ExecutorContext.SessionInfo(null, null, null, () -> null, 0, context.formatSettings(), 0);
        ExecutorContext executor = new ExecutorContext(context.types(), heap, context.transaction(),
                context.transaction().takeSnapshot(), null, info, null, 0);
        for (int[] column : context.catalog().columnsOfType(context.transaction(), type)) {
            RelationInfo table = context.catalog().relationByOid(context.transaction(), column[0]);
            AttributeInfo attribute = table.attributeByNumber(column[1]);
            if (table.kind() != 'r' || attribute.domainOid() != domain.oid()) {
                continue;
            }
            int position = table.attributes().indexOf(attribute);
            HeapScan scan = heap.beginScan(table.locator(), executor.snapshot());
            try {
                HeapTuple tuple;
                while ((tuple = scan.next()) != null) {
                    Object value = table.decode(tuple.body())[position];
                    boolean fails = check == null ? value == null
                            : Boolean.FALSE.equals(executor.evaluateOnValue(check, value));
                    if (fails) {
                        throw SqlException.of(state, message, attribute.name(), table.name());
                    }
                }
            } finally {
                scan.close();
            }
        }
    }

    private static String defaultText(CommandContext context, Expr value, int baseOid, int typmod) {
        if (value == null || AlterTableCommands.isNullConstant(value)) {
            return null;
        }
        context.analyzer().validateDefault(value, baseOid, typmod, "value", context.transaction(),
                context.formatSettings());
        return SqlText.ofDefault(value, baseOid, type -> context.types().formatType(type, -1));
    }

    /** The check's text with the {@code value} column written {@code VALUE}, as ruleutils.c prints CoerceToDomainValue. */
    static String valueText(String text) {
        StringBuilder out = new StringBuilder();
        char quote = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quote != 0) {
                out.append(c);
                quote = c == quote ? 0 : quote;
                i++;
            } else if (c == '\'' || c == '"') {
                quote = c;
                out.append(c);
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_'
                        || text.charAt(end) == '$')) {
                    end++;
                }
                String word = text.substring(i, end);
                out.append(word.equals("value") ? "VALUE" : word);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static DomainInfo domain(CommandContext context, QualifiedName name) {
        int oid = context.catalog().lookupTypeOid(context.transaction(), name.schema(), name.name());
        DomainInfo domain = context.catalog().domain(context.transaction(), oid).orElseThrow(() -> SqlException.of(
                SqlState.WRONG_OBJECT_TYPE, "%s is not a domain", typeName(context, oid)));
        TypeCommands.userType(context, name);
        return domain;
    }

    private static String typeName(CommandContext context, int typeOid) {
        return TypeCommands.typeName(context, typeOid);
    }
}
