package dev.cantrip.command;

/**
 * A game command, such as {@code look} or {@code @set}. Commands run on the game loop, one at a
 * time; what they change is saved, and what they print reaches the player once it is saved.
 */
public interface Command {

    /** Name, aliases, role and help. */
    CommandSpec spec();

    /** Runs the command. */
    void run(CommandContext ctx);
}
