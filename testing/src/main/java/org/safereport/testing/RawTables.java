package org.safereport.testing;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A service's database read as text, row by row, past its entities: to show that a value is stored nowhere. */
public final class RawTables {

    private RawTables() {
    }

    /** @return "table: row" for each row, in any table of the current schema, whose text contains {@code value} */
    public static List<String> rowsContaining(DataSource dataSource, String value) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            for (String table : tables(connection)) {
                // A table name from the catalogue, quoted: never text from outside.
                try (PreparedStatement rows = connection.prepareStatement(
                        "SELECT row_text FROM (SELECT t::text AS row_text FROM \"" + table.replace("\"", "\"\"") + "\" t) AS r"
                                + " WHERE strpos(row_text, ?) > 0")) {
                    rows.setString(1, value);
                    try (ResultSet result = rows.executeQuery()) {
                        while (result.next()) {
                            found.add(table + ": " + result.getString(1));
                        }
                    }
                }
            }
        }
        return found;
    }

    /**
     * @return "table: row" for each row whose text contains {@code bytes}: PostgreSQL writes a bytea value
     *         in a row's text as hex, so a file or part of one stored anywhere is found by its hex
     */
    public static List<String> rowsContaining(DataSource dataSource, byte[] bytes) throws SQLException {
        return rowsContaining(dataSource, HexFormat.of().formatHex(bytes));
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
             ResultSet result = query.executeQuery()) {
            while (result.next()) {
                tables.add(result.getString(1));
            }
        }
        return tables;
    }
}
