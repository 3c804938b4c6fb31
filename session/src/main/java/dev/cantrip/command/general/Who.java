package dev.cantrip.command.general;

import dev.cantrip.account.Role;
import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.command.CommandSpec;
import dev.cantrip.command.Names;
import dev.cantrip.session.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;

/** {@code who}: lists who is connected. */
public final class Who implements Command {

    private static final CommandSpec SPEC = new CommandSpec("who", Role.PLAYER, """
                who

                Lists the players who are connected, for how long, and how long they have been idle.
                Admins also
                see where each player is and how they connected.""");

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext ctx) {
        boolean admin = ctx.can(Role.ADMIN);
        StringBuilder b = new StringBuilder("Players online:");
        Instant now = Instant.now();
        var playing = ctx.game().sessions().all().stream()
                .filter(Session::loggedIn)
                .sorted(Comparator.comparing(s -> s.account().name().toLowerCase(Locale.ROOT)))
                .toList();
        for (Session s : playing) {
            b.append("\n  ").append(s.account().name())
                    .append("  on ").append(span(Duration.between(s.connectedAt(), now)))
                    .append("  idle ").append(span(Duration.between(s.lastInputAt(), now)));
            if (admin) {
                var at = s.character().location();
                b.append("  ").append(s.account().role().displayName())
                        .append("  in ").append(Names.withRef(at))
                        .append("  ").append(s.connection().protocol()).append(' ')
                        .append(s.connection().remoteAddress());
            }
        }
        b.append("\n").append(playing.size()).append(playing.size() == 1 ? " player." : " players.");
        ctx.reply(b.toString());
    }

    private static String span(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        return s / 3600 + "h";
    }
}
