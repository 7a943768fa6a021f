package org.woolly.commands;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.woolly.access.sequence.SequenceAccess;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.ColumnSpec;
import org.woolly.catalog.RelationDependency;
import org.woolly.catalog.RelationInfo;
import org.woolly.nodes.parse.ColumnConstraint;
import org.woolly.nodes.parse.ColumnDef;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.parse.TypeName;
import org.woolly.parser.Parser;
import org.woolly.utils.adt.TypeModifiers;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The columns of CREATE TABLE that come with a sequence ({@code transformColumnDefinition} and
 * {@code generateSerialExtraStmts} in {@code parse_utilcmd.c}): {@code serial}, {@code bigserial}
 * and {@code smallserial} become integer columns, NOT NULL, with a default of
 * {@code nextval('t_c_seq'::regclass)} on a new sequence the column owns; identity columns
 * ({@code GENERATED ... AS IDENTITY}) get a sequence of their own and {@code attidentity}.
 * {@link #prepare} runs before the table is created (the sequences must exist for the defaults
 * to be checked), {@link #finish} after.
 */
final class SerialColumns {
    private static final int NAME_DATA_LENGTH = 63;

    /** A column whose sequence was made: 'a' for serial, 'a'/'d' identity kind in {@code identity}. */
    private record Generated(String column, RelationInfo sequence, String defaultText, char identity) {}

    private final List<ColumnDef> columns = new ArrayList<>();
    private final Map<String, Generated> generated = new HashMap<>();

    private SerialColumns() {}

    /** Creates the sequences of serial and identity columns and rewrites those columns. */
    static SerialColumns prepare(CommandContext context, SequenceAccess storage, Statement.CreateTable create) {
        SerialColumns result = new SerialColumns();
        for (ColumnDef column : create.columns()) {
            result.columns.add(result.rewrite(context, storage, create.name(), column));
        }
        return result;
    }

    List<ColumnDef> columns() {
        return columns;
    }

    /** The column as stored: a serial column's default in PostgreSQL's own spelling. */
    ColumnSpec stored(ColumnSpec spec) {
        Generated made = generated.get(spec.name());
        if (made == null || made.identity() != '\0') {
            return spec;
        }
        return new ColumnSpec(spec.name(), spec.typeOid(), spec.typeModifier(), spec.notNull(), made.defaultText());
    }

    /** After the table exists: the sequences become owned by their columns; identity columns are marked. */
    void finish(CommandContext context, RelationInfo table) {
        for (Generated made : generated.values()) {
            AttributeInfo column = table.attribute(made.column());
            if (made.identity() == '\0') {
                SequenceCommands.own(context, made.sequence(), table, column, 'a');
                context.catalog().addDependency(context.transaction(),
                        new RelationDependency(table.oid(), column.number(), made.sequence().oid(), 0, 'n'));
            } else {
                SequenceCommands.own(context, made.sequence(), table, column, 'i');
                context.catalog().setIdentity(context.transaction(), table.oid(), column.number(), made.identity(),
                        made.defaultText());
            }
        }
    }

    private ColumnDef rewrite(CommandContext context, SequenceAccess storage, QualifiedName table, ColumnDef column) {
        int serialType = serialType(column.type());
        ColumnConstraint identity = null;
        boolean hasDefault = false;
        List<ColumnConstraint> constraints = new ArrayList<>();
        for (ColumnConstraint constraint : column.constraints() == null ? List.<ColumnConstraint>of()
                : column.constraints()) {
            boolean isIdentity = constraint.kind() == ColumnConstraint.Kind.GENERATED_IDENTITY;
            boolean isDefault = constraint.kind() == ColumnConstraint.Kind.DEFAULT;
            if (isIdentity && identity != null) {
                throw TableCommands.at(SqlException.of(SqlState.SYNTAX_ERROR,
                        "multiple identity specifications for column \"%s\" of table \"%s\"", column.name(),
                        table.name()), constraint.location());
            }
            if (isDefault && serialType != 0) {
                throw SqlException.of(SqlState.SYNTAX_ERROR,
                        "multiple default values specified for column \"%s\" of table \"%s\"", column.name(),
                        table.name());
            }
            if (isIdentity && (hasDefault || serialType != 0) || isDefault && identity != null) {
                throw TableCommands.at(SqlException.of(SqlState.SYNTAX_ERROR,
                        "both default and identity specified for column \"%s\" of table \"%s\"", column.name(),
                        table.name()), constraint.location());
            }
            if (isIdentity) {
                identity = constraint;
            } else {
                hasDefault |= isDefault;
                constraints.add(constraint);
            }
        }
        if (serialType == 0 && identity == null) {
            return column;
        }
        TypeName type = column.type();
        if (serialType != 0) {
            type = new TypeName("pg_catalog", TypeOids.INT2 == serialType ? "int2"
                    : TypeOids.INT4 == serialType ? "int4" : "int8", List.of(), 0, type.location());
        }
        int typeOid = identity != null ? identityType(context, type) : serialType;
        Generated made = createSequence(context, storage, table, column.name(), typeOid, identity);
        generated.put(column.name(), made);
        constraints.add(new ColumnConstraint(ColumnConstraint.Kind.NOT_NULL, null, null, column.location()));
        if (identity == null) {
            constraints.add(new ColumnConstraint(ColumnConstraint.Kind.DEFAULT, null,
                    Parser.parseExpression(made.defaultText()),
                    column.location()));
        }
        return new ColumnDef(column.name(), type, constraints, column.location());
    }

    /**
     * {@code ALTER TABLE ... ALTER COLUMN ... ADD GENERATED ... AS IDENTITY}
     * ({@code ATExecAddIdentity}): the column gets a sequence of its own, owned by it, and
     * attidentity.
     */
    static void addIdentity(CommandContext context, SequenceAccess storage, RelationInfo table, AttributeInfo column,
                            ColumnConstraint identity) {
        QualifiedName name = new QualifiedName(table.namespaceName(), table.name(), identity.location());
        Generated made = createSequence(context, storage, name, column.name(), column.typeOid(), identity);
        SequenceCommands.own(context, made.sequence(), table, column, 'i');
        context.catalog().setIdentity(context.transaction(), table.oid(), column.number(), made.identity(),
                made.defaultText());
    }

    /**
     * The sequence of a serial column ({@code identity} null) or identity column
     * ({@code generateSerialExtraStmts}): named {@code t_c_seq} or by SEQUENCE NAME, with the
     * identity's sequence options.
     */
    private static Generated createSequence(CommandContext context, SequenceAccess storage, QualifiedName table,
                                            String columnName, int typeOid, ColumnConstraint identity) {
        String sequenceName = chooseName(context, table, columnName);
        SequenceOptions options = new SequenceOptions(identity == null ? null : identity.sequenceOptions());
        if (options.get("owned_by") != null) {
            throw TableCommands.at(new SqlException(SqlState.SYNTAX_ERROR, "invalid sequence option OWNED BY"),
                    options.get("owned_by").location());
        }
        String schema = table.schema();
        if (options.get("sequence_name") != null) {
            List<String> parts = List.of(options.get("sequence_name").value().split("\0"));
            sequenceName = parts.getLast();
            schema = parts.size() > 1 ? parts.get(parts.size() - 2) : schema;
        }
        int asType = SequenceCommands.asType(context, options);
        SequenceOptions.Applied applied = options.apply(null, 0, asType != 0 ? asType : typeOid, identity != null);
        RelationInfo sequence = SequenceCommands.createWithDefinition(context, storage, schema, sequenceName, applied);
        // qualified, so the default names this sequence whatever search_path is (PostgreSQL keeps its OID)
        String qualified = SequenceSession.quoteIdentifier(sequence.namespaceName()) + "."
                + SequenceSession.quoteIdentifier(sequenceName);
        String defaultText = "nextval('" + qualified.replace("'", "''") + "'::regclass)";
        char identityKind = identity == null ? '\0'
                : ((Expr.Constant) identity.expr()).value().equals("always") ? 'a' : 'd';
        return new Generated(columnName, sequence, defaultText, identityKind);
    }

    /** The integer type of a serial type name, or 0. */
    private static int serialType(TypeName type) {
        if (type.schema() != null && !type.schema().equals("pg_catalog")) {
            return 0;
        }
        int serial = switch (type.name()) {
            case "smallserial", "serial2" -> TypeOids.INT2;
            case "serial", "serial4" -> TypeOids.INT4;
            case "bigserial", "serial8" -> TypeOids.INT8;
            default -> 0;
        };
        if (serial != 0 && type.arrayBounds() > 0) {
            throw TableCommands.at(new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "array of serial is not implemented"),
                    type.location());
        }
        return serial;
    }

    /** An identity column's type: smallint, integer or bigint (22023 otherwise, as PostgreSQL). */
    private static int identityType(CommandContext context, TypeName type) {
        int oid;
        try {
            oid = context.catalog().lookupTypeOid(context.transaction(), type.schema(), type.name());
            TypeModifiers.typmodIn(oid, type.name(), type.modifiers(), context.notices());
        } catch (SqlException error) {
            throw TableCommands.at(error, type.location());
        }
        if (oid != TypeOids.INT2 && oid != TypeOids.INT4 && oid != TypeOids.INT8) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "identity column type must be smallint, integer, or bigint");
        }
        return oid;
    }

    /** {@code ChooseRelationName(table, column, "seq")}: {@code t_c_seq}, truncated to fit, numbered if taken. */
    private static String chooseName(CommandContext context, QualifiedName table, String column) {
        for (int pass = 0; ; pass++) {
            String label = pass == 0 ? "seq" : "seq" + pass;
            int available = NAME_DATA_LENGTH - label.length() - 2;
            int tableChars = table.name().length();
            int columnChars = column.length();
            while (tableChars + columnChars > available) {
                if (tableChars > columnChars) {
                    tableChars--;
                } else {
                    columnChars--;
                }
            }
            String candidate = table.name().substring(0, tableChars) + "_" + column.substring(0, columnChars) + "_"
                    + label;
            if (context.catalog().lookupRelation(context.transaction(), table.schema(), candidate).isEmpty()) {
                return candidate;
            }
        }
    }
}
