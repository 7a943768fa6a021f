package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.woolly.nodes.parse.Expr;
import org.woolly.parser.Parser;
import org.woolly.utils.adt.BuiltinParameters;
import org.woolly.utils.error.SqlState;

/**
 * Named arguments and defaults for built-in functions ({@code func_get_detail}'s handling of
 * {@code proargnames} and {@code proargdefaults}): a call that names its arguments, or leaves out
 * defaulted ones, is rewritten to the positional call it stands for before the built-ins are
 * searched; parameters left out at the end (a shorter signature of the same name) stay out.
 * A call that does not fit (an unknown name, a parameter given twice, a missing one
 * without default) is left alone and fails there with "function ... does not exist".
 */
final class BuiltinArguments {
    private BuiltinArguments() {}

    /** Named arguments come last and name each parameter once, in any call ({@code ParseFuncOrColumn}). */
    static void checkNamedArguments(Expr.FuncCall call) {
        List<String> names = new ArrayList<>();
        for (Expr arg : call.args()) {
            if (arg instanceof Expr.NamedArgument argument) {
                if (names.contains(argument.name())) {
                    throw ParseState.error(SqlState.SYNTAX_ERROR, argument.location(),
                            "argument name \"%s\" used more than once", argument.name());
                }
                names.add(argument.name());
            } else if (!names.isEmpty()) {
                throw ParseState.error(SqlState.SYNTAX_ERROR, arg.location(),
                        "positional argument cannot follow named argument");
            }
        }
    }

    static Expr.FuncCall positional(ParseState state, Expr.FuncCall call) {
        String schema = call.name().schema();
        if (schema != null && !schema.equals("pg_catalog")) {
            return call;
        }
        BuiltinParameters parameters = BuiltinParameters.of(call.name().name());
        List<Expr> written = call.args();
        boolean named = written.stream().anyMatch(arg -> arg instanceof Expr.NamedArgument);
        if (parameters == null || (!named && written.size() >= parameters.names().size())
                || !state.catalog.lookupFunctions(state.transaction, schema, call.name().name()).isEmpty()) {
            return call;
        }
        int count = parameters.names().size();
        Expr[] args = new Expr[count];
        int positional = 0;
        for (Expr arg : written) {
            if (arg instanceof Expr.NamedArgument argument) {
                int index = parameters.names().indexOf(argument.name());
                if (index < 0 || args[index] != null || argument.variadic()) {
                    return call;
                }
                args[index] = argument.value();
            } else {
                if (positional >= count) {
                    return call;
                }
                args[positional++] = arg;
            }
        }
        int firstDefault = count - parameters.defaults().size();
        for (int i = firstDefault; i < count; i++) {
            if (args[i] == null) {
                args[i] = Parser.parseExpression(parameters.defaults().get(i - firstDefault));
            }
        }
        List<Expr> result = new ArrayList<>(Arrays.asList(args));
        while (!result.isEmpty() && result.getLast() == null) {
            result.removeLast();
        }
        if (result.contains(null)) {
            return call;
        }
        return new Expr.FuncCall(call.name(), result, call.star(), call.distinct(), call.orderBy(), call.filter(),
                call.over(), call.location(), call.withinGroup());
    }
}
