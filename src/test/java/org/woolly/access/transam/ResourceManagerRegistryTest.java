package org.woolly.access.transam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Recovery through the registry of resource managers (PostgreSQL's {@code RmgrTable}): a module
 * that transam does not know registers its own resource manager and sees its records replayed
 * after a crash; an id already taken is refused.
 */
class ResourceManagerRegistryTest {
    /** Above the built-in ids, as PostgreSQL's custom resource managers (128..255). */
    private static final int CUSTOM_ID = 130;
    private static final StorageOptions OPTIONS = StorageOptions.defaults().withSharedBuffers(64).withFsync(false);

    @TempDir
    Path data;

    private final List<String> replayed = new ArrayList<>();

    private ResourceManager recording(int id, String name) {
        return new ResourceManager() {
            @Override
            public int id() {
                return id;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public void redo(WalRecord record, long endLsn) {
                replayed.add(new String(record.mainData(), java.nio.charset.StandardCharsets.UTF_8));
            }

            @Override
            public String describe(WalRecord record) {
                return name;
            }
        };
    }

    @Test
    void aRegisteredResourceManagerSeesItsRecordsReplayedAfterACrash() {
        List<StorageModule> modules = List.of(context -> context.resourceManagers().register(
                recording(CUSTOM_ID, "test_custom")));
        StorageStartup.initialize(data);
        DefaultStorageServices services = StorageStartup.open(data, OPTIONS, modules);
        long end = 0;
        for (String payload : List.of("first", "second")) {
            end = services.wal().insert(new WalRecord(CUSTOM_ID, 0, 0, List.of(), payload.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)));
        }
        services.wal().flush(end);
        services.shutdownImmediately();
        assertThat(replayed).isEmpty();

        try (DefaultStorageServices reopened = StorageStartup.open(data, OPTIONS, modules)) {
            assertThat(replayed).containsExactly("first", "second");
            assertThat(reopened.resourceManagers().get(CUSTOM_ID).name()).isEqualTo("test_custom");
        }
    }

    @Test
    void recoveryWithoutTheResourceManagerOfARecordPanics() {
        StorageStartup.initialize(data);
        DefaultStorageServices services = StorageStartup.open(data, OPTIONS, List.of());
        services.wal().flush(services.wal().insert(new WalRecord(CUSTOM_ID, 0, 0, List.of(), new byte[1])));
        services.shutdownImmediately();

        assertThatThrownBy(() -> StorageStartup.open(data, OPTIONS, List.of()))
                .isInstanceOf(SqlException.class)
                .hasMessage("resource manager with ID " + CUSTOM_ID + " not registered");
    }

    @Test
    void aDuplicateIdIsRefused() {
        ResourceManagerRegistry registry = new ResourceManagerRegistry();
        registry.register(recording(CUSTOM_ID, "first"));
        assertThatThrownBy(() -> registry.register(recording(CUSTOM_ID, "second")))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo(SqlState.INTERNAL_ERROR);
                    assertThat(e.getMessage()).isEqualTo(
                            "failed to register custom resource manager \"second\" with ID " + CUSTOM_ID);
                    assertThat(e.detail()).isEqualTo("Resource manager \"first\" already registered with the same ID.");
                });
        assertThat(registry.get(CUSTOM_ID).name()).isEqualTo("first");
    }

    @Test
    void aModuleCannotTakeTheIdOfTransamsOwnRecords() {
        StorageStartup.initialize(data);
        List<StorageModule> modules = List.of(context -> context.resourceManagers().register(
                recording(ResourceManagerIds.XLOG, "impostor")));
        assertThatThrownBy(() -> StorageStartup.open(data, OPTIONS, modules))
                .isInstanceOf(SqlException.class)
                .hasMessageContaining("with ID " + ResourceManagerIds.XLOG);
    }

    @Test
    void accessMethodsAreHandedOutByNameAndType() {
        AccessMethodRegistry registry = new AccessMethodRegistry();
        registry.register("test_table", AccessMethodRegistry.Kind.TABLE, "routine");
        assertThat(registry.get("test_table", String.class)).isEqualTo("routine");
        assertThat(registry.contains("test_table", AccessMethodRegistry.Kind.TABLE)).isTrue();
        assertThat(registry.contains("test_table", AccessMethodRegistry.Kind.INDEX)).isFalse();
        assertThatThrownBy(() -> registry.register("test_table", AccessMethodRegistry.Kind.INDEX, "other"))
                .isInstanceOfSatisfying(SqlException.class,
                        e -> assertThat(e.sqlState()).isEqualTo(SqlState.DUPLICATE_OBJECT));
        assertThatThrownBy(() -> registry.get("test_index", String.class))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo(SqlState.UNDEFINED_OBJECT);
                    assertThat(e.getMessage()).isEqualTo("access method \"test_index\" does not exist");
                });
    }
}
