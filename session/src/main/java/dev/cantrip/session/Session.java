package dev.cantrip.session;

import dev.cantrip.account.Account;
import dev.cantrip.world.GameObject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connected client: its transport, who is logged in on it, the character it puppets, and what
 * reads its next line.
 *
 * <p>A session belongs to the game loop, except {@link #send}, {@link #prompt}, {@link #id()} and
 * {@link #connection()}, which are safe from any thread. Output made on the loop while a command
 * runs is held by the {@link InputPump} and released once the command's changes are on disk, so
 * nobody is told of a change that a crash could still undo.
 */
public final class Session {

    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final Connection connection;
    private final InputPump pump;
    private final Instant connectedAt = Instant.now();
    private volatile Instant lastInputAt = connectedAt;
    private volatile Account account;
    private volatile GameObject character;
    private InputHandler handler;
    private final Deque<String> queuedLines = new ArrayDeque<>();
    private boolean busy;
    private boolean overflowWarned;
    private volatile boolean closed;
    private volatile int columns = 80;
    private volatile int rows = 24;

    private sealed interface Out {
        record Line(String text) implements Out {}
        record Prompt(String text) implements Out {}
    }

    /**
     * @param connection the transport
     * @param pump the pump that runs this session's lines and holds output while a step runs
     */
    public Session(Connection connection, InputPump pump) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.pump = Objects.requireNonNull(pump, "pump");
    }

    /** A number unique among sessions of this process. */
    public long id() {
        return id;
    }

    /** The transport. */
    public Connection connection() {
        return connection;
    }

    /** When the client connected. */
    public Instant connectedAt() {
        return connectedAt;
    }

    /** When the client last typed a line. */
    public Instant lastInputAt() {
        return lastInputAt;
    }

    /** Records that the client typed a line now. */
    public void touch() {
        lastInputAt = Instant.now();
    }

    /** The logged-in account, or null on the login screen. */
    public Account account() {
        return account;
    }

    /** The character this session plays, or null on the login screen. */
    public GameObject character() {
        return character;
    }

    /** Whether an account is logged in. */
    public boolean loggedIn() {
        return account != null;
    }

    /** Attaches an account and its character (or clears both with nulls). */
    public void attach(Account account, GameObject character) {
        this.account = account;
        this.character = character;
    }

    /** The client's window size, when it told us (NAWS); 80x24 otherwise. */
    public int columns() {
        return columns;
    }

    public int rows() {
        return rows;
    }

    public void windowSize(int columns, int rows) {
        if (columns > 0) {
            this.columns = columns;
        }
        if (rows > 0) {
            this.rows = rows;
        }
    }

    /** What reads the next line. */
    public InputHandler handler() {
        return handler;
    }

    /** Makes {@code next} read the following lines and lets it show its prompt. */
    public void setHandler(InputHandler next) {
        this.handler = Objects.requireNonNull(next, "next");
        next.onEnter(this);
    }

    /**
     * Sends a line of text (held while one of this session's commands runs). Any thread. Sent by a
     * snippet's run, it is charged to the run's output budget (past it the run is stopped first).
     */
    public void send(String text) {
        dev.cantrip.repl.RunCharges.outputLine(String.valueOf(text));
        out(new Out.Line(text));
    }

    /** Sends a prompt with no line break. Any thread. Charged like {@link #send}. */
    public void prompt(String text) {
        dev.cantrip.repl.RunCharges.outputLine(String.valueOf(text));
        out(new Out.Prompt(text));
    }

    /** A message to the character this session plays, already charged by its sender ({@link GameObject#msg}). */
    void deliver(String text) {
        out(new Out.Line(text));
    }

    private void out(Out o) {
        Runnable write = () -> write(o);
        if (!pump.hold(write)) {
            write.run();
        }
    }

    private void write(Out o) {
        switch (o) {
            case Out.Line l -> connection.send(l.text());
            case Out.Prompt p -> connection.prompt(p.text());
        }
    }

    // ---- the input pump's side: loop thread only ----

    boolean busy() {
        return busy;
    }

    void busy(boolean b) {
        busy = b;
    }

    Deque<String> queuedLines() {
        return queuedLines;
    }

    boolean overflowWarned() {
        return overflowWarned;
    }

    void overflowWarned(boolean warned) {
        overflowWarned = warned;
    }

    /** Whether the session has been disconnected. */
    public boolean closed() {
        return closed;
    }

    void markClosed() {
        closed = true;
    }

    @Override
    public String toString() {
        Account a = account;
        return "session " + id + " (" + connection.protocol() + " " + connection.remoteAddress()
                + (a == null ? "" : ", " + a.name()) + ")";
    }
}
