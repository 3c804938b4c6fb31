package dev.cantrip.command.admin;

import dev.cantrip.account.Role;
import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;

/** {@code @reload}: reloads the game layer from the database, keeping everyone connected. */
public final class Reload implements Command {

    @Override
    public String key() {
        return "@reload";
    }

    @Override
    public Role minRole() {
        return Role.DEVELOPER;
    }

    @Override
    public String help() {
        return """
                @reload

                Restarts the game layer in place: pending changes are written, the world and the
                accounts are read back from the database, and every player stays connected and
                logged in. Input typed meanwhile waits and runs afterwards.""";
    }

    @Override
    public void run(CommandContext ctx) {
        ctx.game().reload(ctx.account().name());
    }
}
