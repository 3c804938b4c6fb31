package dev.cantrip.command.general;

import dev.cantrip.account.Role;
import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.command.CommandSpec;
import dev.cantrip.command.Names;
import dev.cantrip.world.GameObject;
import dev.cantrip.world.ObjectKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@code look [object]}: describes the room, or an object. */
public final class Look implements Command {

    private static final CommandSpec SPEC = new CommandSpec("look", Role.PLAYER, """
                look [<object>]

                Shows where you are: the room's description, its exits and who and what is here.
                With an object (a name, me, here or #id), describes that object instead.""", "l");

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext ctx) {
        if (ctx.args().isEmpty()) {
            ctx.reply(describe(ctx, ctx.here()));
        } else {
            ctx.match(ctx.args()).ifPresent(o -> ctx.reply(describe(ctx, o)));
        }
    }

    /** The text {@code look} shows for {@code o}, as seen by the caller of {@code ctx}. */
    public static String describe(CommandContext ctx, GameObject o) {
        StringBuilder b = new StringBuilder(name(ctx, o));
        Object desc = o.attr("desc");
        b.append('\n').append(desc instanceof String s && !s.isBlank() ? s : "You see nothing special.");
        if (o.kind() == ObjectKind.EXIT && o.destination() != null) {
            b.append("\nIt leads to ").append(name(ctx, o.destination())).append('.');
        }
        if (o.kind() == ObjectKind.ROOM) {
            List<String> exits = new ArrayList<>();
            List<String> things = new ArrayList<>();
            for (GameObject in : o.contents()) {
                switch (in.kind()) {
                    case EXIT -> exits.add(name(ctx, in));
                    case CHARACTER -> {
                        if (in != ctx.caller() && ctx.game().sessions().isPuppeted(in.id())) {
                            things.add(name(ctx, in));
                        }
                    }
                    default -> things.add(name(ctx, in));
                }
            }
            if (!exits.isEmpty()) {
                b.append("\nExits: ").append(String.join(", ", exits));
            }
            if (!things.isEmpty()) {
                b.append("\nYou see: ").append(String.join(", ", things));
            }
        }
        return b.toString();
    }

    /** The object's name, with its #id for Builders and up. */
    public static String name(CommandContext ctx, GameObject o) {
        Objects.requireNonNull(o, "o");
        return ctx.can(Role.BUILDER) ? Names.withRef(o) : o.key();
    }
}
