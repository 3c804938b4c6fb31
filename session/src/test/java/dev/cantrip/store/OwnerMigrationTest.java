package dev.cantrip.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Owners of objects: a database from before they were kept gets none; new ones are kept. */
class OwnerMigrationTest {

    @TempDir
    Path dir;

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("db");
    }

    @Test
    void objectsFromBeforeOwnersWereKeptBelongToNobodyAndNewOwnersAreKept() throws Exception {
        // A database as a server before the owners step left it: schema version 2, one object.
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)");
            s.executeUpdate("INSERT INTO schema_version (version) VALUES (2)");
            for (Migrations.Step step : Migrations.STEPS) {
                if (step.version() <= 2) {
                    for (String sql : step.statements()) {
                        s.execute(sql);
                    }
                }
            }
            s.executeUpdate("INSERT INTO objects (id, obj_key, kind) VALUES (1, 'Limbo', 'room')");
        }
        try (Store store = Store.open(url())) {
            assertThat(store.schemaVersion()).isEqualTo(Migrations.latest());
            assertThat(store.load().objects()).containsExactly(new Snapshot.ObjectRow(1, "Limbo", "room", null, null, null));
            store.submit(new Change.ObjectSaved(2, "lamp", "thing", 1L, null, 7L));
            store.submit(new Change.ObjectSaved(1, "Limbo", "room", null, null, 7L));
            store.submit(new Change.ObjectSaved(1, "Limbo", "room", null, null, null)); // given back to nobody
            store.flush(Duration.ofSeconds(10));
        }
        try (Store store = Store.open(url())) {
            assertThat(store.load().objects()).containsExactly(
                    new Snapshot.ObjectRow(1, "Limbo", "room", null, null, null),
                    new Snapshot.ObjectRow(2, "lamp", "thing", 1L, null, 7L));
        }
    }
}
