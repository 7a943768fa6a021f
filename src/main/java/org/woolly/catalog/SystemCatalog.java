package org.woolly.catalog;

import org.woolly.access.heap.HeapAccess;
import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.StorageServices;
import org.woolly.access.transam.Transaction;
import org.woolly.access.transam.TransactionManager;
import org.woolly.access.transam.XidStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import static org.woolly.catalog.CatalogDefinitions.PG_AUTHID;
import static org.woolly.catalog.CatalogDefinitions.PG_AUTH_MEMBERS;
import static org.woolly.catalog.CatalogDefinitions.PG_DATABASE;
import static org.woolly.catalog.CatalogDefinitions.PG_DB_ROLE_SETTING;

/**
 * The server-wide entry to the system catalogs (thread-safe, one per server): roles and
 * databases for connection start, and a {@link DatabaseCatalog} per database for sessions.
 * Keeps images of the committed catalog state and replaces them when a transaction that
 * changed the catalogs commits (a version counter bumped in {@code Transaction.onCommit}); a
 * transaction that has changed the catalogs reads them with its own snapshot instead. Plays the
 * part of PostgreSQL's catalog caches and their invalidation ({@code syscache.c},
 * {@code inval.c}); see README.md.
 */
public final class SystemCatalog {
    /** Above this many tracked transactions, entries of ended ones are pruned. */
    private static final int PRUNE_THRESHOLD = 64;
    /** Relations whose last committed change is remembered before all plans are made stale at once. */
    private static final int MAX_TRACKED_INVALIDATIONS = 10_000;

    private final StorageServices storage;
    private final CatalogHeap heap;
    private final AtomicLong version = new AtomicLong();
    /** Bumped whenever a transaction starts changing the catalogs (see {@link CommittedImage}). */
    private final AtomicLong changeEpoch = new AtomicLong();
    private final Map<Integer, CommittedImage> committedImages = new ConcurrentHashMap<>();
    private final Map<Integer, ReentrantLock> loadLocks = new ConcurrentHashMap<>();
    private final Map<Long, TransactionImages> changingTransactions = new ConcurrentHashMap<>();
    private final Map<Integer, DatabaseCatalog> databaseCatalogs = new ConcurrentHashMap<>();
    /** Numbers relation changes in order (the message numbers of PostgreSQL's shared invalidation queue). */
    private final AtomicLong invalidationCounter = new AtomicLong();
    /** Relation OID to the number of the last committed change of it that was broadcast. */
    private final Map<Integer, Long> committedInvalidations = new ConcurrentHashMap<>();
    /**
     * Plans stamped below this number are stale: the map above was emptied there to bound its
     * size (as a backend that fell behind the shared invalidation queue resets all its caches).
     */
    private volatile long invalidationFloor;
    private volatile SharedImage sharedImage;
    private final DatabaseUsage databaseUsage = new DatabaseUsage();
    private final DatabaseDdl databases = new DatabaseDdl(this);
    private final TemporarySchema.BackendIds temporaryBackendIds = new TemporarySchema.BackendIds();

    /** Committed roles and connectable databases, from the shared catalogs. */
    private record SharedImage(long version, Map<String, RoleInfo> roles, Map<String, Integer> databases,
                               Map<Integer, String> databaseNames, Map<Integer, CatalogRow> roleRows,
                               Map<Integer, CatalogRow> databaseRows, List<CatalogRow> memberships) {}

    /**
     * A committed image and what it was loaded under. It is stale once the version moved, once
     * another transaction began changing the catalogs, or once one of the changing transactions
     * it saw as running has ended. The last two matter because a committing DDL transaction
     * releases its locks before its onCommit action bumps the version: a session that waited
     * for such a lock and looks the relation up again must not get the image from before that
     * DDL (PostgreSQL sends the invalidation messages before releasing the locks).
     */
    private record CommittedImage(CatalogImage image, long version, long epoch, long[] changersRunning) {}

    /**
     * A changing transaction's own images, per database, each with what it was loaded under,
     * and the relations it changed with the invalidation number of each one's latest change.
     */
    private static final class TransactionImages {
        final Map<Integer, OwnImage> images = new ConcurrentHashMap<>();
        final Map<Integer, Long> changedRelations = new ConcurrentHashMap<>();
    }

