package dev.cantrip.scripting;

import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.command.CommandSpec;
import java.util.Objects;

/**
 * {@code java [<code>]}: evaluates Java against the live game, or with no code enters the Java
 * console. See the help text for the switches and console commands.
 */
public final class JavaCommand implements Command {

    private final JavaService java;
    private final CommandSpec spec;

    public JavaCommand(JavaService java) {
        this.java = Objects.requireNonNull(java, "java");
        this.spec = new CommandSpec("java", java.settings().minRole(), """
                java [<code>]     java/time <code>     java/noecho <code>     java /<console command>

                Runs Java in the live game: java here, java self.msg("hi"),
                java int a = 2; int b = 3; a * b. Each snippet's value, declaration or error is shown.
                Declarations (variables, methods, classes, imports) stay for your next commands until
                /reset, logout, or %s without using java.
                With no code, enters the Java console: every line is Java until /exit or exit().
                /time adds how long compiling and running took; /noecho does not repeat the code.
                Snippet code runs on the game loop within your tier's budget (java /budget shows it).

                %s""".formatted(minutes(java), MetaCommands.HELP), "jshell");
    }

    private static String minutes(JavaService java) {
        return java.settings().idleTimeout().toMinutes() + " minutes";
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    @Override
    public void run(CommandContext ctx) {
        String code = ctx.args();
        var s = ctx.session();
        if (code.isEmpty()) {
            s.setHandler(new JavaConsole(java, s.handler()));
            return;
        }
        if (MetaCommands.isMeta(code)) {
            if (code.strip().equalsIgnoreCase("/exit")) {
                ctx.reply("You are not in the Java console (type java with no code to enter it).");
                return;
            }
            MetaCommands.run(java, s, code, () -> { });
            return;
        }
        java.evaluate(s, code, !ctx.input().has("noecho"), ctx.input().has("time"), done -> {
            if (java.takeExitRequest(s)) {
                ctx.reply("exit() leaves the Java console; you are not in it.");
            }
        });
    }
}
