package dev.cantrip.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * Creates the schema and moves it forward, one numbered step at a time, recording the version in
 * {@code schema_version}. Steps are append-only: a released step is never edited, a change is a
 * new step. SQL stays portable (H2 and PostgreSQL).
 */
final class Migrations {

    /** One step: the version it leads to and its statements, run in one transaction. */
    record Step(int version, String description, List<String> statements) {}

    static final List<Step> STEPS = List.of(
            new Step(1, "objects, attributes, accounts, counters", List.of(
                    """
                    CREATE TABLE objects (
                        id BIGINT PRIMARY KEY,
                        obj_key VARCHAR(200) NOT NULL,
                        kind VARCHAR(16) NOT NULL,
                        location_id BIGINT,
                        destination_id BIGINT)""",
                    """
                    CREATE TABLE attributes (
                        object_id BIGINT NOT NULL,
                        name VARCHAR(64) NOT NULL,
                        value_text VARCHAR(1000000) NOT NULL,
                        PRIMARY KEY (object_id, name))""",
                    """
                    CREATE TABLE accounts (
                        id BIGINT PRIMARY KEY,
                        name VARCHAR(40) NOT NULL,
                        name_key VARCHAR(40) NOT NULL UNIQUE,
                        password_hash VARCHAR(200) NOT NULL,
                        role VARCHAR(16) NOT NULL,
                        character_id BIGINT NOT NULL,
                        created_at TIMESTAMP NOT NULL)""",
                    """
                    CREATE TABLE counters (
                        name VARCHAR(32) PRIMARY KEY,
                        next_value BIGINT NOT NULL)""")),
            new Step(2, "persistent tasks", List.of(
                    """
                    CREATE TABLE tasks (
                        id BIGINT PRIMARY KEY,
                        owner_id BIGINT NOT NULL,
                        due_at BIGINT NOT NULL,
                        paused_left BIGINT,
                        broken VARCHAR(2000),
                        spec VARCHAR(1000000) NOT NULL)""")),
            // Existing objects get no owner: who made them was never recorded, and guessing would hand
            // a Builder reach nobody granted. Until an Admin gives them out (@chown), only Admins and
            // above change them.
            new Step(3, "owners of objects", List.of(
                    "ALTER TABLE objects ADD COLUMN owner_id BIGINT")));

    /** The version this server's schema ends at. */
    static int latest() {
        return STEPS.getLast().version();
    }

    private Migrations() {}

    /**
     * Brings the database to {@link #latest()}.
     *
     * @return the version it is at afterwards
     * @throws StoreException if the database is at a version newer than this server knows
     */
    static int migrate(Connection c) throws SQLException {
        ensureVersionTable(c);
        int current = currentVersion(c);
        if (current > latest()) {
            throw new StoreException("the database is at schema version " + current + " but this server knows"
                    + " only up to " + latest() + ": run a newer Cantrip, or point --data at another directory");
        }
        for (Step step : STEPS) {
            if (step.version() <= current) {
                continue;
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : step.statements()) {
                    s.execute(sql);
                }
                s.executeUpdate("UPDATE schema_version SET version = " + step.version());
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw new StoreException("schema migration to version " + step.version() + " ("
                        + step.description() + ") failed: " + e.getMessage(), e);
            } finally {
                c.setAutoCommit(true);
            }
            current = step.version();
        }
        return current;
    }

    private static void ensureVersionTable(Connection c) throws SQLException {
        if (!tableExists(c, "schema_version")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)");
                s.executeUpdate("INSERT INTO schema_version (version) VALUES (0)");
            }
        }
    }

    static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
            if (!rs.next()) {
                throw new StoreException("schema_version table is empty: the database is not a Cantrip database"
                        + " or was damaged");
            }
            return rs.getInt(1);
        }
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        for (String name : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
            try (ResultSet rs = md.getTables(null, null, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
