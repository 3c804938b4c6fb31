package dev.cantrip.store;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The game's persistent state, behind JDBC. Changes are submitted from the game loop without
 * waiting; a writer thread applies them in batches, one transaction per batch (group commit), and
 * {@link #whenDurable} tells when a change is on disk, so a player is told of a change only once
 * it would survive the server being killed.
 *
 * <p>All methods are thread-safe.
 */
public interface Store extends AutoCloseable {

    /**
     * Opens the database at {@code jdbcUrl}, creating or migrating its schema, and starts the
     * writer. An embedded H2 URL gets the settings that make a commit reach the file before it
     * returns.
     *
     * @throws StoreException when the database cannot be opened or its schema is newer than this
     *     server knows
     */
    static Store open(String jdbcUrl) {
        return JdbcStore.open(jdbcUrl);
    }

    /** Reads everything. Call only when no changes are pending (at start, or after {@link #flush}). */
    Snapshot load();

    /**
     * Queues a change. Changes are applied in the order submitted.
     *
     * @return the change's sequence number, for {@link #whenDurable}
     */
    long submit(Change change);

    /** The sequence number of the last change submitted (0 when none). */
    long lastSubmitted();

    /** The sequence number of the last change known to be durable. */
    long lastDurable();

    /**
     * Completes once every change up to {@code last} has been written, exceptionally if any change
     * numbered {@code first} to {@code last} could not be (a failed change fails only the futures
     * whose range holds it). An empty range ({@code first > last}) completes once everything up to
     * {@code last} is written.
     */
    CompletableFuture<Void> whenDurable(long first, long last);

    /**
     * Changes that never reached the database: writes that failed, and, after {@link #close}, any
     * still queued when it gave up waiting.
     */
    long lostChanges();

    /** {@code jdbcUrl} with any password in it hidden, for logs and messages. */
    static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    /** Waits until every change submitted so far is durable, up to {@code timeout}. */
    void flush(Duration timeout);

    /** The schema version the database is at. */
    int schemaVersion();

    /** Writes what is pending (waiting up to 30 s) and closes the database. */
    @Override
    void close();
}
