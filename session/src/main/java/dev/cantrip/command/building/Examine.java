package dev.cantrip.command.building;

import dev.cantrip.account.Role;
import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.command.CommandSpec;
import dev.cantrip.command.Names;
import dev.cantrip.world.GameObject;
import java.util.List;
import java.util.Map;

/** {@code @examine <obj>}: everything stored about an object. */
public final class Examine implements Command {

    private static final CommandSpec SPEC = new CommandSpec("@examine", Role.BUILDER, """
                @examine [<object>]

                Shows an object's id, name, kind, owner, location, destination, contents and
                every attribute with its type. Without an object, examines the room.""", "@ex");

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext ctx) {
        String q = ctx.args().isEmpty() ? "here" : ctx.args();
        ctx.match(q).ifPresent(o -> ctx.reply(examine(ctx, o)));
    }

    private static String examine(CommandContext ctx, GameObject o) {
        StringBuilder b = new StringBuilder();
        b.append("Name: ").append(Names.withRef(o)).append('\n');
        b.append("Kind: ").append(o.kind().label()).append('\n');
        ctx.game().accounts().findByCharacter(o.id())
                .ifPresent(a -> b.append("Account: ").append(a.name()).append(" (")
                        .append(a.role().displayName()).append(")\n"));
        if (o.kind() != dev.cantrip.world.ObjectKind.CHARACTER) {
            b.append("Owner: ").append(o.owner().isEmpty() ? "nobody (only Admins change it)"
                    : ctx.game().accounts().findById(o.owner().getAsLong()).map(a -> a.name())
                            .orElse("an account that is gone")).append('\n');
        }
        b.append("Location: ").append(Names.withRef(o.location())).append('\n');
        if (o.destination() != null) {
            b.append("Destination: ").append(Names.withRef(o.destination())).append('\n');
        }
        List<GameObject> contents = o.contents();
        b.append("Contents: ").append(contents.isEmpty() ? "nothing"
                : String.join(", ", contents.stream().map(Names::withRef).toList())).append('\n');
        Map<String, ?> attrs = o.attributes();
        if (attrs.isEmpty()) {
            b.append("Attributes: none");
        } else {
            b.append("Attributes:");
            o.attributes().forEach((name, v) -> b.append("\n  ").append(name).append(" = ").append(v.display())
                    .append("  (").append(v.typeName()).append(')'));
        }
        return b.toString();
    }
}
