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
 * Row-wise comparisons through pgjdbc: keyset pagination with {@code (a, b) > (?, ?)}, the form
 * ORMs generate, and the error of rows of different widths. The psql script
 * {@code arrays/rowcompare.sql} (compared with PostgreSQL 15) runs in {@link ArraysIT}.
 */
class RowComparisonIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void keysetPaginationWithRowComparison() throws SQLException {
        try (Connection connection = server.connect("prepareThreshold=-1"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE keyset (a int, b int)");
            statement.execute("INSERT INTO keyset SELECT g / 3, g % 3 FROM generate_series(0, 8) g");
            List<String> seen = new ArrayList<>();
            int lastA = -1;
            int lastB = -1;
            try (PreparedStatement page = connection.prepareStatement(
                    "SELECT a, b FROM keyset WHERE (a, b) > (?, ?) ORDER BY a, b LIMIT 4")) {
                for (int round = 0; round < 3; round++) {
                    page.setInt(1, lastA);
                    page.setInt(2, lastB);
                    try (ResultSet result = page.executeQuery()) {
                        while (result.next()) {
                            lastA = result.getInt(1);
                            lastB = result.getInt(2);
                            seen.add(lastA + "," + lastB);
                        }
                    }
                }
            }
            assertThat(seen).containsExactly("0,0", "0,1", "0,2", "1,0", "1,1", "1,2", "2,0", "2,1", "2,2");
            var error = WoollyServerExtension.errorOf(connection, "SELECT (1, 2) = (1, 2, 3)");
            WoollyServerExtension.assertError(error, "42601", "unequal number of entries in row expressions", null);
            statement.execute("DROP TABLE keyset");
        }
    }
}
