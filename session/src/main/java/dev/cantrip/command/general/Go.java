package dev.cantrip.command.general;

import dev.cantrip.account.Role;
import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.command.CommandSpec;
import dev.cantrip.command.Names;
import dev.cantrip.world.GameObject;
import java.util.List;

/** {@code go <exit>}: walks through an exit (typing the exit's name does the same). */
public final class Go implements Command {

    private static final CommandSpec SPEC = new CommandSpec("go", Role.PLAYER, """
                go <exit>

                Walks through an exit of the room. Typing the exit's name alone does the same:
                "north" is "go north".""").needingArgument();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext ctx) {
        Names.exit(ctx.here(), ctx.args()).ifPresentOrElse(e -> Movement.traverse(ctx, e), () -> {
            List<GameObject> exits = ctx.here().exits();
            ctx.reply("There is no exit '" + ctx.args() + "' here."
                    + (exits.isEmpty() ? "" : " Exits: " + String.join(", ", exits.stream().map(GameObject::key).toList())
                    + "."));
        });
    }
}
