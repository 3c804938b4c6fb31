package dev.cantrip.command.general;

import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.game.Rooms;

/** {@code drop <thing>}: puts down something the caller carries. */
public final class Drop implements Command {

    @Override
    public String key() {
        return "drop";
    }

    @Override
    public String help() {
        return """
                drop <thing>

                Puts down something you are carrying.""";
    }

    @Override
    public void run(CommandContext ctx) {
        if (ctx.args().isEmpty()) {
            ctx.reply("Drop what? Type: drop <thing>");
            return;
        }
        ctx.match(ctx.args()).ifPresent(o -> {
            if (o.location() != ctx.caller()) {
                ctx.reply("You are not carrying " + o.key() + ".");
                return;
            }
            o.moveTo(ctx.here());
            ctx.reply("You drop " + o.key() + ".");
            Rooms.announce(ctx.here(), ctx.caller().key() + " drops " + o.key() + ".", ctx.caller());
        });
    }
}
