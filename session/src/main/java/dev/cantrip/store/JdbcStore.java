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
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

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
    // Futures by the last sequence they wait for. Guarded by itself.
    private final NavigableMap<Long, List<Waiter>> waiters = new TreeMap<>();
    // Sequences of changes that could not be written (bounded: oldest forgotten first).
    private final ConcurrentSkipListSet<Long> failed = new ConcurrentSkipListSet<>();
    private final AtomicLong failedCount = new AtomicLong();
    private volatile long unwrittenAtClose;
    private volatile boolean closing;
    private long lastSubmitted;
    private volatile long lastDurable;
    // The writer's statements, prepared once each: preparing per change cost more than running it.
    // Used under the connection's lock.
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    private record Pending(long sequence, Change change) {}

    private record Waiter(long first, long last, CompletableFuture<Void> future) {}

    private static final int MAX_REMEMBERED_FAILURES = 100_000;

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
            throw new StoreException("cannot open the database " + Store.redact(jdbcUrl) + hint + ": " + e.getMessage(),
                    e);
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
            throw new StoreException("cannot prepare the database " + Store.redact(jdbcUrl) + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * H2 by default writes committed changes to its file in the background, up to half a second
     * later; WRITE_DELAY=0 makes each commit reach the file before it returns, so an acknowledged
     * change survives a kill -9. DB_CLOSE_ON_EXIT=FALSE leaves closing to the server's own shutdown,
     * which flushes the writer first. REUSE_SPACE=FALSE: with space reuse on, H2 wrote new chunks into
     * space freed by older ones, and after a kill -9 it reopened at an older chunk: the last run's
     * acknowledged changes were gone (the third of three kill -9 restarts, every time; found by an
     * attack round). Without reuse the file only grows until the next clean shutdown compacts it.
     */
    static String withDurableSettings(String url) {
        if (!url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:")) {
            return url;
        }
        String upper = url.toUpperCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(url);
        if (!upper.contains(";WRITE_DELAY=")) {
            b.append(";WRITE_DELAY=0");
        }
        if (!upper.contains(";DB_CLOSE_ON_EXIT=")) {
            b.append(";DB_CLOSE_ON_EXIT=FALSE");
        }
        if (!upper.contains(";REUSE_SPACE=")) {
            b.append(";REUSE_SPACE=FALSE");
        }
        return b.toString();
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
    public CompletableFuture<Void> whenDurable(long first, long last) {
        synchronized (waiters) {
            if (last <= lastDurable) {
                return anyFailed(first, last)
                        ? CompletableFuture.failedFuture(new StoreException("a change could not be saved; see the log"))
                        : CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> f = new CompletableFuture<>();
            waiters.computeIfAbsent(last, k -> new ArrayList<>()).add(new Waiter(first, last, f));
            return f;
        }
    }

    private boolean anyFailed(long first, long last) {
        return first <= last && !failed.subSet(first, true, last, true).isEmpty();
    }

    @Override
    public long lostChanges() {
        return failedCount.get() + unwrittenAtClose;
    }

    @Override
    public void flush(Duration timeout) {
        try {
            long last = lastSubmitted();
            whenDurable(last + 1, last).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new StoreException("pending changes were not written within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for pending changes to be written");
        } catch (ExecutionException e) {
            throw new StoreException("flushing failed: " + e.getCause().getMessage(), e.getCause());
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

    /**
     * Writes a batch in one transaction. If that fails, writes its changes one transaction each,
     * so that one bad change loses only itself, not the other players' changes it was batched with.
     */
    private void writeBatch(List<Pending> batch) {
        synchronized (connection) {
            if (!inTransaction(batch)) {
                for (Pending p : batch) {
                    if (!inTransaction(List.of(p))) {
                        rememberFailure(p);
                    }
                }
            }
        }
        long last = batch.getLast().sequence();
        List<Waiter> done = new ArrayList<>();
        synchronized (waiters) {
            lastDurable = last;
            NavigableMap<Long, List<Waiter>> head = waiters.headMap(last, true);
            head.values().forEach(done::addAll);
            head.clear();
        }
        for (Waiter w : done) {
            if (anyFailed(w.first(), w.last())) {
                w.future().completeExceptionally(new StoreException("a change could not be saved; see the log"));
            } else {
                w.future().complete(null);
            }
        }
    }

    private boolean inTransaction(List<Pending> changes) {
        try {
            connection.setAutoCommit(false);
            Map<String, Integer> lastCounterAdvance = new HashMap<>();
            for (int i = 0; i < changes.size(); i++) {
                if (changes.get(i).change() instanceof Change.CounterAdvanced c) {
                    lastCounterAdvance.put(c.name(), i);
                }
            }
            for (int i = 0; i < changes.size(); i++) {
                // A counter advanced several times in one transaction is written once, at its last value:
                // a persistent task advances the task counter each, and a batch holds many.
                if (changes.get(i).change() instanceof Change.CounterAdvanced c && lastCounterAdvance.get(c.name()) != i) {
                    continue;
                }
                apply(changes.get(i).change());
            }
            connection.commit();
            return true;
        } catch (SQLException | RuntimeException e) {
            if (changes.size() == 1) {
                LOG.log(System.Logger.Level.ERROR, "could not write change " + changes.getFirst().sequence() + " ("
                        + changes.getFirst().change() + "); it is lost", e);
            }
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // The connection is in trouble; the next write will report it.
            }
            return false;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // As above.
            }
        }
    }

    private void rememberFailure(Pending p) {
        failedCount.incrementAndGet();
        failed.add(p.sequence());
        while (failed.size() > MAX_REMEMBERED_FAILURES) {
            failed.pollFirst();
        }
    }

    private void apply(Change change) throws SQLException {
        switch (change) {
            case Change.ObjectSaved o -> upsert(
                    "UPDATE objects SET obj_key = ?, kind = ?, location_id = ?, destination_id = ?, owner_id = ?"
                            + " WHERE id = ?",
                    "INSERT INTO objects (obj_key, kind, location_id, destination_id, owner_id, id)"
                            + " VALUES (?, ?, ?, ?, ?, ?)",
                    o.key(), o.kind(), o.locationId(), o.destinationId(), o.ownerId(), o.id());
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
                    a.name(), a.name().toLowerCase(Locale.ROOT), a.passwordHash(), a.role(),
                    a.characterId(), Timestamp.from(a.createdAt()), a.id());
            case Change.CounterAdvanced c -> upsert(
                    "UPDATE counters SET next_value = ? WHERE name = ?",
                    "INSERT INTO counters (next_value, name) VALUES (?, ?)",
                    c.next(), c.name());
            case Change.TaskSaved t -> upsert(
                    "UPDATE tasks SET owner_id = ?, due_at = ?, paused_left = ?, broken = ?, spec = ? WHERE id = ?",
                    "INSERT INTO tasks (owner_id, due_at, paused_left, broken, spec, id) VALUES (?, ?, ?, ?, ?, ?)",
                    t.ownerId(), t.dueAt(), t.pausedLeft(), t.broken(), t.spec(), t.id());
            case Change.TaskDeleted t -> update("DELETE FROM tasks WHERE id = ?", t.id());
        }
    }

    /** Portable upsert: both statements take the same parameters in the same order. */
    private void upsert(String updateSql, String insertSql, Object... params) throws SQLException {
        if (update(updateSql, params) == 0) {
            update(insertSql, params);
        }
    }

    private int update(String sql, Object... params) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps.executeUpdate();
    }

    @Override
    public Snapshot load() {
        synchronized (connection) {
            try (Statement s = connection.createStatement()) {
                List<Snapshot.ObjectRow> objects = new ArrayList<>();
                try (ResultSet rs = s.executeQuery(
                        "SELECT id, obj_key, kind, location_id, destination_id, owner_id FROM objects ORDER BY id")) {
                    while (rs.next()) {
                        objects.add(new Snapshot.ObjectRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                                rs.getObject(4, Long.class), rs.getObject(5, Long.class), rs.getObject(6, Long.class)));
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
                List<Snapshot.TaskRow> tasks = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT id, owner_id, due_at, paused_left, broken, spec FROM tasks"
                        + " ORDER BY due_at, id")) {
                    while (rs.next()) {
                        tasks.add(new Snapshot.TaskRow(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                                rs.getObject(4, Long.class), rs.getString(5), rs.getString(6)));
                    }
                }
                return new Snapshot(objects, attributes, accounts, counters, tasks);
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
        long unwritten = queue.stream().filter(p -> p != STOP).count();
        if (unwritten > 0) {
            unwrittenAtClose = unwritten;
            LOG.log(System.Logger.Level.ERROR, "closing with {0} change(s) not written: the writer did not finish"
                    + " within 30 s", unwritten);
        }
        synchronized (connection) {
            try {
                for (PreparedStatement ps : statements.values()) {
                    ps.close();
                }
                statements.clear();
                connection.close();
            } catch (SQLException e) {
                LOG.log(System.Logger.Level.WARNING, "closing the database failed", e);
            }
        }
    }
}