    /**
     * A changing transaction's image of one database, loaded at command {@code commandId}. A
     * later command of the transaction sees the same catalog rows as long as no catalog row was
     * written since (by anyone: {@link CatalogHeap#writes()}), no changing transaction committed
     * ({@code version}), no other transaction was changing the catalogs when it was loaded (a
     * READ COMMITTED command's new snapshot could see such a one's rows once it commits) and no
     * savepoint was open then (ROLLBACK TO SAVEPOINT hides rows without writing any).
     * So a transaction that truncates a table and then loads it with COPY, as {@code pgbench -i}
     * does, reads the catalogs once, not once per command (PostgreSQL's relcache likewise keeps
     * its entries across commands until an invalidation message arrives).
     */
    private record OwnImage(CatalogImage image, int commandId, long writes, long version, boolean alone) {
        boolean validFor(int currentCommandId, long currentWrites, long currentVersion) {
            return commandId == currentCommandId
                    || (alone && writes == currentWrites && version == currentVersion);
        }
    }

    /** The server's catalog, on the given storage, rows in the standard tuple format. */
    public SystemCatalog(StorageServices storage) {
        this(storage, CatalogTupleCodec.STANDARD);
    }

    /** With another row codec (tests check each row's value types with one). */
    public SystemCatalog(StorageServices storage, CatalogTupleCodec codec) {
        this.storage = storage;
        this.heap = new CatalogHeap(HeapAccess.of(storage), codec, storage);
    }

    /** The role of that OID ({@code pg_authid} by oid), if one exists. */
    public Optional<RoleInfo> roleByOid(int oid) {
        return shared().roles().values().stream().filter(role -> role.oid() == oid).findFirst();
    }

    /** The role of that name from pg_authid (committed state), if any. */
    public Optional<RoleInfo> lookupRole(String name) {
        return Optional.ofNullable(shared().roles().get(name));
    }

    /** The bootstrap superuser (OID 10, initdb's {@code -U}) from pg_authid, if present. */
    public Optional<RoleInfo> bootstrapSuperuser() {
        return shared().roles().values().stream().filter(role -> role.oid() == CatalogOids.BOOTSTRAP_SUPERUSER)
                .findFirst();
    }

    /**
     * The stored session defaults that apply to a session of {@code roleOid} in
     * {@code databaseOid}, committed state, lowest priority first: every role everywhere, the
     * database, the role, the role in that database ({@code process_settings} applies the same
     * four with rising GucSource priority).
     */
    public List<List<String>> sessionDefaults(int databaseOid, int roleOid) {
        int[][] keys = {{0, 0}, {databaseOid, 0}, {0, roleOid}, {databaseOid, roleOid}};
        List<CatalogRow> rows = readCommitted(snapshot -> heap.scan(PG_DB_ROLE_SETTING, 0, snapshot));
        List<List<String>> defaults = new ArrayList<>();
        for (int[] key : keys) {
            defaults.add(rows.stream().filter(row -> row.getOid("setdatabase") == key[0]
                    && row.getOid("setrole") == key[1]).findFirst().map(RoleDdl::configOf).orElse(List.of()));
        }
        return defaults;
    }

    /** The OID of the database of that name, if it exists and allows connections ({@code datallowconn}). */
    public OptionalInt databaseOid(String name) {
        Integer oid = shared().databases().get(name);
        return oid == null ? OptionalInt.empty() : OptionalInt.of(oid);
    }

    /** The database of that name, committed state, whether or not it allows connections. */
    public Optional<DatabaseInfo> database(String name) {
        return databases.lookup(name);
    }

    /** The name of the database with that OID (for current_database()), if it exists. */
    public Optional<String> databaseName(int databaseOid) {
        return Optional.ofNullable(shared().databaseNames().get(databaseOid));
    }

    /** The catalogs of one database, with the default search_path; see {@link DatabaseCatalog#withSearchPath}. */
    public DatabaseCatalog catalogFor(int databaseOid) {
        return databaseCatalogs.computeIfAbsent(databaseOid,
                oid -> new DatabaseCatalog(this, oid, SearchPath.parse(SearchPath.DEFAULT), null));
    }

