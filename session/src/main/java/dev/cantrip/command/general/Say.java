package dev.cantrip.command.general;

import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.game.Rooms;
import java.util.List;

/** {@code say <text>}: speaks to everyone in the room. */
public final class Say implements Command {

    @Override
    public String key() {
        return "say";
    }

    @Override
    public List<String> aliases() {
        return List.of("'");
    }

    @Override
    public String help() {
        return """
                say <text>

                Says something to everyone in the room. ' is short for say.""";
    }

    @Override
    public void run(CommandContext ctx) {
        if (ctx.args().isEmpty()) {
            ctx.reply("Say what? Type: say <text>");
            return;
        }
        ctx.reply("You say, \"" + ctx.args() + "\"");
        Rooms.announce(ctx.here(), ctx.caller().key() + " says, \"" + ctx.args() + "\"", ctx.caller());
    }
}
