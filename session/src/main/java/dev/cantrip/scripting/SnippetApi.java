package dev.cantrip.scripting;

import dev.cantrip.game.Game;
import dev.cantrip.sandbox.Inspector;
import dev.cantrip.account.Account;
import dev.cantrip.account.Role;
import dev.cantrip.flow.Interaction;
import dev.cantrip.session.Session;
import dev.cantrip.tasks.AsyncTask;
import dev.cantrip.tasks.AsyncWork;
import dev.cantrip.tasks.Callback0;
import dev.cantrip.tasks.Callback1;
import dev.cantrip.tasks.Callback2;
import dev.cantrip.tasks.Callback3;
import dev.cantrip.tasks.Flow;
import dev.cantrip.tasks.FlowBody;
import dev.cantrip.tasks.Task;
import dev.cantrip.world.GameObject;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The game as snippets reach it beyond their bindings. Snippets call these through top-level
 * methods of the same names ({@code obj(12)}, {@code search("sword")}, {@code inspect(here)},
 * {@code delay(10, who -> who.msg("Test!"), self)}, {@code tasks()}, {@code exit()}); like all
 * world access they run on the game loop.
 */
public final class SnippetApi {

    private static final Inspector INSPECTOR = Inspector.standard();

    // The longest delay: further than this is more likely a mistake (milliseconds for seconds).
    private static final Duration MAX_DELAY = Duration.ofDays(365);

    private final Game game;
    private final JavaService java;
    private final Session session; // null in the JShell that rebuilds an account's persistent tasks
    private final java.util.function.Supplier<Account> account;
    private boolean exitRequested;

    SnippetApi(Game game, JavaService java, Session session) {
        this(game, java, Objects.requireNonNull(session, "session"), session::account);
    }

    /** The API of the JShell that rebuilds the persistent tasks of an account (no session). */
    SnippetApi(Game game, JavaService java, java.util.function.Supplier<Account> account) {
        this(game, java, null, account);
    }

    private SnippetApi(Game game, JavaService java, Session session, java.util.function.Supplier<Account> account) {
        this.game = Objects.requireNonNull(game, "game");
        this.java = Objects.requireNonNull(java, "java");
        this.session = session;
        this.account = account;
    }

    private Account account() {
        Account a = account.get();
        if (a == null) {
            throw new IllegalStateException("this code's account no longer exists");
        }
        return a;
    }

    private Session sessionFor(String what) {
        if (session == null) {
            throw new IllegalStateException(what + " needs its player's session; a task rebuilt after a restart has none");
        }
        return session;
    }

    /**
     * The object with id {@code id}.
     *
     * @throws NoSuchElementException if there is none
     */
    public GameObject obj(long id) {
        return game.world().find(id).orElseThrow(() -> new NoSuchElementException("there is no object #" + id));
    }

    /** Objects whose name is {@code name}, ignoring case (empty if none). */
    public List<GameObject> search(String name) {
        Objects.requireNonNull(name, "name");
        return game.world().search(name);
    }

    /**
     * The fields and values of {@code value}, read by the server (snippets have no reflection):
     * two levels deep, 20 fields or elements each, 4,000 characters; secrets hidden. Below
     * Developer, a world object is shown as the game shows it (as {@code @examine} does), and the
     * server's own objects (the game, the engine, sessions, accounts) are not opened.
     *
     * @throws IllegalArgumentException below Developer, for an object of the server's own
     */
    public String inspect(Object value) {
        return account().role() == Role.DEVELOPER ? INSPECTOR.inspect(value) : InspectView.inspect(value, game);
    }

    /**
     * Runs {@code callback} on the game loop once {@code seconds} have passed, under your budget;
     * returns its {@link Task} at once. What it throws is told to you.
     *
     * @throws IllegalArgumentException if {@code seconds} is negative, not a number, or more than a year
     * @throws IllegalStateException if you have as many tasks pending as an account may
     */
    public Task delay(double seconds, Callback0 callback) {
        return delay(seconds(seconds), callback);
    }

    /** {@link #delay(double, Callback0)} passing {@code a} to the callback: {@code delay(10, who -> who.msg("Hi"), self)}. */
    public <A> Task delay(double seconds, Callback1<A> callback, A a) {
        return delay(seconds(seconds), callback, a);
    }

    /** {@link #delay(double, Callback0)} passing two arguments. */
    public <A, B> Task delay(double seconds, Callback2<A, B> callback, A a, B b) {
        return delay(seconds(seconds), callback, a, b);
    }

    /** {@link #delay(double, Callback0)} passing three arguments. */
    public <A, B, C> Task delay(double seconds, Callback3<A, B, C> callback, A a, B b, C c) {
        return delay(seconds(seconds), callback, a, b, c);
    }

    /** {@link #delay(double, Callback0)} after a {@link Duration}. */
    public Task delay(Duration after, Callback0 callback) {
        Objects.requireNonNull(callback, "callback");
        return java.schedule(account(), session, checked(after), callback, () -> {
            callback.call();
            return null;
        }, List.of());
    }

    /** {@link #delay(double, Callback1, Object)} after a {@link Duration}. */
    public <A> Task delay(Duration after, Callback1<A> callback, A a) {
        Objects.requireNonNull(callback, "callback");
        return java.schedule(account(), session, checked(after), callback, () -> {
            callback.call(a);
            return null;
        }, Arrays.asList(a));
    }

    /** {@link #delay(double, Callback2, Object, Object)} after a {@link Duration}. */
    public <A, B> Task delay(Duration after, Callback2<A, B> callback, A a, B b) {
        Objects.requireNonNull(callback, "callback");
        return java.schedule(account(), session, checked(after), callback, () -> {
            callback.call(a, b);
            return null;
        }, Arrays.asList(a, b));
    }

