package dev.cantrip.scripting;

import dev.cantrip.game.Game;
import dev.cantrip.sandbox.Inspector;
import dev.cantrip.world.GameObject;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The game as snippets reach it beyond their bindings. Snippets call these through top-level
 * methods of the same names ({@code obj(12)}, {@code search("sword")}, {@code inspect(here)},
 * {@code exit()}); like all world access they run on the game loop.
 */
public final class SnippetApi {

    private static final Inspector INSPECTOR = Inspector.standard();

    private final Game game;
    private boolean exitRequested;

    SnippetApi(Game game) {
        this.game = Objects.requireNonNull(game, "game");
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
     * two levels deep, 20 fields or elements each, 4,000 characters; secrets hidden.
     */
    public String inspect(Object value) {
        return INSPECTOR.inspect(value);
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
