package dev.cantrip.command.admin;

import dev.cantrip.account.Role;
import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.command.CommandSpec;

/** {@code @shutdown}: stops the server cleanly. */
public final class Shutdown implements Command {

    private static final CommandSpec SPEC = new CommandSpec("@shutdown", Role.DEVELOPER, """
                @shutdown

                Stops the server: everyone is told and disconnected, every change is written,
                and the process exits.""");

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext ctx) {
        ctx.game().shutdown(ctx.account().name());
    }
}
