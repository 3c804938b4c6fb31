package dev.cantrip.command;

import dev.cantrip.account.Role;
import java.util.List;

/**
 * A game command, such as {@code look} or {@code @set}. Commands run on the game loop, one at a
 * time; what they change is saved, and what they print reaches the player once it is saved.
 */
public interface Command {

    /** The name players type, lower case ({@code "look"}, {@code "@set"}). */
    String key();

    /** Other names for the same command. */
    default List<String> aliases() {
        return List.of();
    }

    /** The lowest role that may use it; anyone below gets the same answer as for an unknown command. */
    default Role minRole() {
        return Role.PLAYER;
    }

    /** Help text: the first line is the usage, then a blank line, then the details. */
    String help();

    /** Runs the command. */
    void run(CommandContext ctx);
}
