package dev.cantrip.command.admin;

import dev.cantrip.account.Role;
import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.command.CommandSpec;

/** {@code @stats}: how the server is doing (loop lag, sessions, commands, tasks, JShells, heap). */
public final class Stats implements Command {

    private static final CommandSpec SPEC = new CommandSpec("@stats", Role.DEVELOPER, """
                @stats

                Shows how the server is doing: the game loop's lag (from an event's arrival to its
                start) p50/p99/max over the last minute, sessions, commands per second over the
                last minute, pending tasks by kind, JShell instances open and pooled, and heap
                used. The same figures go to the server log once a minute unless the game is idle.""");

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext ctx) {
        ctx.game().stats().lines().forEach(ctx::reply);
    }
}
