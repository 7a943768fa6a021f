package org.woolly.analyzer;

import org.woolly.access.transam.Transaction;
import org.woolly.catalog.CastInfo;
import org.woolly.catalog.CatalogAccess;
import org.woolly.catalog.FunctionInfo;
import org.woolly.catalog.NamespaceInfo;
import org.woolly.nodes.query.CoercionHandle;
import org.woolly.nodes.query.FunctionHandle;
import org.woolly.utils.adt.BuiltinFunctions;
import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.adt.FunctionContext;
import org.woolly.utils.adt.FunctionDescriptor;
import org.woolly.utils.adt.PgType;

/**
 * The casts of {@code CREATE CAST} in the analyzer's cast lookup ({@code find_coercion_pathway}
 * of {@code parse_coerce.c} reading pg_cast): a cast applies when its castcontext allows the
 * coercion's context (implicit casts everywhere, assignment casts in assignment and explicit
 * casts, explicit ones only there) and runs as its castmethod says: its function (with the
 * typmod and the explicit flag when it takes them), a relabeling, or the types' output and input
 * functions.
 */
final class UserCasts {

    private UserCasts() {}

    /** The user-defined cast for this coercion, or null when there is none or its context is not allowed. */
    static CoercionHandle find(TypeSystem types, CatalogAccess catalog, Transaction transaction, int source,
                               int target, TypeSystem.CoercionContext context) {
        CastInfo cast = catalog.userCast(transaction, source, target).orElse(null);
        if (cast == null || !allowed(cast.context(), context)) {
            return null;
        }
        boolean explicit = context == TypeSystem.CoercionContext.EXPLICIT;
        return switch (cast.method()) {
            case 'b' -> new CoercionHandle("relabel", source, target,
                    (value, typmod, evaluation) -> typmod < 0 ? value : types.applyTypmod(target, value, typmod, explicit));
            case 'i' -> {
                PgType from = types.type(source);
                PgType to = types.type(target);
                yield new CoercionHandle("io", source, target, (value, typmod, evaluation) ->
                        to.io().input(from.io().output(value, FormatSettings.DEFAULT), typmod, FormatSettings.DEFAULT));
            }
            default -> functionCast(catalog, transaction, cast, explicit);
        };
    }

    private static boolean allowed(char castContext, TypeSystem.CoercionContext context) {
        return switch (castContext) {
            case 'i' -> true;
            case 'a' -> context != TypeSystem.CoercionContext.IMPLICIT;
            default -> context == TypeSystem.CoercionContext.EXPLICIT;
        };
    }

    private static CoercionHandle functionCast(CatalogAccess catalog, Transaction transaction, CastInfo cast,
                                               boolean explicit) {
        FunctionInfo user = catalog.functionByOid(transaction, cast.function()).orElse(null);
        FunctionHandle.Invoker invoker;
        int arguments;
        if (user != null) {
            String schema = catalog.namespaceByOid(transaction, user.namespaceOid()).map(NamespaceInfo::name)
                    .orElse("public");
            arguments = user.argumentTypes().length;
            invoker = UserAggregates.sessionCall(schema, user.name(), user.argumentTypes());
        } else {
            FunctionDescriptor builtin = BuiltinFunctions.byOid(cast.function());
            if (builtin == null) {
                return null;
            }
            arguments = builtin.argumentTypes().length;
            invoker = (args, context) -> builtin.invoke(args, (FunctionContext) context);
        }
        String name = user != null ? user.name() : "cast";
        return new CoercionHandle(name, cast.source(), cast.target(), (value, typmod, evaluation) -> {
            Object[] args = new Object[arguments];
            args[0] = value;
            if (arguments > 1) {
                args[1] = typmod;
            }
            if (arguments > 2) {
                args[2] = explicit;
            }
            return invoker.invoke(args, evaluation);
        });
    }
}
