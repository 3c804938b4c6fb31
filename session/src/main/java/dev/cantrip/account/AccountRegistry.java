package dev.cantrip.account;

import dev.cantrip.store.Change;
import dev.cantrip.store.Snapshot;
import dev.cantrip.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every account, in memory, saved through the {@link Store}. Names are unique ignoring case. Used
 * on the game loop only; it does not check the thread itself because it holds no world objects.
 */
public final class AccountRegistry {

    private static final System.Logger LOG = System.getLogger(AccountRegistry.class.getName());
    static final String ACCOUNT_COUNTER = "account";

    private final Store store;
    private final Map<String, Account> byName = new LinkedHashMap<>();
    private long nextId;

    private AccountRegistry(Store store) {
        this.store = store;
    }

    /** Builds the registry from a snapshot. */
    public static AccountRegistry load(Snapshot snapshot, Store store) {
        Objects.requireNonNull(store, "store");
        AccountRegistry r = new AccountRegistry(store);
        long maxId = 0;
        for (Snapshot.AccountRow row : snapshot.accounts()) {
            Optional<Role> role = Role.parse(row.role());
            if (role.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "account {0} has unknown role {1}; it is treated as a Player",
                        row.name(), row.role());
            }
            Account a = new Account(row.id(), row.name(), row.passwordHash(), role.orElse(Role.PLAYER),
                    row.characterId(), row.createdAt());
            r.byName.put(keyOf(a.name()), a);
            maxId = Math.max(maxId, a.id());
        }
        r.nextId = Math.max(maxId + 1, snapshot.counters().getOrDefault(ACCOUNT_COUNTER, 1L));
        return r;
    }

    /** The account with this name, ignoring case. */
    public Optional<Account> find(String name) {
        return Optional.ofNullable(byName.get(keyOf(name)));
    }

    /** The account that plays this character. */
    /** The account with id {@code id}. */
    public Optional<Account> findById(long id) {
        return all().stream().filter(a -> a.id() == id).findFirst();
    }

    public Optional<Account> findByCharacter(long characterId) {
        return byName.values().stream().filter(a -> a.characterId() == characterId).findFirst();
    }

    /** Every account, oldest first. */
    public List<Account> all() {
        return new ArrayList<>(byName.values());
    }

    /** Whether any account has {@code role} or higher. */
    public boolean anyAtLeast(Role role) {
        return byName.values().stream().anyMatch(a -> a.hasRole(role));
    }

    /**
     * Creates and saves an account.
     *
     * @throws IllegalStateException if the name is taken
     */
    public Account create(String name, String passwordHash, Role role, long characterId) {
        Objects.requireNonNull(name, "name");
        if (byName.containsKey(keyOf(name))) {
            throw new IllegalStateException("the name " + name + " is taken");
        }
        Account a = new Account(nextId++, name, passwordHash, role, characterId, Instant.now());
        store.submit(new Change.CounterAdvanced(ACCOUNT_COUNTER, nextId));
        put(a);
        return a;
    }

    /** Saves a changed account (same id and name). */
    public void update(Account account) {
        Account old = byName.get(keyOf(account.name()));
        if (old == null || old.id() != account.id()) {
            throw new IllegalArgumentException("no account " + account.name() + " with id " + account.id());
        }
        put(account);
    }

    private void put(Account a) {
        byName.put(keyOf(a.name()), a);
        store.submit(new Change.AccountSaved(a.id(), a.name(), a.passwordHash(), a.role().name(), a.characterId(),
                a.createdAt()));
    }

    private static String keyOf(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
