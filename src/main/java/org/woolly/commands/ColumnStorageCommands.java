package org.woolly.commands;

import java.util.Locale;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.RelationInfo;
import org.woolly.nodes.parse.AlterTableAction;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * {@code ALTER TABLE ... ALTER COLUMN ... SET STORAGE} and {@code SET COMPRESSION}
 * ({@code ATExecSetStorage}, {@code ATExecSetCompression} in {@code tablecmds.c}): they change
 * how rows written from now on are toasted; rows already stored keep their form. Woolly, like a
 * PostgreSQL built without lz4, compresses with pglz only.
 */
final class ColumnStorageCommands {
    private ColumnStorageCommands() {}

    static RelationInfo alter(CommandContext context, RelationInfo relation, AttributeInfo column,
                              AlterTableAction.ColumnStorage change) {
        boolean toastable = relation.descriptor().get(relation.attributes().indexOf(column)).length() == -1;
        String typeName = context.types().formatType(column.typeOid(), -1);
        char value;
        if (change.compression()) {
            value = compressionMethod(change.storage());
            if (!toastable) {
                throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "column data type %s does not support compression",
                        typeName);
            }
        } else {
            value = switch (change.storage().toLowerCase(Locale.ROOT)) {
                case "plain" -> 'p';
                case "external" -> 'e';
                case "extended" -> 'x';
                case "main" -> 'm';
                default -> throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid storage type \"%s\"",
                        change.storage());
            };
            if (value != 'p' && !toastable) {
                throw SqlException.of(SqlState.DATATYPE_MISMATCH, "column data type %s can only have storage PLAIN",
                        typeName);
            }
        }
        return context.catalog().setColumnStorage(context.transaction(), relation, column.number(), value,
                change.compression());
    }

    /**
     * The attcompression of a method name ({@code CompressionNameToMethod}): 'p' for pglz, '\0'
     * for DEFAULT; lz4 is refused as by a server built without it.
     */
    static char compressionMethod(String name) {
        return switch (name) {
            case "pglz" -> 'p';
            case "default" -> '\0';
            case "lz4" -> throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "compression method lz4 not supported")
                    .withDetail("This functionality requires the server to be built with lz4 support.");
            default -> throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid compression method \"%s\"",
                    name);
        };
    }
}
