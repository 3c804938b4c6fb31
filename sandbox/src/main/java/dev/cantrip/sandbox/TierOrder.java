package dev.cantrip.sandbox;

import dev.cantrip.repl.RunBudget;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Whether one tier's rules stay inside another's: every class and member the narrower tier allows,
 * the wider allows too (a Builder may use nothing a Developer may not). Rules decide by their most
 * specific target, so the two tiers can only differ where one of them has a rule: each target
 * written in either file is tried, as a member of it that no more specific rule names, in both.
 */
public final class TierOrder {

    // Names no real class or member has, for "any other member of this class / class of this package".
    private static final String PROBE = "$probe$";
    private static final String PROBE_DESCRIPTOR = "(L$probe$;)V";

    private static final String BASE = readBase();

    private TierOrder() {}

    private static String readBase() {
        try (java.io.InputStream in = TierOrder.class.getResourceAsStream("base.policy")) {
            if (in == null) {
                throw new IllegalStateException("the sandbox's base.policy is missing from its jar");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * What {@code narrower} allows and {@code wider} does not, one line each ("java.lang.Thread#start:
     * allowed by builder.policy:12, denied by developer.policy:40"); empty when the narrower tier
     * stays inside the wider.
     *
     * @throws IllegalArgumentException if either text is not a valid tier file
     */
    public static List<String> allowedOnlyBy(String narrowerSource, String narrowerText, String widerSource,
                                             String widerText) {
        Policy narrow = policy(narrowerSource, narrowerText);
        Policy wide = policy(widerSource, widerText);
        Set<String> targets = new LinkedHashSet<>();
        for (String text : List.of(narrowerText, widerText)) {
            for (Policy.Rule r : PolicyFile.parse("tier", Objects.requireNonNull(text), RunBudget.defaults()).rules()) {
                targets.add(r.target());
            }
        }
        List<String> found = new ArrayList<>();
        for (String target : targets) {
            Probe p = Probe.of(target);
            Policy.Verdict n = narrow.member(p.className(), p.member(), p.descriptor());
            Policy.Verdict w = wide.member(p.className(), p.member(), p.descriptor());
            if (n.allowed() && !w.allowed()) {
                found.add(p.shown() + ": allowed by " + where(n) + ", denied by " + where(w));
            }
            Policy.Verdict nt = narrow.type(p.className());
            Policy.Verdict wt = wide.type(p.className());
            if (p.member().equals(PROBE) && nt.allowed() && !wt.allowed()) {
                found.add(p.className() + " (as a type): allowed by " + where(nt) + ", denied by " + where(wt));
            }
        }
        return found;
    }

    private static String where(Policy.Verdict v) {
        return v.rule() == null ? "no rule (denied)" : v.rule().source();
    }

    private static Policy policy(String source, String text) {
        Tier.parse("check", source, text); // refuses what a tier file may not say, as the server would
        PolicyFile.Contents base = PolicyFile.parse("base.policy", BASE, RunBudget.defaults());
        PolicyFile.Contents tier = PolicyFile.parse(source, text, RunBudget.defaults());
        return new Policy(source, base.rules(), tier.rules(), base.bootstraps());
    }

    /** A member that the target covers and no more specific target names. */
    private record Probe(String className, String member, String descriptor, String shown) {
        static Probe of(String target) {
            if (target.endsWith(".**")) {
                String pkg = target.substring(0, target.length() - 3);
                return new Probe(pkg + "." + PROBE + "." + PROBE, PROBE, PROBE_DESCRIPTOR, target);
            }
            if (target.endsWith(".*")) {
                String pkg = target.substring(0, target.length() - 2);
                return new Probe(pkg + "." + PROBE, PROBE, PROBE_DESCRIPTOR, target);
            }
            int hash = target.indexOf('#');
            if (hash < 0 || target.endsWith("#*")) {
                String cls = hash < 0 ? target : target.substring(0, hash);
                return new Probe(cls, PROBE, PROBE_DESCRIPTOR, target);
            }
            String cls = target.substring(0, hash);
            String member = target.substring(hash + 1);
            int open = member.indexOf('(');
            if (open < 0) {
                return new Probe(cls, member, PROBE_DESCRIPTOR, target);
            }
            return new Probe(cls, member.substring(0, open), member.substring(open) + "V", target);
        }
    }
}
