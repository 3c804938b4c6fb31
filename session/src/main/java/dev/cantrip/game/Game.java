package dev.cantrip.game;

import dev.cantrip.account.Account;
import dev.cantrip.account.AccountRegistry;
import dev.cantrip.account.LoginThrottle;
import dev.cantrip.account.PasswordHasher;
import dev.cantrip.account.Role;
import dev.cantrip.command.CommandRegistry;
import dev.cantrip.login.LoginScreen;
import dev.cantrip.loop.GameLoop;
import dev.cantrip.session.Connection;
import dev.cantrip.session.InputPump;
import dev.cantrip.session.Session;
import dev.cantrip.session.SessionRegistry;
import dev.cantrip.store.Snapshot;
import dev.cantrip.store.Store;
import dev.cantrip.world.GameObject;
import dev.cantrip.world.ObjectKind;
import dev.cantrip.world.World;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The game layer: the world and accounts (reloadable from the store), the connected sessions and
 * the commands, all driven by the game loop. Network code calls {@link #connect}, {@link #input}
 * and {@link #disconnect} from its own threads; everything else runs on the loop.
 */
public final class Game {

    private static final System.Logger LOG = System.getLogger(Game.class.getName());

    /**
     * What the game layer can be tuned with.
     *
     * @param loginIdleTimeout how long a connection may sit on the login screen without typing
     * @param passwordIterations PBKDF2 iterations for new password hashes
     * @param maxQueuedLines lines a busy session may have waiting
     */
    public record Settings(Duration loginIdleTimeout, int passwordIterations, int maxQueuedLines) {
        public Settings {
            Objects.requireNonNull(loginIdleTimeout, "loginIdleTimeout");
        }
    }

    private final GameLoop loop;
    private final Store store;
    private final Settings settings;
    private final SessionRegistry sessions = new SessionRegistry();
    private final InputPump pump;
    private final CommandRegistry commands;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle = new LoginThrottle();
    private final ExecutorService passwordWorkers;
    private final Consumer<String> shutdownRequest;
    private final Instant startedAt = Instant.now();
    private final Set<String> reservedNames = new HashSet<>();
    private final CompletableFuture<String> decoyHash;
    private World world;
    private AccountRegistry accounts;
    private boolean reloading;

    private Game(GameLoop loop, Store store, Settings settings, CommandRegistry commands,
                 Consumer<String> shutdownRequest) {
        this.loop = loop;
        this.store = store;
        this.settings = settings;
        this.commands = commands;
        this.shutdownRequest = shutdownRequest;
        this.hasher = new PasswordHasher(settings.passwordIterations());
        this.pump = new InputPump(loop, () -> store.whenDurable(store.lastSubmitted()), settings.maxQueuedLines());
        // Password hashing is slow on purpose; it must never run on the loop.
        this.passwordWorkers = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("cantrip-password-", 1)
                .daemon(true).factory());
        this.decoyHash = hashPassword(UUID.randomUUID().toString().toCharArray());
    }

    /**
     * Builds the game from the store's contents. Must run on the loop thread.
     *
     * @param shutdownRequest called (on the loop) with who asked, when a Developer shuts the server down
     */
    public static Game start(GameLoop loop, Store store, Settings settings, CommandRegistry commands,
                             Consumer<String> shutdownRequest) {
        loop.checkInLoop("start the game");
        Game g = new Game(loop, store, settings, commands, shutdownRequest);
        g.loadState(store.load());
        g.scheduleIdleCheck();
        return g;
    }

    private void loadState(Snapshot snapshot) {
        world = World.load(snapshot, loop, store, sessions);
        accounts = AccountRegistry.load(snapshot, store);
    }

    // ---- accessors (loop thread) ----

    public GameLoop loop() {
        return loop;
    }

    public Store store() {
        return store;
    }

    public World world() {
        return world;
    }

    public AccountRegistry accounts() {
        return accounts;
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    public InputPump pump() {
        return pump;
    }

    public CommandRegistry commands() {
        return commands;
    }

    public LoginThrottle throttle() {
        return throttle;
    }

    public Instant startedAt() {
        return startedAt;
    }

    // ---- entry points for network code (any thread) ----

    /** A client connected: registers its session and shows the login screen. */
    public Session connect(Connection connection) {
        Session s = new Session(connection);
        sessions.add(s);
        loop.execute(() -> pump.step(s, () -> s.setHandler(new LoginScreen(this))));
        return s;
    }

    /** The client typed a line. */
    public void input(Session s, String line) {
        loop.execute(() -> pump.line(s, line));
    }

    /** The client disconnected (or was disconnected). */
    public void disconnect(Session s) {
        loop.execute(() -> {
            if (s.closed()) {
                return;
            }
            pump.closed(s);
            sessions.remove(s);
            GameObject c = s.character();
            if (c != null && !c.destroyed() && !sessions.isPuppeted(c.id()) && c.location() != null) {
                Rooms.announce(c.location(), c.key() + " has disconnected.", c);
            }
            LOG.log(System.Logger.Level.INFO, "{0} disconnected", s);
        });
    }

    // ---- password work, off the loop ----

    /** Hashes a password on a worker; clears the array when done. */
    public CompletableFuture<String> hashPassword(char[] password) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return hasher.hash(password);
            } finally {
                Arrays.fill(password, '\0');
            }
        }, passwordWorkers);
    }

    /** The hash of a random password, for checking logins to names that do not exist. */
    public CompletableFuture<String> decoyHash() {
        return decoyHash;
    }

    /** Lower-case account names being created right now (their password is being hashed). Loop only. */
    public Set<String> reservedNames() {
        return reservedNames;
    }

    /** Checks a password on a worker; clears the array when done. */
    public CompletableFuture<Boolean> verifyPassword(char[] password, String storedHash) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return hasher.verify(password, storedHash);
            } finally {
                Arrays.fill(password, '\0');
            }
        }, passwordWorkers);
    }

    // ---- logging in and out (loop thread) ----

    /**
     * Creates an account with its character in the starting room. Loop only.
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

    /** Logs {@code account} in on {@code s}: puppets its character and starts taking commands. */
    public void login(Session s, Account account) {
        loop.checkInLoop("log in");
        GameObject character = world.find(account.characterId())
                .filter(c -> c.kind() == ObjectKind.CHARACTER)
                .orElseGet(() -> recreateCharacter(account));
        if (character.location() == null) {
            character.moveTo(world.limbo());
        }
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
    }

    private GameObject recreateCharacter(Account account) {
        LOG.log(System.Logger.Level.WARNING, "the character of account {0} is missing; making a new one",
                account.name());
        GameObject c = world.create(ObjectKind.CHARACTER, account.name(), world.limbo());
        accounts.update(new Account(account.id(), account.name(), account.passwordHash(), account.role(), c.id(),
                account.createdAt()));
        return c;
    }

    /**
     * Saves a changed account and puts the new version on every session logged in to it. Loop only.
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

    /** Ends a session at the player's request. */
    public void quit(Session s, String farewell) {
        s.connection().close(farewell);
        disconnect(s);
    }

    // ---- server-wide actions (loop thread) ----

    /** Sends a line to every logged-in session. Loop only. */
    public void announce(String text) {
        for (Session s : sessions.all()) {
            if (s.loggedIn()) {
                s.send(text);
            }
        }
    }

    /**
     * Reloads the world and accounts from the database without dropping anyone: input is held,
     * pending writes are flushed, everything is read again, and every session is put back on its
     * account and character. Loop only.
     */
    public void reload(String by) {
        loop.checkInLoop("reload");
        if (reloading) {
            return;
        }
        reloading = true;
        announce("The game is reloading (asked by " + by + "); your connection stays open...");
        pump.pause();
        store.whenDurable(store.lastSubmitted())
                .handleAsync((ok, failure) -> store.load())
                .whenComplete((snapshot, failure) -> loop.execute(() -> finishReload(snapshot, failure)));
    }

    private void finishReload(Snapshot snapshot, Throwable failure) {
        reloading = false;
        if (failure != null) {
            LOG.log(System.Logger.Level.ERROR, "reload failed; the game keeps running on its current state", failure);
            announce("The reload failed (" + failure.getMessage() + "); the game goes on as it was.");
            pump.resume(sessions.all());
            return;
        }
        loadState(snapshot);
        for (Session s : sessions.all()) {
            Account old = s.account();
            if (old == null) {
                continue;
            }
            accounts.find(old.name()).ifPresentOrElse(a -> {
                GameObject c = world.find(a.characterId()).orElseGet(() -> recreateCharacter(a));
                s.attach(a, c);
                sessions.puppet(s, c);
            }, () -> quit(s, "Your account no longer exists after the reload."));
        }
        LOG.log(System.Logger.Level.INFO, "reload done: {0} objects, {1} accounts", world.size(),
                accounts.all().size());
        announce("Reload complete.");
        pump.resume(sessions.all());
    }

    /** Asks the server to shut down. Loop only. */
    public void shutdown(String by) {
        loop.checkInLoop("shut down");
        shutdownRequest.accept(by);
    }

    /** Tells every session the server is stopping and closes them. Any thread. */
    public void closeAll(String farewell) {
        for (Session s : sessions.all()) {
            s.connection().close(farewell);
        }
    }

    /** Stops the password workers. */
    public void stop() {
        passwordWorkers.shutdownNow();
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
