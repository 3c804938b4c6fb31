package dev.cantrip.command.general;

import dev.cantrip.account.Role;
import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.command.CommandSpec;
import dev.cantrip.tasks.Task;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/** {@code tasks}: lists the caller's tasks and acts on them. */
public final class TasksCommand implements Command {

    private static final int SOURCE_CHARS = 60;
    private static final int MAX_LISTED = 200;

    private static final CommandSpec SPEC = new CommandSpec("tasks", Role.PLAYER, """
                tasks[/all] | tasks/cancel <id> | tasks/pause <id> | tasks/resume <id> | tasks/now <id>

                Lists your tasks (things set to happen later: a java delay(...), a meditation): their
                number, kind, whether they survive a reload, when they are due (or, for one due
                already, what it waits for before it runs), and what they run.
                /cancel keeps one from running, /pause stops its clock (the time left is kept),
                /resume starts it again, /now runs it at once. Admins may list everyone's (/all) and
                act on anyone's.""");

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext ctx) {
        var in = ctx.input();
        List<String> actions = in.switches().stream().filter(s -> !s.equals("all")).toList();
        if (actions.size() > 1 || (!actions.isEmpty() && !List.of("cancel", "pause", "resume", "now")
                .contains(actions.getFirst()))) {
            ctx.reply("Usage: " + SPEC.usage());
            return;
        }
        if (actions.isEmpty()) {
            list(ctx, in.has("all"));
            return;
        }
        act(ctx, actions.getFirst());
    }

    private void list(CommandContext ctx, boolean all) {
        if (all && !ctx.can(Role.ADMIN)) {
            ctx.reply("Only Admins may list everyone's tasks; 'tasks' lists yours.");
            return;
        }
        List<Task> tasks = all ? ctx.game().tasks().all() : ctx.game().tasks().of(ctx.account().id());
        if (tasks.isEmpty()) {
            ctx.reply(all ? "No tasks are pending." : "You have no tasks pending.");
            return;
        }
        StringBuilder b = new StringBuilder(all ? "Every task:" : "Your tasks:");
        for (Task t : tasks.subList(0, Math.min(tasks.size(), MAX_LISTED))) {
            b.append("\n  #").append(t.id()).append("  ").append(t.kind().word());
            if (all) {
                b.append("  ").append(t.owner().name());
            }
            b.append("  ").append(t.persistent() ? "persistent" : "until reload");
            b.append("  ").append(state(t));
            b.append("  ").append(oneLine(t.source()));
        }
        if (tasks.size() > MAX_LISTED) {
            b.append("\n  ... and ").append(tasks.size() - MAX_LISTED).append(" more.");
        }
        b.append("\n").append(tasks.size()).append(tasks.size() == 1 ? " task." : " tasks.");
        ctx.reply(b.toString());
    }

    private static String state(Task t) {
        Optional<String> broken = t.broken();
        if (broken.isPresent()) {
            return "broken: " + broken.get();
        }
        if (t.paused()) {
            return "paused (" + span(t.remaining()) + " left)";
        }
        if (t.rebuilding()) {
            return "due, being compiled again (fires when ready)";
        }
        Optional<String> waiting = t.waiting();
        if (waiting.isPresent()) {
            return "due, waiting for " + waiting.get();
        }
        if (t.kind() != dev.cantrip.tasks.TaskKind.DELAY) {
            return "running for " + span(t.runningFor());
        }
        return "due in " + span(t.remaining());
    }

    private void act(CommandContext ctx, String action) {
        String arg = ctx.args().strip();
        if (arg.startsWith("#")) {
            arg = arg.substring(1);
        }
        long id;
        try {
            id = Long.parseLong(arg);
        } catch (NumberFormatException e) {
            ctx.reply("Give the task's number: tasks/" + action + " 12 (see 'tasks' for yours).");
            return;
        }
        Optional<Task> found = ctx.game().tasks().find(id);
        Predicate<Task> mine = t -> t.owner().accountId() == ctx.account().id();
        if (found.isEmpty() || (!mine.test(found.get()) && !ctx.can(Role.ADMIN))) {
            ctx.reply("You have no task #" + id + " (it may have run already); 'tasks' lists yours.");
            return;
        }
        Task t = found.get();
        String whose = mine.test(t) ? "" : " (" + t.owner().name() + "'s)";
        boolean done = switch (action) {
            case "cancel" -> t.cancel();
            case "pause" -> t.pause();
            case "resume" -> t.resume();
            default -> t.callNow();
        };
        if (!done) {
            ctx.reply("Task #" + id + whose + " is " + (t.kind() != dev.cantrip.tasks.TaskKind.DELAY
                    ? "running work: it can only be cancelled"
                    : t.rebuilding() || t.waiting().isPresent() ? "due already and about to run: it can only be cancelled"
                    : t.paused() ? "already paused" : t.active() ? "not paused" : "no longer pending") + ".");
            return;
        }
        ctx.reply(switch (action) {
            case "cancel" -> "Task #" + id + whose + " cancelled.";
            case "pause" -> "Task #" + id + whose + " paused with " + span(t.remaining()) + " left.";
            case "resume" -> "Task #" + id + whose + " resumed: due in " + span(t.remaining()) + ".";
            default -> t.waiting().map(w -> "Task #" + id + whose + " is due now; it waits for " + w + ".")
                    .orElse("Task #" + id + whose + " ran now.");
        });
    }

    private static String oneLine(String source) {
        String line = source.strip().replaceAll("\\s+", " ");
        return line.length() <= SOURCE_CHARS ? line : line.substring(0, SOURCE_CHARS - 3) + "...";
    }

    static String span(Duration d) {
        long ms = d.toMillis();
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long s = d.toSeconds();
        if (s < 3600) {
            return s / 60 + "m" + (s % 60 == 0 ? "" : " " + s % 60 + "s");
        }
        if (s < 86_400) {
            return s / 3600 + "h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + "m");
        }
        return s / 86_400 + "d" + (s % 86_400 / 3600 == 0 ? "" : " " + s % 86_400 / 3600 + "h");
    }
}