    /** The databases: pg_database rows, and who is connected where. */
    public DatabaseDdl databases() {
        return databases;
    }

    DatabaseUsage databaseUsage() {
        return databaseUsage;
    }

    /** Drops what is cached of a database's catalogs (after DROP DATABASE committed). */
    void forgetDatabase(int databaseOid) {
        committedImages.remove(databaseOid);
        loadLocks.remove(databaseOid);
        databaseCatalogs.remove(databaseOid);
    }

    /** Every committed pg_database row. */
    java.util.Collection<CatalogRow> databaseRows() {
        return shared().databaseRows().values();
    }

    /** Bumped each time a transaction that changed the catalogs commits. */
    public long version() {
        return version.get();
    }

    CatalogHeap heap() {
        return heap;
    }

    StorageServices storage() {
        return storage;
    }

    /**
     * The catalog image {@code tx} must look through: its own, read with its snapshot, once it
     * has changed the catalogs; otherwise the committed image.
     */
    CatalogImage imageFor(Transaction tx, int databaseOid) {
        long xid = tx == null ? 0 : tx.xid();
        TransactionImages own = xid == 0 ? null : changingTransactions.get(xid);
        if (own == null) {
            return committedImage(databaseOid);
        }
        Snapshot snapshot = tx.takeSnapshot();
        OwnImage image = own.images.get(databaseOid);
        long currentVersion = version.get();
        if (image == null || !image.validFor(snapshot.commandId(), heap.writes(), currentVersion)) {
            // read the counters before the rows: a write racing the load makes the next command load again
            long writes = heap.writes();
            boolean alone = changingTransactions.size() == 1 && tx.savepointDepth() == 0;
            image = new OwnImage(CatalogImage.load(heap, databaseOid, snapshot, -1), snapshot.commandId(), writes,
                    currentVersion, alone);
            own.images.put(databaseOid, image);
        }
        return image.image();
    }

    /**
     * Records that {@code tx} changes the catalog rows of relation {@code relationOid}: from now
     * on it reads the catalogs with its own snapshot, its own cached plans on that relation are
     * stale, and when it commits every session's cached images are replaced and the change is
     * broadcast to their plan caches ({@code CacheInvalidateRelcache} and {@code AtEOXact_Inval}).
     */
    void noteCatalogChange(Transaction tx, int relationOid) {
        long xid = tx.assignXid();
        TransactionImages fresh = new TransactionImages();
        TransactionImages own = changingTransactions.putIfAbsent(xid, fresh);
        if (own == null) {
            own = fresh;
            changeEpoch.incrementAndGet();
            tx.onCommit(() -> {
                // broadcast before the entry goes: relationChangedSince reads the entry first
                if (committedInvalidations.size() > MAX_TRACKED_INVALIDATIONS) {
                    invalidationFloor = invalidationCounter.incrementAndGet();
                    committedInvalidations.clear();
                }
                for (int relation : fresh.changedRelations.keySet()) {
                    committedInvalidations.merge(relation, invalidationCounter.incrementAndGet(), Math::max);
                }
                version.incrementAndGet();
                changingTransactions.remove(xid);
            });
            pruneEndedTransactions();
        } else {
            own.images.clear();
        }
        own.changedRelations.put(relationOid, invalidationCounter.incrementAndGet());
    }

    /**
     * A catalog row of {@code relationOid} was overwritten in place ({@link CatalogHeap#updateInPlace}):
     * no transaction's commit will announce it, so every session's images and plans on the
     * relation go stale now, as {@code heap_inplace_update}'s {@code CacheInvalidateHeapTuple}.
     */
    void noteInplaceUpdate(int relationOid) {
        committedInvalidations.merge(relationOid, invalidationCounter.incrementAndGet(), Math::max);
        version.incrementAndGet();
    }

