package org.woolly.tcop.engine;

import java.util.List;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.plan.Plan;
import org.woolly.nodes.query.Query;
import org.woolly.tcop.PreparedQuery;
import org.woolly.tcop.ResultColumn;

/**
 * A prepared statement of this engine: an optimizable statement with its query tree and plan
 * ({@code query != null}), or a utility statement kept raw and run by the commands.
 */
record SessionPreparedQuery(String sourceText, Statement statement, Query query, Plan plan, int[] parameterTypes,
                            List<ResultColumn> resultColumns, String commandName) implements PreparedQuery {

    @Override
    public int[] parameterTypes() {
        return parameterTypes.clone();
    }
}
