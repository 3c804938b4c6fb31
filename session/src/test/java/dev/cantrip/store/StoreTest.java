package dev.cantrip.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {

    @TempDir
    Path dir;

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("db");
    }

    @Test
    void freshDatabaseIsMigratedToTheLatestVersion() {
        try (Store store = Store.open(url())) {
            assertThat(store.schemaVersion()).isEqualTo(Migrations.latest());
            assertThat(store.load().objects()).isEmpty();
        }
        // Opening again does not migrate twice.
        try (Store store = Store.open(url())) {
            assertThat(store.schemaVersion()).isEqualTo(Migrations.latest());
        }
    }

    @Test
    void changesAreDurableInOrderAndReadBack() throws Exception {
        Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (Store store = Store.open(url())) {
            store.submit(new Change.ObjectSaved(1, "Limbo", "room", null, null));
            store.submit(new Change.ObjectSaved(2, "ball", "thing", 1L, null));
            store.submit(new Change.ObjectSaved(2, "red ball", "thing", 1L, null));
            store.submit(new Change.AttributeSet(2, "weight", "x"));
            store.submit(new Change.AttributeSet(2, "weight", "y"));
            store.submit(new Change.AttributeSet(2, "gone", "z"));
            store.submit(new Change.AttributeDeleted(2, "gone"));
            store.submit(new Change.AccountSaved(1, "Alice", "hash", "DEVELOPER", 3, created));
            long last = store.submit(new Change.CounterAdvanced("object", 3));
            store.whenDurable(1, last).get(10, TimeUnit.SECONDS);
            assertThat(store.lastDurable()).isGreaterThanOrEqualTo(last);
        }
        try (Store store = Store.open(url())) {
            Snapshot s = store.load();
            assertThat(s.objects()).containsExactly(
                    new Snapshot.ObjectRow(1, "Limbo", "room", null, null),
                    new Snapshot.ObjectRow(2, "red ball", "thing", 1L, null));
            assertThat(s.attributes()).containsExactly(new Snapshot.AttributeRow(2, "weight", "y"));
            assertThat(s.accounts()).containsExactly(
                    new Snapshot.AccountRow(1, "Alice", "hash", "DEVELOPER", 3, created));
            assertThat(s.counters()).containsEntry("object", 3L);
        }
    }

    @Test
    void deletingAnObjectRemovesItsAttributes() throws Exception {
        try (Store store = Store.open(url())) {
            store.submit(new Change.ObjectSaved(5, "rock", "thing", null, null));
            store.submit(new Change.AttributeSet(5, "a", "1"));
            long deleted = store.submit(new Change.ObjectDeleted(5));
            store.whenDurable(deleted, deleted).get(10, TimeUnit.SECONDS);
            assertThat(store.load().objects()).isEmpty();
            assertThat(store.load().attributes()).isEmpty();
        }
    }

    @Test
    void aDatabaseFromANewerServerIsRefusedWithAClearMessage() throws Exception {
        try (Store store = Store.open(url())) {
            store.flush(Duration.ofSeconds(5));
        }
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE schema_version SET version = 999");
        }
        assertThatThrownBy(() -> Store.open(url()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 999")
                .hasMessageContaining("newer Cantrip");
    }

    @Test
    void embeddedH2GetsSettingsThatWriteEachCommitAtOnce() {
        assertThat(JdbcStore.withDurableSettings("jdbc:h2:file:/x/y"))
                .contains(";WRITE_DELAY=0").contains(";DB_CLOSE_ON_EXIT=FALSE").contains(";REUSE_SPACE=FALSE");
        assertThat(JdbcStore.withDurableSettings("jdbc:h2:file:/x/y;WRITE_DELAY=100"))
                .doesNotContain("WRITE_DELAY=0");
        assertThat(JdbcStore.withDurableSettings("jdbc:postgresql://db/cantrip")).isEqualTo("jdbc:postgresql://db/cantrip");
    }

    @Test
    void submittingAfterCloseIsRefused() {
        Store store = Store.open(url());
        store.close();
        assertThatThrownBy(() -> store.submit(new Change.ObjectDeleted(1)))
                .isInstanceOf(StoreException.class).hasMessageContaining("not saved");
    }

    @Test
    void aChangeThatCannotBeWrittenFailsAloneNotTheOthersBatchedWithIt() throws Exception {
        Instant now = Instant.now();
        try (Store store = Store.open(url())) {
            long a = store.submit(new Change.AccountSaved(1, "Alice", "h", "PLAYER", 10, now));
            // Same name (unique, ignoring case) under another id: the database refuses it.
            long bad = store.submit(new Change.AccountSaved(2, "ALICE", "h", "PLAYER", 11, now));
            long c = store.submit(new Change.ObjectSaved(7, "lamp", "thing", null, null));
            assertThat(store.whenDurable(a, a)).succeedsWithin(Duration.ofSeconds(10));
            assertThat(store.whenDurable(c, c)).succeedsWithin(Duration.ofSeconds(10));
            assertThat(store.whenDurable(bad, bad)).failsWithin(Duration.ofSeconds(10))
                    .withThrowableThat().withMessageContaining("could not be saved");
            assertThat(store.whenDurable(a, c)).failsWithin(Duration.ofSeconds(10));
            assertThat(store.lostChanges()).isEqualTo(1);
            Snapshot s = store.load();
            assertThat(s.accounts()).extracting(Snapshot.AccountRow::name).containsExactly("Alice");
            assertThat(s.objects()).extracting(Snapshot.ObjectRow::key).containsExactly("lamp");
        }
    }
}
