package dev.cantrip.sandbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What snippet code of one tier may name and call, as read from its policy files: the rules every
 * tier shares ({@code base.policy}: what is never allowed, the bootstrap methods javac's code may
 * use, what the engine's own generated code needs) and the tier's allow and deny rules.
 *
 * <p>A member's rule is found from the most specific target down: the member with its parameter
 * types, the member by name, its class (a rule on a class covers its nested classes), its package,
 * then enclosing package trees, longest first. At the same level a deny beats an allow. Nothing
 * matched means denied. A {@code never} rule matches at any level and beats every allow; only the
 * {@code engine} rules of {@code base.policy} (what JShell's own generated code calls) come first.
 */
final class Policy {

    /** One rule, and where it was read, for messages and for operators. */
    record Rule(Effect effect, String target, String source) {}

    enum Effect { ALLOW, DENY, NEVER, ENGINE }

    /** What a lookup found: allowed or not, and the rule that decided (null: no rule matched). */
    record Verdict(boolean allowed, Rule rule) {
        boolean never() {
            return rule != null && rule.effect() == Effect.NEVER;
        }
    }

    private final String tier;
    private final Rules never;
    private final Rules engine;
    private final Rules tierRules;
    private final Set<String> bootstraps;

    Policy(String tier, List<Rule> base, List<Rule> tierRules, Set<String> bootstraps) {
        this.tier = tier;
        this.never = new Rules(base.stream().filter(r -> r.effect() == Effect.NEVER).toList());
        this.engine = new Rules(base.stream().filter(r -> r.effect() == Effect.ENGINE).toList());
        this.tierRules = new Rules(tierRules);
        this.bootstraps = Set.copyOf(bootstraps);
    }

    String tier() {
        return tier;
    }

    /** Whether snippet code may name a class (binary name) as a type. */
    Verdict type(String className) {
        Rule e = engine.forClass(className);
        if (e != null || engine.allowsSomeMember(className)) {
            return new Verdict(true, e);
        }
        Rule n = never.forClass(className);
        if (n != null) {
            return new Verdict(false, n);
        }
        Rule r = tierRules.forClass(className);
        if (r != null && r.effect() == Effect.ALLOW) {
            return new Verdict(true, r);
        }
        if (tierRules.allowsSomeMember(className)) {
            return new Verdict(true, r);
        }
        return new Verdict(false, r);
    }

    /** Whether snippet code may use a member of a class, as declared there (descriptor in internal form). */
    Verdict member(String className, String name, String descriptor) {
        Rule e = engine.forMember(className, name, descriptor);
        if (e != null) {
            return new Verdict(true, e);
        }
        Rule n = never.forMember(className, name, descriptor);
        if (n != null) {
            return new Verdict(false, n);
        }
        Rule r = tierRules.forMember(className, name, descriptor);
        return new Verdict(r != null && r.effect() == Effect.ALLOW, r);
    }

    /** Whether an invokedynamic or dynamic constant may use this bootstrap method ({@code owner#name}). */
    boolean bootstrapAllowed(String className, String name) {
        return bootstraps.contains(className + "#" + name);
    }

    /** Rules of one kind, indexed by target. */
    private static final class Rules {
        // "pkg.Class#name" or "pkg.Class#name(descriptor params)" -> rules
        private final Map<String, Rule> members = new HashMap<>();
        private final Map<String, Boolean> classesWithAllowedMembers = new HashMap<>();
        private final Map<String, Rule> classes = new HashMap<>();
        private final Map<String, Rule> packages = new HashMap<>();
        private final Map<String, Rule> trees = new HashMap<>();

        Rules(List<Rule> rules) {
            for (Rule r : rules) {
                String t = r.target();
                if (t.endsWith(".**")) {
                    put(trees, t.substring(0, t.length() - 3), r);
                } else if (t.endsWith(".*")) {
                    put(packages, t.substring(0, t.length() - 2), r);
                } else if (t.contains("#")) {
                    String cls = t.substring(0, t.indexOf('#'));
                    if (t.endsWith("#*")) {
                        put(classes, cls, r);
                    } else {
                        put(members, t, r);
                    }
                } else {
                    put(classes, t, r);
                }
            }
            // After the merge: a member both allowed and denied is denied, and does not make its class usable.
            members.forEach((target, rule) -> {
                if (rule.effect() == Effect.ALLOW || rule.effect() == Effect.ENGINE) {
                    classesWithAllowedMembers.put(target.substring(0, target.indexOf('#')), true);
                }
            });
        }

        /** A deny (or never) replaces an allow of the same target; an allow never replaces a deny. */
        private static void put(Map<String, Rule> m, String key, Rule r) {
            m.merge(key, r, (old, neu) -> old.effect() == Effect.ALLOW ? neu : old);
        }

        boolean allowsSomeMember(String className) {
            return classesWithAllowedMembers.containsKey(className);
        }

        Rule forMember(String className, String name, String descriptor) {
            String base = className + "#" + name;
            int close = descriptor.indexOf(')');
            Rule exact = members.get(base + descriptor.substring(0, close + 1));
            if (exact != null) {
                return exact;
            }
            Rule byName = members.get(base);
            return byName != null ? byName : forClass(className);
        }

        Rule forClass(String className) {
            for (String c = className; ; ) {
                Rule r = classes.get(c);
                if (r != null) {
                    return r;
                }
                int nest = c.lastIndexOf('$');
                if (nest <= c.lastIndexOf('.')) {
                    break;
                }
                c = c.substring(0, nest);
            }
            int dot = className.lastIndexOf('.');
            String pkg = dot < 0 ? "" : className.substring(0, dot);
            Rule r = packages.get(pkg);
            if (r != null) {
                return r;
            }
            for (String p = pkg; !p.isEmpty(); ) {
                r = trees.get(p);
                if (r != null) {
                    return r;
                }
                int d = p.lastIndexOf('.');
                p = d < 0 ? "" : p.substring(0, d);
            }
            return null;
        }
    }
}
