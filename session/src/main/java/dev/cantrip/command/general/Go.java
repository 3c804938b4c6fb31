package dev.cantrip.command.general;

import dev.cantrip.account.Role;

import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.command.CommandSpec;
import dev.cantrip.world.GameObject;
import java.util.List;
import dev.cantrip.world.ObjectKind;

/** {@code go <exit>}: walks through an exit (typing the exit's name does the same). */
public final class Go implements Command {

    private static final CommandSpec SPEC = new CommandSpec("go", Role.PLAYER, """
                go <exit>

                Walks through an exit of the room. Typing the exit's name alone does the same:
                "north" is "go north".""");

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext ctx) {
        if (ctx.args().isEmpty()) {
            ctx.reply("Go where? Type: go <exit>");
            return;
        }
        List<GameObject> exits = ctx.here().exits();
        exits.stream()
                .filter(e -> e.key().equalsIgnoreCase(ctx.args()))
                .findFirst()
                .or(() -> exits.stream()
                        .filter(e -> e.key().toLowerCase(java.util.Locale.ROOT)
                                .startsWith(ctx.args().toLowerCase(java.util.Locale.ROOT)))
                        .findFirst())
                .filter(e -> e.kind() == ObjectKind.EXIT)
                .ifPresentOrElse(e -> Movement.traverse(ctx, e),
                        () -> ctx.reply("There is no exit '" + ctx.args() + "' here."
                                + (exits.isEmpty() ? "" : " Exits: "
                                + String.join(", ", exits.stream().map(GameObject::key).toList()) + ".")));
    }
}
