package dev.cantrip.command.general;

import dev.cantrip.account.Role;
import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.command.CommandSpec;
import dev.cantrip.world.GameObject;
import java.util.List;

/** {@code inventory}: what the caller carries. */
public final class Inventory implements Command {

    private static final CommandSpec SPEC = new CommandSpec("inventory", Role.PLAYER, """
                inventory

                Lists what you are carrying. i and inv are short for it.""", "i", "inv");

    @Override
    public CommandSpec spec() {
        return SPEC;
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
