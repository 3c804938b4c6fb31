package dev.cantrip.command.general;

import dev.cantrip.account.Role;
import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.command.CommandSpec;
import dev.cantrip.flow.Interaction;
import dev.cantrip.game.Rooms;
import dev.cantrip.session.Session;
import dev.cantrip.world.GameObject;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code meditate}: a game command written as an interactive flow, with the host's trust and the
 * very API snippets use ({@code pause}, {@code confirm}, {@code then}). It is the worked example
 * for commands that wait and ask without holding anyone up.
 */
public final class Meditate implements Command {

    private static final int DEFAULT_SECONDS = 5;

    private static final CommandSpec SPEC = new CommandSpec("meditate", Role.PLAYER, """
                meditate [<seconds>]

                Sit still and meditate. Every few seconds (5, or as many as you say, 1 to 60) you are
                asked whether to go on; answer yes or no. Meanwhile a line starting with ! runs as a
                command (!look), and abort stops at once. At the end you are told how long you
                meditated.""");

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext ctx) {
        int seconds = DEFAULT_SECONDS;
        if (!ctx.args().isBlank()) {
            try {
                seconds = Integer.parseInt(ctx.args().strip());
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            if (seconds < 1 || seconds > 60) {
                ctx.reply("Meditate for 1 to 60 seconds between questions: meditate 10.");
                return;
            }
        }
        Session s = ctx.session();
        GameObject me = ctx.caller();
        Duration breath = Duration.ofSeconds(seconds);
        Instant start = Instant.now();
        ctx.reply("You sit down and close your eyes.");
        Rooms.announce(ctx.here(), me.key() + " sits down to meditate.", me);
        ctx.game().flows().interactive(s, "meditate " + seconds, () -> {
            try {
                int breaths = 0;
                do {
                    Interaction.pause(breath);
                    breaths++;
                    s.send(breaths == 1 ? "Your breathing slows." : "You breathe in, and out.");
                } while (Interaction.confirm("Keep meditating?"));
                return Duration.between(start, Instant.now());
            } finally {
                if (me.location() != null) {
                    Rooms.announce(me.location(), me.key() + " stands up.", me);
                }
            }
        }).then(d -> s.send("You open your eyes. You meditated for " + d.toSeconds() + " seconds."));
    }
}
