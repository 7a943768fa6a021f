package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * EXISTS, NOT EXISTS and IN pulled up into semi and anti joins, NOT IN as a hashed SubPlan, as
 * clients see them: a psql script whose expected output (results with NULLs and EXPLAIN (COSTS
 * OFF) plans) PostgreSQL 15 produced, and pgjdbc with statement parameters inside the subqueries.
 */
class SubqueryPullUpIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void psqlScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "subq/pullup");
    }

    @Test
    void parametersInsidePulledUpSubqueries() throws SQLException {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE pu_customers (id int, name text)");
            statement.execute("CREATE TABLE pu_orders (customer int, amount int)");
            statement.execute("INSERT INTO pu_customers VALUES (1, 'ann'), (2, 'bob'), (3, 'cy'), (NULL, 'nobody')");
            statement.execute("INSERT INTO pu_orders VALUES (1, 5), (1, 70), (2, 3), (NULL, 80)");
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT name FROM pu_customers c WHERE EXISTS (SELECT 1 FROM pu_orders o "
                            + "WHERE o.customer = c.id AND o.amount > ?) "
                            + "AND c.id IN (SELECT customer FROM pu_orders WHERE amount < ?) ORDER BY 1");
                 PreparedStatement anti = connection.prepareStatement(
                         "SELECT name FROM pu_customers c WHERE NOT EXISTS (SELECT 1 FROM pu_orders o "
                                 + "WHERE o.customer = c.id AND o.amount > ?) ORDER BY 1")) {
                for (int run = 0; run < 6; run++) { // past the switch to a generic plan
                    query.setInt(1, 4);
                    query.setInt(2, 10);
                    assertThat(names(query)).containsExactly("ann");
                    query.setInt(1, 0);
                    query.setInt(2, 4);
                    assertThat(names(query)).containsExactly("bob");
                    anti.setInt(1, 4);
                    assertThat(names(anti)).containsExactly("bob", "cy", "nobody");
                }
            }
        }
    }

    private static List<String> names(PreparedStatement query) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet result = query.executeQuery()) {
            while (result.next()) {
                names.add(result.getString(1));
            }
        }
        return names;
    }
}
