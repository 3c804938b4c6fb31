package dev.cantrip.command.building;

import dev.cantrip.account.Role;
import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.world.GameObject;
import dev.cantrip.world.ObjectKind;

/** {@code @create <name>}: makes a new thing, carried by its maker. */
public final class CreateThing implements Command {

    @Override
    public String key() {
        return "@create";
    }

    @Override
    public Role minRole() {
        return Role.BUILDER;
    }

    @Override
    public String help() {
        return """
                @create <name>

                Creates a new thing and puts it in your inventory ("drop" it to leave it in the
                room). Set its description with: @set <name>/desc = <text>""";
    }

    @Override
    public void run(CommandContext ctx) {
        if (ctx.args().isEmpty()) {
            ctx.reply("Create what? Type: @create <name>");
            return;
        }
        GameObject o = ctx.world().create(ObjectKind.THING, ctx.args(), ctx.caller());
        ctx.reply("Created " + o.key() + " (" + o.ref() + "). It is in your inventory.");
    }
}