    /**
     * Every session's cached catalog images and plans become stale at once, as a backend that
     * fell behind the shared invalidation queue resets all its caches
     * ({@code InvalidateSystemCaches}): for catalog changes whose transaction kept no record of
     * what it changed, a prepared transaction rebuilt by recovery and then committed.
     */
    public void invalidateAll() {
        invalidationFloor = invalidationCounter.incrementAndGet();
        committedInvalidations.clear();
        version.incrementAndGet();
    }

    /** The invalidation number so far; a plan records it before it looks at the catalogs. */
    public long invalidationStamp() {
        return invalidationCounter.get();
    }

    /**
     * Whether relation {@code relationOid} changed after {@code stamp} as {@code tx} sees it: a
     * change of its own, or a committed one of another transaction. A transaction that has
     * committed but not yet broadcast counts as changed: it releases its locks before its commit
     * actions run, and the session that waited for one of them must not run a stale plan.
     */
    public boolean relationChangedSince(Transaction tx, int relationOid, long stamp) {
        long xid = tx == null ? 0 : tx.xid();
        TransactionManager transactions = storage.transactions();
        for (Map.Entry<Long, TransactionImages> changing : changingTransactions.entrySet()) {
            Long changed = changing.getValue().changedRelations.get(relationOid);
            if (changed == null) {
                continue;
            }
            if (changing.getKey() == xid ? changed > stamp
                    : transactions.status(changing.getKey()) == XidStatus.COMMITTED) {
                return true;
            }
        }
        Long committed = committedInvalidations.get(relationOid);
        return committed != null && committed > stamp || stamp < invalidationFloor;
    }

    /** Whether {@code tx} has changed the catalogs: what it planned may not outlive it. */
    public boolean changedCatalogs(Transaction tx) {
        return tx != null && tx.xid() != 0 && changingTransactions.containsKey(tx.xid());
    }

    /** Aborted transactions have no hook of their own; their entries go once they are seen to have ended. */
    private void pruneEndedTransactions() {
        if (changingTransactions.size() <= PRUNE_THRESHOLD) {
            return;
        }
        TransactionManager transactions = storage.transactions();
        changingTransactions.keySet().removeIf(xid -> transactions.status(xid) == XidStatus.ABORTED);
    }

    private CatalogImage committedImage(int databaseOid) {
        CommittedImage image = committedImages.get(databaseOid);
        if (image != null && fresh(image)) {
            return image.image();
        }
        // one session reloads, the others wait for its image instead of scanning too
        ReentrantLock lock = loadLocks.computeIfAbsent(databaseOid, oid -> new ReentrantLock());
        lock.lock();
        try {
            image = committedImages.get(databaseOid);
            if (image != null && fresh(image)) {
                return image.image();
            }
            // what the image is checked against is read before its snapshot is taken
            long current = version.get();
            long epoch = changeEpoch.get();
            long[] running = runningChangers();
            CatalogImage loaded = readCommitted(snapshot -> CatalogImage.load(heap, databaseOid, snapshot, current));
            committedImages.put(databaseOid, new CommittedImage(loaded, current, epoch, running));
            return loaded;
        } finally {
            lock.unlock();
        }
    }

    private boolean fresh(CommittedImage image) {
        if (image.version() != version.get() || image.epoch() != changeEpoch.get()) {
            return false;
        }
        TransactionManager transactions = storage.transactions();
        for (long xid : image.changersRunning()) {
            if (transactions.status(xid) != XidStatus.IN_PROGRESS) {
                return false;
            }
        }
        return true;
    }

    private long[] runningChangers() {
        TransactionManager transactions = storage.transactions();
        return changingTransactions.keySet().stream().mapToLong(Long::longValue)
                .filter(xid -> transactions.status(xid) == XidStatus.IN_PROGRESS).toArray();
    }

    private SharedImage shared() {
        long current = version.get();
        SharedImage image = sharedImage;
        if (image != null && image.version() == current) {
            return image;
        }
        SharedImage loaded = readCommitted(snapshot -> loadShared(snapshot, current));
        sharedImage = loaded;
        return loaded;
    }

