package dev.cantrip.command.building;

import dev.cantrip.account.Role;
import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.command.CommandSpec;
import dev.cantrip.command.Names;
import dev.cantrip.world.GameObject;
import dev.cantrip.world.ObjectKind;

/** {@code @create <name>}: makes a new thing, carried by its maker. */
public final class CreateThing implements Command {

    private static final CommandSpec SPEC = new CommandSpec("@create", Role.BUILDER, """
                @create <name>

                Creates a new thing and puts it in your inventory ("drop" it to leave it in the
                room). Set its description with: @set <name>/desc = <text>""").needingArgument();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext ctx) {
        GameObject o = ctx.world().create(ObjectKind.THING, ctx.args(), ctx.caller());
        ctx.reply("Created " + Names.withRef(o) + ". It is in your inventory.");
    }
}
