package dev.cantrip.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link Store} on one JDBC connection owned by a writer thread. The writer takes every change
 * queued since its last commit, applies them in one transaction and commits: under load many
 * changes share one commit, idle it commits each change at once.
 */
final class JdbcStore implements Store {

    private static final System.Logger LOG = System.getLogger(JdbcStore.class.getName());
    private static final int MAX_BATCH = 2000;

    private final Connection connection;
    private final int schemaVersion;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final Object sequenceLock = new Object();
    private final NavigableMap<Long, CompletableFuture<Void>> waiters = new TreeMap<>();
    private volatile boolean closing;
    private long lastSubmitted;
    private volatile long lastDurable;

    private record Pending(long sequence, Change change) {}

    private static final Pending STOP = new Pending(-1, null);

    private JdbcStore(Connection connection, int schemaVersion) {
        this.connection = connection;
        this.schemaVersion = schemaVersion;
        this.writer = Thread.ofPlatform().name("cantrip-store-writer").daemon(false).unstarted(this::writeLoop);
    }

    static JdbcStore open(String jdbcUrl) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Connection c;
        try {
            c = DriverManager.getConnection(withDurableSettings(jdbcUrl));
        } catch (SQLException e) {
            String hint = e.getMessage() != null && e.getMessage().contains("already in use")
                    ? " (is another Cantrip server running on the same data directory?)" : "";
            throw new StoreException("cannot open the database " + redact(jdbcUrl) + hint + ": " + e.getMessage(), e);
        }
        try {
            int version = Migrations.migrate(c);
            JdbcStore store = new JdbcStore(c, version);
            store.writer.start();
            return store;
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Already failing; the first error is the one worth reporting.
            }
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("cannot prepare the database " + redact(jdbcUrl) + ": " + e.getMessage(), e);
        }
    }

    /**
     * H2 by default writes committed changes to its file in the background, up to half a second
     * later; WRITE_DELAY=0 makes each commit reach the file before it returns, so an acknowledged
     * change survives a kill -9. DB_CLOSE_ON_EXIT=FALSE leaves closing to the server's own shutdown,
     * which flushes the writer first.
     */
    static String withDurableSettings(String url) {
        if (!url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:")) {
            return url;
        }
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        StringBuilder b = new StringBuilder(url);
        if (!upper.contains(";WRITE_DELAY=")) {
            b.append(";WRITE_DELAY=0");
        }
        if (!upper.contains(";DB_CLOSE_ON_EXIT=")) {
            b.append(";DB_CLOSE_ON_EXIT=FALSE");
        }
        return b.toString();
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    @Override
    public int schemaVersion() {
        return schemaVersion;
    }

    @Override
    public long submit(Change change) {
        Objects.requireNonNull(change, "change");
        synchronized (sequenceLock) {
            if (closing) {
                throw new StoreException("the store is closed; the change was not saved: " + change);
            }
            long sequence = ++lastSubmitted;
            queue.add(new Pending(sequence, change));
            return sequence;
        }
    }

    @Override
    public long lastSubmitted() {
        synchronized (sequenceLock) {
            return lastSubmitted;
        }
    }

    @Override
    public long lastDurable() {
        return lastDurable;
    }

    @Override
    public CompletableFuture<Void> whenDurable(long sequence) {
        synchronized (waiters) {
            if (sequence <= lastDurable) {
                return CompletableFuture.completedFuture(null);
            }
            return waiters.computeIfAbsent(sequence, s -> new CompletableFuture<>());
        }
    }

    @Override
    public void flush(Duration timeout) {
        try {
            whenDurable(lastSubmitted()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new StoreException("pending changes were not written within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for pending changes to be written");
        } catch (java.util.concurrent.ExecutionException e) {
            // The failure was reported to whoever waited on that change; flushing is done.
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            boolean stop = batch.removeIf(p -> p == STOP);
            if (!batch.isEmpty()) {
                writeBatch(batch);
                batch.clear();
            }
            if (stop && queue.isEmpty()) {
                return;
            }
        }
    }

    private void writeBatch(List<Pending> batch) {
        long last = batch.getLast().sequence();
        Throwable failure = null;
        synchronized (connection) {
            try {
                connection.setAutoCommit(false);
                for (Pending p : batch) {
                    apply(p.change());
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                failure = e;
                LOG.log(System.Logger.Level.ERROR, "could not write " + batch.size() + " change(s); they are lost", e);
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // The connection is in trouble; the next batch will report it.
                }
            } finally {
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // As above.
                }
            }
        }
        List<CompletableFuture<Void>> done;
        synchronized (waiters) {
            lastDurable = last;
            NavigableMap<Long, CompletableFuture<Void>> head = waiters.headMap(last, true);
            done = new ArrayList<>(head.values());
            head.clear();
        }
        for (CompletableFuture<Void> f : done) {
            if (failure == null) {
                f.complete(null);
            } else {
                f.completeExceptionally(new StoreException("the change could not be saved: " + failure.getMessage(),
                        failure));
            }
        }
    }

    private void apply(Change change) throws SQLException {
        switch (change) {
            case Change.ObjectSaved o -> upsert(
                    "UPDATE objects SET obj_key = ?, kind = ?, location_id = ?, destination_id = ? WHERE id = ?",
                    "INSERT INTO objects (obj_key, kind, location_id, destination_id, id) VALUES (?, ?, ?, ?, ?)",
                    o.key(), o.kind(), o.locationId(), o.destinationId(), o.id());
            case Change.ObjectDeleted d -> {
                update("DELETE FROM attributes WHERE object_id = ?", d.id());
                update("DELETE FROM objects WHERE id = ?", d.id());
            }
            case Change.AttributeSet a -> upsert(
                    "UPDATE attributes SET value_text = ? WHERE object_id = ? AND name = ?",
                    "INSERT INTO attributes (value_text, object_id, name) VALUES (?, ?, ?)",
                    a.encoded(), a.objectId(), a.name());
            case Change.AttributeDeleted a ->
                    update("DELETE FROM attributes WHERE object_id = ? AND name = ?", a.objectId(), a.name());
            case Change.AccountSaved a -> upsert(
                    "UPDATE accounts SET name = ?, name_key = ?, password_hash = ?, role = ?, character_id = ?,"
                            + " created_at = ? WHERE id = ?",
                    "INSERT INTO accounts (name, name_key, password_hash, role, character_id, created_at, id)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    a.name(), a.name().toLowerCase(java.util.Locale.ROOT), a.passwordHash(), a.role(),
                    a.characterId(), Timestamp.from(a.createdAt()), a.id());
            case Change.CounterAdvanced c -> upsert(
                    "UPDATE counters SET next_value = ? WHERE name = ?",
                    "INSERT INTO counters (next_value, name) VALUES (?, ?)",
                    c.next(), c.name());
        }
    }

    /** Portable upsert: both statements take the same parameters in the same order. */
    private void upsert(String updateSql, String insertSql, Object... params) throws SQLException {
        if (update(updateSql, params) == 0) {
            update(insertSql, params);
        }
    }

    private int update(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    @Override
    public Snapshot load() {
        synchronized (connection) {
            try (Statement s = connection.createStatement()) {
                List<Snapshot.ObjectRow> objects = new ArrayList<>();
                try (ResultSet rs = s.executeQuery(
                        "SELECT id, obj_key, kind, location_id, destination_id FROM objects ORDER BY id")) {
                    while (rs.next()) {
                        objects.add(new Snapshot.ObjectRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                                rs.getObject(4, Long.class), rs.getObject(5, Long.class)));
                    }
                }
                List<Snapshot.AttributeRow> attributes = new ArrayList<>();
                try (ResultSet rs = s.executeQuery(
                        "SELECT object_id, name, value_text FROM attributes ORDER BY object_id, name")) {
                    while (rs.next()) {
                        attributes.add(new Snapshot.AttributeRow(rs.getLong(1), rs.getString(2), rs.getString(3)));
                    }
                }
                List<Snapshot.AccountRow> accounts = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT id, name, password_hash, role, character_id, created_at"
                        + " FROM accounts ORDER BY id")) {
                    while (rs.next()) {
                        accounts.add(new Snapshot.AccountRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getLong(5), rs.getTimestamp(6).toInstant()));
                    }
                }
                Map<String, Long> counters = new HashMap<>();
                try (ResultSet rs = s.executeQuery("SELECT name, next_value FROM counters")) {
                    while (rs.next()) {
                        counters.put(rs.getString(1), rs.getLong(2));
                    }
                }
                return new Snapshot(objects, attributes, accounts, counters);
            } catch (SQLException e) {
                throw new StoreException("cannot read the database: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        synchronized (sequenceLock) {
            if (closing) {
                return;
            }
            closing = true;
            queue.add(STOP);
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (connection) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.log(System.Logger.Level.WARNING, "closing the database failed", e);
            }
        }
    }
}
