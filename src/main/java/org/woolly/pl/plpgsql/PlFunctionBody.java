package org.woolly.pl.plpgsql;

import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/**
 * A parsed PL/pgSQL body ({@code PLpgSQL_function}) with the plans of its expressions and
 * queries, made on first use and kept for the next calls (keyed by the SQL sent and its
 * parameter types), as {@code exec_prepare_plan} keeps them in the function's expressions.
 */
public final class PlFunctionBody {
    final PlStatement.Block block;
    final Map<String, Spi.Plan> plans = new ConcurrentHashMap<>();

    PlFunctionBody(PlStatement.Block block) {
        this.block = block;
    }
}
