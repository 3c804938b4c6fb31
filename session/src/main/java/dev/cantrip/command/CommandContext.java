package dev.cantrip.command;

import dev.cantrip.account.Account;
import dev.cantrip.account.Role;
import dev.cantrip.game.Game;
import dev.cantrip.session.Session;
import dev.cantrip.world.GameObject;
import dev.cantrip.world.World;
import java.util.Objects;
import java.util.Optional;

/** What a running command sees: who typed it, what they typed, and the game. Loop thread only. */
public final class CommandContext {

    private final Game game;
    private final Session session;
    private final CommandInput input;

    public CommandContext(Game game, Session session, CommandInput input) {
        this.game = Objects.requireNonNull(game, "game");
        this.session = Objects.requireNonNull(session, "session");
        this.input = Objects.requireNonNull(input, "input");
    }

    public Game game() {
        return game;
    }

    public World world() {
        return game.world();
    }

    public Session session() {
        return session;
    }

    public Account account() {
        return session.account();
    }

    /** The caller's character. */
    public GameObject caller() {
        return session.character();
    }

    /** The caller's location now. */
    public GameObject here() {
        return caller().location();
    }

    public CommandInput input() {
        return input;
    }

    /** The text after the command word and switches. */
    public String args() {
        return input.args();
    }

    /** Whether the caller has {@code role} or higher. */
    public boolean can(Role role) {
        return account().hasRole(role);
    }

    /** Sends a line to the caller's session. */
    public void reply(String text) {
        session.send(text);
    }

    /**
     * Finds the object the caller means by {@code query} (see {@link ObjectMatcher}); when there is
     * no single match, tells the caller why and returns empty.
     */
    public Optional<GameObject> match(String query) {
        ObjectMatcher.Result r = ObjectMatcher.match(this, query);
        return switch (r) {
            case ObjectMatcher.Result.Found f -> Optional.of(f.object());
            case ObjectMatcher.Result.Problem p -> {
                reply(p.message());
                yield Optional.empty();
            }
        };
    }
}
