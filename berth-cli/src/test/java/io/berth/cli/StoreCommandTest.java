package io.berth.cli;

import io.berth.core.store.SessionRecord;
import io.berth.store.RocksDbDurableState;
import io.berth.store.SyncMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StoreCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path config;
    private Path store;

    @BeforeEach
    void writeConfig() throws IOException {
        store = dir.resolve("data").resolve("store");
        config = dir.resolve("berth.conf");
        Files.writeString(config, "node.data_dir = \"%s\"\n".formatted(dir.resolve("data")));
    }

    private int run(String... args) {
        var cmd = BerthCommand.create(Map.of(), dir.resolve("none.conf"), () -> { });
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    private void writeSessions(Path storeDir, String... clientIds) throws Exception {
        try (RocksDbDurableState state = RocksDbDurableState.open(storeDir, SyncMode.BATCH)) {
            for (String id : clientIds) {
                state.sessionPut(new SessionRecord(id, 600, 5, 0));
            }
            CompletableFuture<Boolean> done = new CompletableFuture<>();
            state.whenDurable(Runnable::run, done::complete);
            assertThat(done.get(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private long sessions(Path storeDir) {
        try (RocksDbDurableState state = RocksDbDurableState.open(storeDir, SyncMode.BATCH)) {
            return state.recoverSessions(System.currentTimeMillis()).size();
        }
    }

    @Test
    void check_reportsCountsOfTheConfiguredStore() throws Exception {
        writeSessions(store, "a", "b");
        assertThat(run("store", "check", "-c", config.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains(store.toString()).contains("sessions=2").contains("store OK");
    }

    @Test
    void check_ofADirectoryWithoutStore_fails() {
        assertThat(run("store", "check", "--dir", dir.resolve("nothing").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no durable store in");
    }

    @Test
    void backupThenRestore_bringsBackTheBackedUpState_andKeepsThePreviousStoreAside() throws Exception {
        writeSessions(store, "a", "b");
        Path backup = dir.resolve("backup");
        assertThat(run("store", "backup", "-c", config.toString(), "--to", backup.toString())).as(err.toString())
                .isZero();
        writeSessions(store, "c");
        assertThat(sessions(store)).isEqualTo(3);

        assertThat(run("store", "restore", "-c", config.toString(), "--from", backup.toString()))
                .as(err.toString()).isZero();
        assertThat(sessions(store)).isEqualTo(2);
        assertThat(out.toString()).contains("the previous store is in");
        try (var siblings = Files.list(store.getParent())) {
            assertThat(siblings.filter(p -> p.getFileName().toString().startsWith("store.before-restore-")))
                    .hasSize(1);
        }
    }

    @Test
    void restore_refusesWhileABrokerHoldsTheStore() throws Exception {
        writeSessions(store, "a");
        Path backup = dir.resolve("backup");
        assertThat(run("store", "backup", "--dir", store.toString(), "--to", backup.toString())).isZero();
        try (RocksDbDurableState running = RocksDbDurableState.open(store, SyncMode.BATCH)) {
            assertThat(run("store", "restore", "--dir", store.toString(), "--from", backup.toString()))
                    .isEqualTo(1);
            assertThat(err.toString()).contains("in use by another process");
        }
    }
}
