package dev.cantrip.command.building;

import dev.cantrip.account.Role;
import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.command.CommandSpec;
import dev.cantrip.world.attr.AttrParser;
import dev.cantrip.world.attr.AttrValue;
import java.util.Optional;

/** {@code @set <obj>/<attr> = <value>}: sets, shows or clears a persistent attribute. */
public final class SetAttribute implements Command {

    private static final CommandSpec SPEC = new CommandSpec("@set", Role.BUILDER, """
                @set <object>/<attribute> = <value>

                Sets a persistent attribute. Values are typed by how you write them:
                  12  -3  (whole numbers)     2.5  1e3  (decimals)     true  false
                  "quoted text"  or just text     #12  (a reference to object #12)
                  [1, 2, "three"]  (a list)      {"hp": 10, "tags": ["a"]}  (a map)
                @set <object>/<attribute> =   (nothing after =) removes the attribute.
                @set <object>/<attribute>     (no =) shows its value.
                The player is told only once the change is saved to disk.""");

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext ctx) {
        String target = ctx.input().lhs();
        Optional<String> valueText = ctx.input().rhs();
        int slash = target.lastIndexOf('/');
        if (slash <= 0 || slash == target.length() - 1) {
            ctx.reply("Usage: @set <object>/<attribute> = <value>  (example: @set sword/damage = 12)");
            return;
        }
        String objectName = target.substring(0, slash).strip();
        String attr = target.substring(slash + 1).strip();
        ctx.match(objectName).ifPresent(o -> {
            if (valueText.isEmpty()) {
                ctx.reply(o.attrValue(attr)
                        .map(v -> o.key() + "/" + attr + " = " + v.display() + "  (" + v.typeName() + ")")
                        .orElse(o.key() + " has no attribute " + attr + "."));
                return;
            }
            if (valueText.get().isEmpty()) {
                ctx.reply(o.removeAttr(attr)
                        ? "Removed " + attr + " from " + o.key() + "."
                        : o.key() + " has no attribute " + attr + ".");
                return;
            }
            AttrValue value = AttrParser.parse(valueText.get());
            o.setAttrValue(attr, value);
            ctx.reply("Set " + o.key() + "/" + attr + " = " + value.display() + "  (" + value.typeName() + ")");
        });
    }
}