    /** {@link #delay(double, Callback3, Object, Object, Object)} after a {@link Duration}. */
    public <A, B, C> Task delay(Duration after, Callback3<A, B, C> callback, A a, B b, C c) {
        Objects.requireNonNull(callback, "callback");
        return java.schedule(account(), session, checked(after), callback, () -> {
            callback.call(a, b, c);
            return null;
        }, Arrays.asList(a, b, c));
    }

    /**
     * Runs {@code work} on a background worker (never the game loop), under your background budget;
     * returns at once. What it throws is told to you. It may compute, but not touch world objects
     * (only {@code msg} is safe there): do that in {@code onReturn}.
     *
     * @throws IllegalStateException if you have as many jobs running as an account may
     */
    public <T> AsyncTask runAsync(AsyncWork<T> work) {
        return java.runAsync(account(), session, Objects.requireNonNull(work, "work"), null, null);
    }

    /** {@link #runAsync(AsyncWork)}, then {@code onReturn} with its result, on the game loop. */
    public <T> AsyncTask runAsync(AsyncWork<T> work, Callback1<? super T> onReturn) {
        return java.runAsync(account(), session, Objects.requireNonNull(work, "work"),
                Objects.requireNonNull(onReturn, "onReturn"), null);
    }

    /** {@link #runAsync(AsyncWork, Callback1)}, or {@code onError} with what it threw, on the game loop. */
    public <T> AsyncTask runAsync(AsyncWork<T> work, Callback1<? super T> onReturn, Callback1<? super Exception> onError) {
        return java.runAsync(account(), session, Objects.requireNonNull(work, "work"),
                Objects.requireNonNull(onReturn, "onReturn"), Objects.requireNonNull(onError, "onError"));
    }

    /**
     * Runs {@code body} as an interactive flow, in lockstep with the game loop, under your budget
     * (each step between two waits has the whole of it); returns its {@link Flow} at once, whose
     * {@code then(v -> ...)} gets what the body returns. Inside, {@link #pause}, {@link #ask} and
     * {@link #confirm} wait without holding anyone up.
     */
    public <V> Flow<V> interactive(FlowBody<V> body) {
        return java.interactive(sessionFor("interactive(...)"), Objects.requireNonNull(body, "body"));
    }

    /** Inside a flow: waits {@code seconds} without blocking anyone. */
    public void pause(double seconds) {
        Interaction.pause(seconds(seconds));
    }

    /** Inside a flow: asks you {@code question}; returns the next line you type (not run as a command). */
    public String ask(String question) {
        return Interaction.ask(question);
    }

    /** Inside a flow: {@link #ask(String)}, with {@code fallback} if no answer comes within {@code timeoutSeconds}. */
    public String ask(String question, double timeoutSeconds, String fallback) {
        return Interaction.ask(question, seconds(timeoutSeconds), fallback);
    }

    /** Inside a flow: asks until the answer is yes, y, no or n; returns whether it was yes. */
    public boolean confirm(String question) {
        return Interaction.confirm(question);
    }

    /**
     * Makes all of {@code tasks} persistent with one wait for the disk, where calling
     * {@link Task#persist()} on each would wait once per task: every one is checked and described
     * first, so either all are durable when this returns or none became persistent (the message
     * names the task and why). Returns the tasks.
     */
    public List<Task> persistAll(Collection<? extends Task> tasks) {
        return game.tasks().persistAll(Objects.requireNonNull(tasks, "tasks"));
    }

    /** Your active tasks, soonest first. */
    public List<Task> tasks() {
        return game.tasks().of(account().id());
    }

    /**
     * For the server's own use while it rebuilds a persistent task: a value the task kept.
     *
     * @throws IllegalStateException anywhere else
     */
    public Object restored(long taskId, String kind, int index) {
        return java.restoredValue(this, taskId, kind, index);
    }

    /**
     * For the server's own use while it rebuilds a persistent task: the callback, compiled again.
     *
     * @throws IllegalStateException anywhere else
     */
    public void rebuilt(long taskId, Object callback) {
        java.rebuilt(this, taskId, callback);
    }

    /** The id of the account whose code this API serves (-1 if it no longer exists). */
    long accountId() {
        Account a = account.get();
        return a == null ? -1 : a.id();
    }

    /** Whether this is the API of a JShell that rebuilds persistent tasks. */
    boolean rebuilding() {
        return session == null;
    }

    private static Duration seconds(double seconds) {
        if (Double.isNaN(seconds) || seconds < 0) {
            throw new IllegalArgumentException("a time cannot be " + seconds + " seconds; give 0 or more");
        }
        if (seconds > MAX_DELAY.toSeconds()) {
            throw new IllegalArgumentException("a time can be at most a year (" + MAX_DELAY.toSeconds()
                    + " seconds); " + seconds + " is more");
        }
        return Duration.ofNanos((long) (seconds * 1e9));
    }

    private static Duration checked(Duration after) {
        Objects.requireNonNull(after, "after");
        if (after.isNegative()) {
            throw new IllegalArgumentException("a delay cannot be negative (" + after + ")");
        }
        if (after.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("a delay can be at most a year; " + after + " is more");
        }
        return after;
    }

    /** Leaves the Java console once the current input has run. */
    public void exit() {
        exitRequested = true;
    }

    /** Whether {@link #exit} was called since the last time this was asked. Loop only. */
    boolean takeExitRequest() {
        boolean r = exitRequested;
        exitRequested = false;
        return r;
    }
}
