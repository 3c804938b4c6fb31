package dev.cantrip.command.admin;

import dev.cantrip.account.Role;
import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;

/** {@code @shutdown}: stops the server cleanly. */
public final class Shutdown implements Command {

    @Override
    public String key() {
        return "@shutdown";
    }

    @Override
    public Role minRole() {
        return Role.DEVELOPER;
    }

    @Override
    public String help() {
        return """
                @shutdown

                Stops the server: everyone is told and disconnected, every change is written,
                and the process exits.""";
    }

    @Override
    public void run(CommandContext ctx) {
        ctx.game().shutdown(ctx.account().name());
    }
}