    private SharedImage loadShared(Snapshot snapshot, long imageVersion) {
        Map<String, RoleInfo> roles = new HashMap<>();
        Map<Integer, CatalogRow> roleRows = new HashMap<>();
        for (CatalogRow row : heap.scan(PG_AUTHID, 0, snapshot)) {
            roles.put(row.getString("rolname"), new RoleInfo(row.getOid("oid"), row.getString("rolname"),
                    row.getBool("rolsuper"), row.getBool("rolcanlogin"), row.getString("rolpassword")));
            roleRows.put(row.getOid("oid"), row);
        }
        Map<String, Integer> databases = new HashMap<>();
        Map<Integer, String> databaseNames = new HashMap<>();
        Map<Integer, CatalogRow> databaseRows = new HashMap<>();
        for (CatalogRow row : heap.scan(PG_DATABASE, 0, snapshot)) {
            databaseNames.put(row.getOid("oid"), row.getString("datname"));
            databaseRows.put(row.getOid("oid"), row);
            if (row.getBool("datallowconn")) {
                databases.put(row.getString("datname"), row.getOid("oid"));
            }
        }
        List<CatalogRow> memberships = heap.scan(PG_AUTH_MEMBERS, 0, snapshot);
        return new SharedImage(imageVersion, Map.copyOf(roles), Map.copyOf(databases), Map.copyOf(databaseNames),
                Map.copyOf(roleRows), Map.copyOf(databaseRows), List.copyOf(memberships));
    }

    /**
     * The shared catalogs as {@code tx} sees them: its own snapshot once it has changed the
     * catalogs (so CREATE ROLE is visible to the rest of its transaction), else the committed image.
     */
    private SharedImage shared(Transaction tx) {
        if (!changedCatalogs(tx)) {
            return shared();
        }
        Snapshot snapshot = tx.takeSnapshot();
        OwnShared cached = ownShared;
        if (cached != null && cached.xid() == tx.xid() && cached.commandId() == snapshot.commandId()) {
            return cached.image();
        }
        SharedImage image = loadShared(snapshot, -1);
        ownShared = new OwnShared(tx.xid(), snapshot.commandId(), image);
        return image;
    }

    /** The shared catalogs as the last changing transaction to look saw them at one command id. */
    private record OwnShared(long xid, int commandId, SharedImage image) {}

    private volatile OwnShared ownShared;

    /** The pg_authid row of the role as {@code tx} sees it, or null. */
    CatalogRow roleRow(Transaction tx, int roleOid) {
        return shared(tx).roleRows().get(roleOid);
    }

    /** The role of that name as {@code tx} sees pg_authid, if any. */
    public Optional<RoleInfo> lookupRole(Transaction tx, String name) {
        return Optional.ofNullable(shared(tx).roles().get(name));
    }

    /** The role of that OID as {@code tx} sees pg_authid, if any. */
    public Optional<RoleInfo> roleByOid(Transaction tx, int oid) {
        return shared(tx).roles().values().stream().filter(role -> role.oid() == oid).findFirst();
    }

    /** Every pg_authid row as {@code tx} sees them. */
    java.util.Collection<CatalogRow> roleRows(Transaction tx) {
        return shared(tx).roleRows().values();
    }

    /** The pg_database row as {@code tx} sees it, or null. */
    CatalogRow databaseRow(Transaction tx, int databaseOid) {
        return shared(tx).databaseRows().get(databaseOid);
    }

    /** Every pg_database row as {@code tx} sees them. */
    java.util.Collection<CatalogRow> databaseRows(Transaction tx) {
        return shared(tx).databaseRows().values();
    }

    /** The pg_auth_members rows as {@code tx} sees them. */
    List<CatalogRow> memberships(Transaction tx) {
        return shared(tx).memberships();
    }

    /**
     * Runs {@code reader} with a fresh snapshot of committed state (PostgreSQL's catalog
     * snapshot), taken without a transaction: a lookup made while a session's transaction waits
     * must not stand in for it in the lock manager.
     */
    private <T> T readCommitted(Function<Snapshot, T> reader) {
        return storage.transactions().readCommitted(reader);
    }

    /** The backend ids of sessions, naming their temporary schemas (pg_temp_N). */
    TemporarySchema.BackendIds temporaryBackendIds() {
        return temporaryBackendIds;
    }
}
