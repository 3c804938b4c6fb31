package dev.cantrip.command.general;

import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;

/** {@code quit}: disconnects. */
public final class Quit implements Command {

    @Override
    public String key() {
        return "quit";
    }

    @Override
    public String help() {
        return """
                quit

                Disconnects. Your character stays where it is until you come back.""";
    }

    @Override
    public void run(CommandContext ctx) {
        ctx.game().quit(ctx.session(), "Goodbye, " + ctx.account().name() + ".");
    }
}
