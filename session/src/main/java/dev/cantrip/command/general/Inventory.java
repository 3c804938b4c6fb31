package dev.cantrip.command.general;

import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.world.GameObject;
import java.util.List;

/** {@code inventory}: what the caller carries. */
public final class Inventory implements Command {

    @Override
    public String key() {
        return "inventory";
    }

    @Override
    public List<String> aliases() {
        return List.of("i", "inv");
    }

    @Override
    public String help() {
        return """
                inventory

                Lists what you are carrying. i and inv are short for it.""";
    }

    @Override
    public void run(CommandContext ctx) {
        List<GameObject> carried = ctx.caller().contents();
        if (carried.isEmpty()) {
            ctx.reply("You are not carrying anything.");
            return;
        }
        StringBuilder b = new StringBuilder("You are carrying:");
        carried.forEach(o -> b.append("\n  ").append(Look.name(ctx, o)));
        ctx.reply(b.toString());
    }
}
