package dev.utter.samples.server.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/** Small query shapes the stores share. */
final class Queries {
  private Queries() {}

  /** The first column of every row {@code sql} selects, as strings. */
  static Set<String> strings(Connection c, String sql) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
      Set<String> out = new HashSet<>();
      while (r.next()) {
        out.add(r.getString(1));
      }
      return out;
    }
  }
}
