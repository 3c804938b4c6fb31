package dev.cantrip.world;

import dev.cantrip.account.Role;
import java.util.Objects;

/**
 * Who is changing the world right now: the game itself (host code, trusted with everything), or
 * an account (a player's command, the code that account runs: its snippets, its tasks' callbacks,
 * its flows). {@link Acting} holds the current one; {@link World} and {@link GameObject} ask it
 * before every change.
 */
public sealed interface Actor {

    /** The game itself. */
    Actor HOST = new Host();

    /** The game's own code: loading, logins, reloads, host commands' game rules. May change anything. */
    record Host() implements Actor {}

    /**
     * An account, as it was when its step began.
     *
     * @param accountId the account's id (owners of objects are account ids)
     * @param name its name, for messages
     * @param role what it may do
     * @param characterId the character it plays (-1 if none)
     */
    record Account(long accountId, String name, Role role, long characterId) implements Actor {
        public Account {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
        }

        /** The actor of account {@code a} as it is now. */
        public static Actor of(dev.cantrip.account.Account a) {
            return new Account(a.id(), a.name(), a.role(), a.characterId());
        }
    }
}
