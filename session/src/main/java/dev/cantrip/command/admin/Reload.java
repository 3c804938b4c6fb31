package dev.cantrip.command.admin;

import dev.cantrip.account.Role;
import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.command.CommandSpec;

/** {@code @reload}: reloads the game layer from the database, keeping everyone connected. */
public final class Reload implements Command {

    private static final CommandSpec SPEC = new CommandSpec("@reload", Role.DEVELOPER, """
                @reload

                Restarts the game layer in place: pending changes are written, the world and the
                accounts are read back from the database, and every player stays connected and
                logged in. Input typed meanwhile waits and runs afterwards.""");

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext ctx) {
        if (!ctx.game().reload(ctx.account().name())) {
            ctx.reply("A reload is already running.");
        }
    }
}
