package org.woolly.utils.adt;

import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The body of a built-in function returning {@code record} (or a row of its {@code anyelement}
 * argument's type) that needs the columns of the rows it builds, as PostgreSQL's
 * {@code json_populate_record} asks {@code get_call_result_type} or reads the type of its first
 * argument. The analyzer binds the body to a {@link RowShape} once it knows the columns: from
 * the column definition list in FROM, or from the argument's composite type. Unbound, the call
 * fails as PostgreSQL's does where no row type can be determined.
 */
public interface RowShapedImplementation extends FunctionImplementation {

    /** The body for calls whose rows have this shape. */
    FunctionImplementation bind(RowShape shape);

    /** The function's name, for the error of an unbound call. */
    String functionName();

    @Override
    default Object invoke(Object[] args, FunctionContext context) {
        throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "could not determine row type for result of %s",
                functionName()).withHint("Provide a non-null record argument, or call the function in the FROM "
                + "clause using a column definition list.");
    }
}
