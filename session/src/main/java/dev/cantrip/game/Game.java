package dev.cantrip.game;

import dev.cantrip.account.Account;
import dev.cantrip.account.AccountRegistry;
import dev.cantrip.account.Role;
import dev.cantrip.command.CommandRegistry;
import dev.cantrip.flow.Flows;
import dev.cantrip.login.LoginScreen;
import dev.cantrip.login.Passwords;
import dev.cantrip.loop.GameLoop;
import dev.cantrip.session.Connection;
import dev.cantrip.session.InputPump;
import dev.cantrip.session.Session;
import dev.cantrip.session.SessionRegistry;
import dev.cantrip.store.Snapshot;
import dev.cantrip.store.Store;
import dev.cantrip.tasks.Restorer;
import dev.cantrip.tasks.TaskOwner;
import dev.cantrip.tasks.Tasks;
import dev.cantrip.world.Acting;
import dev.cantrip.world.Actor;
import dev.cantrip.world.GameObject;
import dev.cantrip.world.ObjectKind;
import dev.cantrip.world.World;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The game layer: the world and accounts (reloadable from the store), the connected sessions and
 * the commands, all driven by the game loop. Network code calls {@link #connect}, {@link #input}
 * and {@link #disconnect} from its own threads; every other method is for the loop thread.
 */
public final class Game {

    private static final System.Logger LOG = System.getLogger(Game.class.getName());

    /**
     * What the game layer can be tuned with.
     *
     * @param loginIdleTimeout how long a connection may sit on the login screen without typing
     * @param passwordIterations PBKDF2 iterations for new password hashes
     * @param maxQueuedLines lines a busy session may have waiting
     * @param creationsPerAddress accounts one address may create in five minutes (0: no limit)
     * @param flowEscape what a line starts with to run as a command while an interactive flow waits
     *     for an answer ({@code !look})
     */
    public record Settings(Duration loginIdleTimeout, int passwordIterations, int maxQueuedLines,
                           int creationsPerAddress, String flowEscape) {
        public Settings {
            Objects.requireNonNull(loginIdleTimeout, "loginIdleTimeout");
            Objects.requireNonNull(flowEscape, "flowEscape");
            if (flowEscape.isBlank() || flowEscape.length() > 8) {
                throw new IllegalArgumentException("the flow escape must be 1 to 8 characters, not '" + flowEscape + "'");
            }
        }

        /** Settings with the default flow escape, {@code !}. */
        public Settings(Duration loginIdleTimeout, int passwordIterations, int maxQueuedLines, int creationsPerAddress) {
            this(loginIdleTimeout, passwordIterations, maxQueuedLines, creationsPerAddress, "!");
        }
    }

    private final GameLoop loop;
    private final Store store;
    private final Settings settings;
    private final SessionRegistry sessions = new SessionRegistry();
    private final InputPump pump;
    private final CommandRegistry commands;
    private final Passwords passwords;
    private final Consumer<String> shutdownRequest;
    private final Instant startedAt = Instant.now();
    private final Set<String> namesBeingCreated = new HashSet<>();
    private final List<Consumer<Session>> sessionEndListeners = new ArrayList<>();
    private final List<Runnable> reloadListeners = new ArrayList<>();
    private final List<Runnable> reloadStartListeners = new ArrayList<>();
    private final Tasks tasks;
    private final RateWindow commandRate = new RateWindow();
    private volatile Supplier<ServerStats.JShells> jshellCounts; // set on the loop, read by stats() from any thread
    private Flows flows;
    // Persistent tasks as last read from the store, and what rebuilds them (null until one is given).
    private List<dev.cantrip.tasks.TaskRow> storedTasks = List.of();
    private long nextTaskId = 1;
    private Restorer restorer;
    // What owners who were offline must be told at their next login (a task dropped, one that failed).
    private final Map<Long, ArrayDeque<String>> notesForLater = new HashMap<>();
    private World world;
    private AccountRegistry accounts;
    // Who acts at each moment; outlives reloads (each world loaded is given it).
    private final Acting acting = new Acting();
    private volatile boolean reloading; // written on the loop; read by health checks too
    private volatile java.util.function.IntSupplier stuckRuns;
    // How long a reload waits for work in progress (commands, snippet runs, callbacks, runAsync
    // jobs) before it goes on without it: the stuck ones are given up and their owners told.
    static final Duration RELOAD_WAIT = Duration.ofSeconds(10);

    private Game(GameLoop loop, Store store, Settings settings, CommandRegistry commands,
                 Consumer<String> shutdownRequest) {
        this.loop = loop;
        this.store = store;
        this.settings = settings;
        this.commands = commands;
        this.shutdownRequest = shutdownRequest;
        this.passwords = new Passwords(settings.passwordIterations(), settings.creationsPerAddress());
        this.pump = new InputPump(loop, new InputPump.Changes() {
            @Override
            public long mark() {
                return changeMark();
            }

            @Override
            public CompletableFuture<Void> durableAfter(long mark) {
                return Game.this.durableAfter(mark);
            }
        }, settings.maxQueuedLines());
        this.tasks = Tasks.start(loop, StoredTasks.in(store), InstantSource.system(), this::tellOwner);
        // A session's step acts for its account (none on the login screen: then the game's login code
        // acts); a step of the game's own, for the game.
        pump.acting((s, body) -> acting.as(s == null || s.account() == null ? Actor.HOST
                : Actor.Account.of(s.account()), body));
        acting.accountNames(id -> accounts == null ? "account #" + id
                : accounts.findById(id).map(Account::name).orElse("a deleted account (#" + id + ")"));
    }

    /**
     * Builds the game from the store's contents. Must run on the loop thread.
     *
     * @param shutdownRequest called (on the loop) with who asked, when a Developer shuts the server down
     */
    public static Game start(GameLoop loop, Store store, Settings settings, CommandRegistry commands,
                             Consumer<String> shutdownRequest) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(shutdownRequest, "shutdownRequest");
        loop.checkInLoop("start the game");
        Game g = new Game(loop, store, settings, commands, shutdownRequest);
        g.flows = new Flows(g, settings.flowEscape());
        g.loadState(store.load());
        g.scheduleIdleCheck();
        g.scheduleStatsLog();
        return g;
    }

    /**
     * Rebuilds the persistent tasks read from the store with {@code r} (the {@code java} command's,
     * which compiles snippets' callbacks again), now and after each reload. Loop only.
     */
    public void restoreTasks(Restorer r) {
        loop.checkInLoop("restore tasks");
        this.restorer = Objects.requireNonNull(r, "r");
        tasks.restore(storedTasks, nextTaskId, r);
        storedTasks = List.of();
    }

    private void loadState(Snapshot snapshot) {
        storedTasks = StoredTasks.rows(snapshot);
        nextTaskId = StoredTasks.nextId(snapshot);
        world = World.load(snapshot, loop, store, sessions, acting);
        accounts = AccountRegistry.load(snapshot, store);
    }

    /** Who acts now (the world checks every change against it). Loop only. */
    public Acting acting() {
        return acting;
    }

    /**
     * The actor of account {@code accountId}, as it is now: what its code (a task's callback, a
     * flow) may change. An account that no longer exists acts as a Player with no character.
     */
    public Actor actorOf(long accountId) {
        loop.checkInLoop("find an account's actor");
        return accounts.findById(accountId).map(Actor.Account::of)
                .orElseGet(() -> new Actor.Account(accountId, "#" + accountId, Role.PLAYER, -1));
    }

    /** Interactive flows: host commands start them with the host's trust ({@code meditate}). */
    public Flows flows() {
        return flows;
    }

    /** The game's tasks ({@code delay} and the rest): host commands use it with the host's trust. */
    public Tasks tasks() {
        return tasks;
    }

    /**
     * Tells the account of {@code owner} {@code text} on every session it has, or at its next
     * login if it has none (the last {@value #NOTES_KEPT} such notes are kept). Loop only.
     */
    public void tellOwner(TaskOwner owner, String text) {
        loop.checkInLoop("tell a task's owner");
        boolean told = false;
        for (Session s : sessions.all()) {
            if (s.account() != null && s.account().id() == owner.accountId() && !s.closed()) {
                s.send(text);
                told = true;
            }
        }
        if (!told) {
            ArrayDeque<String> notes = notesForLater.computeIfAbsent(owner.accountId(), k -> new ArrayDeque<>());
            if (notes.size() == NOTES_KEPT) {
                notes.removeFirst();
            }
            notes.addLast(text);
        }
    }

    private static final int NOTES_KEPT = 20;

    /** Calls {@code listener} on the loop each time a session ends (logout, disconnect, quit). */
    public void onSessionEnd(Consumer<Session> listener) {
        sessionEndListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Calls {@code listener} on the loop when a reload begins, before it waits for work in
     * progress to finish (so that long work can be stopped rather than waited for).
     */
    public void onReloadStart(Runnable listener) {
        reloadStartListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Calls {@code listener} on the loop after each reload has replaced the world and accounts. */
    public void onReload(Runnable listener) {
        reloadListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The loop that runs the game. Any thread. */
    public GameLoop loop() {
        return loop;
    }

    /** The world as loaded now (a reload replaces it). */
    public World world() {
        return world;
    }

    /** Every account. */
    public AccountRegistry accounts() {
        return accounts;
    }

    /** The connected sessions. Any thread. */
    public SessionRegistry sessions() {
        return sessions;
    }

    /** Runs sessions' input; commands use it to wait for work done off the loop. */
    public InputPump pump() {
        return pump;
    }

    /** A mark for the changes made so far, for {@link #durableAfter}. */
    public long changeMark() {
        return store.lastSubmitted();
    }

    /**
     * Completes when every change made so far is on disk; exceptionally if one made after
     * {@code mark} could not be written.
     */
    public CompletableFuture<Void> durableAfter(long mark) {
        return store.whenDurable(mark + 1, store.lastSubmitted());
    }

    /** The commands players can type. */
    public CommandRegistry commands() {
        return commands;
    }

    /** Password hashing, checking and throttling. */
    public Passwords passwords() {
        return passwords;
    }

    /** When the game started. Any thread. */
    public Instant startedAt() {
        return startedAt;
    }

    // ---- entry points for network code (any thread) ----

    /** A client connected: registers its session and shows the login screen. */
    public Session connect(Connection connection) {
        Session s = new Session(connection, pump);
        sessions.add(s);
        loop.execute(() -> pump.step(s, () -> s.setHandler(new LoginScreen(this))));
        return s;
    }

    /** The client typed a line; {@code taken} runs on the loop once the game has taken it. */
    public void input(Session s, String line, Runnable taken) {
        Objects.requireNonNull(s, "s");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(taken, "taken");
        loop.execute(() -> {
            try {
                pump.line(s, line);
            } finally {
                taken.run();
            }
        });
    }

    /** The client disconnected (or was disconnected). */
    public void disconnect(Session s) {
        Objects.requireNonNull(s, "s");
        loop.execute(() -> detach(s));
    }

    /** Ends a session at once: nothing it typed afterwards runs. Loop only. */
    public void quit(Session s, String farewell) {
        loop.checkInLoop("end a session");
        detach(s);
        s.connection().close(farewell);
    }

    private void detach(Session s) {
        if (s.closed()) {
            return;
        }
        pump.closed(s);
        sessions.remove(s);
        sessionEndListeners.forEach(l -> l.accept(s));
        GameObject c = s.character();
        s.attach(null, null);
        if (c != null && !c.destroyed() && !sessions.isPuppeted(c.id()) && c.location() != null) {
            Rooms.announce(c.location(), c.key() + " has disconnected.", c);
        }
        LOG.log(System.Logger.Level.INFO, "{0} disconnected", s);
    }

    // ---- accounts (loop thread) ----

    /**
     * Marks a name as being created while its password is hashed, so no one else takes it
     * meanwhile. Returns false if it is taken or already being created.
     */
    public boolean reserveName(String name) {
        return accounts.find(name).isEmpty() && namesBeingCreated.add(name.toLowerCase(Locale.ROOT));
    }

    /** Ends a reservation made by {@link #reserveName}. */
    public void releaseName(String name) {
        namesBeingCreated.remove(name.toLowerCase(Locale.ROOT));
    }

    /** Whether the name belongs to an account or is being created. */
    public boolean nameTaken(String name) {
        return accounts.find(name).isPresent() || namesBeingCreated.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Creates an account with its character in the starting room.
     *
     * @throws IllegalStateException if the name is taken
     */
    public Account createAccount(String name, String passwordHash, Role role) {
        loop.checkInLoop("create an account");
        if (accounts.find(name).isPresent()) {
            throw new IllegalStateException("the name " + name + " is taken");
        }
        GameObject character = world.create(ObjectKind.CHARACTER, name, world.limbo());
        return accounts.create(name, passwordHash, role, character.id());
    }

    /**
     * Saves a changed account and puts the new version on every session logged in to it.
     *
     * @return those sessions
     */
    public List<Session> updateAccount(Account changed) {
        loop.checkInLoop("change an account");
        accounts.update(changed);
        List<Session> on = sessions.all().stream()
                .filter(s -> s.account() != null && s.account().id() == changed.id())
                .toList();
        on.forEach(s -> s.attach(changed, s.character()));
        return on;
    }

    /** Logs {@code account} in on {@code s}: puppets its character and starts taking commands. */
    public void login(Session s, Account account) {
        loop.checkInLoop("log in");
        GameObject character = characterFor(account);
        boolean wasPlaying = sessions.isPuppeted(character.id());
        s.attach(account, character);
        sessions.puppet(s, character);
        LOG.log(System.Logger.Level.INFO, "{0} logged in", s);
        s.send("Welcome, " + account.name() + "! (" + account.role().displayName() + ")");
        if (!wasPlaying) {
            Rooms.announce(character.location(), character.key() + " has connected.", character);
        }
        CommandDispatcher dispatcher = new CommandDispatcher(this);
        s.setHandler(dispatcher);
        dispatcher.onLine(s, "look");
        ArrayDeque<String> notes = notesForLater.remove(account.id());
        if (notes != null) {
            s.send("While you were away:");
            notes.forEach(n -> s.send("  " + n));
        }
    }

    /** The account's character, placed in a room; made anew (and the account fixed) if it is gone. */
    private GameObject characterFor(Account account) {
        GameObject c = world.find(account.characterId()).filter(o -> o.kind() == ObjectKind.CHARACTER).orElse(null);
        if (c == null) {
            LOG.log(System.Logger.Level.WARNING, "the character of account {0} is missing; making a new one",
                    account.name());
            c = world.create(ObjectKind.CHARACTER, account.name(), world.limbo());
            accounts.update(account.withCharacterId(c.id()));
        }
        if (c.location() == null) {
            c.moveTo(world.limbo());
        }
        return c;
    }

    // ---- server-wide actions (loop thread) ----

    /** Sends a line to every logged-in session. */
    public void announce(String text) {
        loop.checkInLoop("announce");
        for (Session s : sessions.all()) {
            if (s.loggedIn()) {
                s.send(text);
            }
        }
    }

    /**
     * Reloads the world and accounts from the database without dropping anyone: new input is
     * held, work in progress (commands, logins) finishes, pending writes are flushed, everything is
     * read again, and every session is put back on its account and character.
     *
     * @return false if a reload is already running
     */
    public boolean reload(String by) {
        loop.checkInLoop("reload");
        if (reloading) {
            return false;
        }
        reloading = true;
        tasks.hold(); // nothing runs against the world being replaced
        announce("The game is reloading (asked by " + by + "); your connection stays open...");
        reloadStartListeners.forEach(Runnable::run);
        pump.pause(RELOAD_WAIT)
                .thenCompose(unfinished -> {
                    if (unfinished > 0) {
                        LOG.log(System.Logger.Level.WARNING, "the reload went on after " + RELOAD_WAIT.toSeconds()
                                + " s without " + unfinished + " piece(s) of unfinished work");
                    }
                    return durableAfter(changeMark());
                })
                .handleAsync((ok, failure) -> store.load())
                .whenComplete((snapshot, failure) -> loop.execute(() -> finishReload(snapshot, failure)));
        return true;
    }

    private void finishReload(Snapshot snapshot, Throwable failure) {
        reloading = false;
        if (failure != null) {
            LOG.log(System.Logger.Level.ERROR, "reload failed; the game keeps running on its current state", failure);
            announce("The reload failed; the game goes on as it was. The error has been logged.");
            tasks.release();
            pump.resume(sessions.all());
            return;
        }
        loadState(snapshot);
        for (Session s : sessions.all()) {
            Account old = s.account();
            if (old == null) {
                continue;
            }
            accounts.find(old.name()).filter(a -> a.id() == old.id()).ifPresentOrElse(a -> {
                GameObject c = characterFor(a);
                s.attach(a, c);
                sessions.puppet(s, c);
            }, () -> quit(s, "Your account no longer exists after the reload."));
        }
        tasks.dropNonPersistent("the game reloaded");
        reloadListeners.forEach(Runnable::run);
        if (restorer != null) {
            tasks.restore(storedTasks, nextTaskId, restorer); // persistent ones, rebuilt for the world just read
            storedTasks = List.of();
        }
        tasks.release();
        LOG.log(System.Logger.Level.INFO, "reload done: {0} objects, {1} accounts", world.size(),
                accounts.all().size());
        announce("Reload complete.");
        pump.resume(sessions.all());
    }

    /** Where health checks read how many snippet threads are stuck inside the JDK (the java command sets it). */
    public void reportStuckRuns(java.util.function.IntSupplier count) {
        this.stuckRuns = Objects.requireNonNull(count, "count");
    }

    /** Threads of given-up snippet runs still inside the JDK. Any thread. */
    public int stuckRuns() {
        java.util.function.IntSupplier c = stuckRuns;
        return c == null ? 0 : c.getAsInt();
    }

    /** Whether a reload is in progress (input paused until it completes). Any thread. */
    public boolean reloading() {
        return reloading;
    }

    /** Asks the server to shut down. */
    public void shutdown(String by) {
        loop.checkInLoop("shut down");
        shutdownRequest.accept(by);
    }

    /** Tells every session the server is stopping and closes them. */
    public void closeAll(String farewell) {
        loop.checkInLoop("close every session");
        for (Session s : sessions.all()) {
            quit(s, farewell);
        }
    }

    /** Stops the password workers. Any thread. */
    public void stop() {
        passwords.close();
    }

    /** Counts a line run as a command, for {@link #stats()}. Loop only. */
    void commandRun() {
        commandRate.count(System.nanoTime());
    }

    /** Where {@link #stats()} reads the Java engines' JShell counts (the {@code java} command sets it). */
    public void reportJShells(Supplier<ServerStats.JShells> counts) {
        this.jshellCounts = Objects.requireNonNull(counts, "counts");
    }

    /** How the server is doing now and over the last minute. Any thread. */
    public ServerStats stats() {
        Supplier<ServerStats.JShells> j = jshellCounts;
        Runtime rt = Runtime.getRuntime();
        return new ServerStats(loop.lag(), pump.outputHeld(), sessions.size(), commandRate.perSecond(System.nanoTime()),
                tasks.pendingByKind(), Optional.ofNullable(j == null ? null : j.get()), rt.totalMemory() - rt.freeMemory(),
                rt.maxMemory());
    }

    /** Once a minute, the figures go to the log unless the game was idle all that minute. */
    private void scheduleStatsLog() {
        loop.schedule(Duration.ofMinutes(1), () -> {
            ServerStats now = stats();
            if (!now.idle()) {
                LOG.log(System.Logger.Level.INFO, "stats: " + String.join("; ", now.lines()));
            }
            scheduleStatsLog();
        });
    }

    private void scheduleIdleCheck() {
        Duration every = settings.loginIdleTimeout().dividedBy(4);
        if (every.compareTo(Duration.ofSeconds(1)) < 0) {
            every = Duration.ofSeconds(1);
        }
        Duration period = every;
        loop.schedule(period, () -> {
            closeIdleLogins();
            scheduleIdleCheck();
        });
    }

    private void closeIdleLogins() {
        Instant cutoff = Instant.now().minus(settings.loginIdleTimeout());
        for (Session s : sessions.all()) {
            if (!s.loggedIn() && s.lastInputAt().isBefore(cutoff)) {
                LOG.log(System.Logger.Level.INFO, "{0} timed out on the login screen", s);
                quit(s, "You were idle on the login screen for too long. Goodbye.");
            }
        }
    }
}
