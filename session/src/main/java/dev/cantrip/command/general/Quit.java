package dev.cantrip.command.general;

import dev.cantrip.account.Role;
import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.command.CommandSpec;

/** {@code quit}: disconnects. */
public final class Quit implements Command {

    private static final CommandSpec SPEC = new CommandSpec("quit", Role.PLAYER, """
                quit

                Disconnects. Your character stays where it is until you come back.""");

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext ctx) {
        ctx.game().quit(ctx.session(), "Goodbye, " + ctx.account().name() + ".");
    }
}
