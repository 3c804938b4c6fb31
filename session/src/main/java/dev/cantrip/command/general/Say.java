package dev.cantrip.command.general;

import dev.cantrip.account.Role;
import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.command.CommandSpec;
import dev.cantrip.game.Rooms;

/** {@code say <text>}: speaks to everyone in the room. */
public final class Say implements Command {

    private static final CommandSpec SPEC = new CommandSpec("say", Role.PLAYER, """
                say <text>

                Says something to everyone in the room. 'hello and "hello are short for say hello.""", "'", "\"").needingArgument();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext ctx) {
        ctx.reply("You say, \"" + ctx.args() + "\"");
        Rooms.announce(ctx.here(), ctx.caller().key() + " says, \"" + ctx.args() + "\"", ctx.caller());
    }
}
