package io.berth.server.listener;

import io.berth.server.config.ListenerDefinitions;
import io.berth.server.config.ListenerOverrides;
import io.berth.server.config.ListenerProtection;
import io.berth.server.config.ListenerRenderer;
import io.berth.server.config.ListenerSettings;
import io.berth.server.protection.ProtectionServices;

import java.util.Map;

/**
 * Listener changes made while the broker runs (management API, {@code berth ctl listeners}): create, update, delete,
 * start and stop. A definition is read with the config file's readers first ({@link ListenerDefinitions}: a bad one
 * changes nothing), the listener's accept-time gate takes its new settings, the {@link ListenerManager} binds, and
 * only a change that took effect is written to the override file ({@link ListenerOverrides}), so it survives a
 * restart. A start persists {@code enabled = true}, a stop {@code enabled = false} (as EMQX does).
 *
 * <p>Blocking (config files, binds, disk writes) and serialised: call off the event loops.
 */
public final class RuntimeListeners {

    private final ListenerManager manager;
    private final ProtectionServices protection;
    private final ListenerOverrides overrides;

    public RuntimeListeners(ListenerManager manager, ProtectionServices protection, ListenerOverrides overrides) {
        this.manager = manager;
        this.protection = protection;
        this.overrides = overrides;
    }

    public ListenerManager manager() {
        return manager;
    }

    /** The override file the changes go to. */
    public java.nio.file.Path overridesFile() {
        return overrides.file();
    }

    /**
     * Creates listener {@code type:name} from its block and starts it if it is enabled.
     *
     * @throws io.berth.server.config.ConfigException naming the key of each problem in the definition
     * @throws IllegalArgumentException               for an unknown type or a bad name
     * @throws ListenerExistsException                if the listener exists
     * @throws ListenerException                      if it cannot bind or load its TLS material (nothing is kept)
     */
    public synchronized ListenerStatus create(String type, String name, Map<String, ?> block, String origin) {
        ListenerDefinitions.Definition d = ListenerDefinitions.read(type, name, block, origin,
                protection.listenerDefaults());
        if (manager.list().stream().anyMatch(s -> s.id().equals(d.id()))) {
            throw new ListenerExistsException(d.id());
        }
        protection.configureListener(d.id(), d.protection(), d.settings().maxConnections());
        ListenerStatus status;
        try {
            status = manager.create(d.settings());
        } catch (RuntimeException e) {
            protection.removeListener(d.id());
            throw e;
        }
        overrides.put(d.id(), d.block());
        return status;
    }

    /**
     * Changes keys of listener {@code id} (any key of its block but {@code allow_anonymous} and
     * {@code enable_two_factor}); a running listener restarts with them and rolls back if they fail.
     *
     * @throws io.berth.server.config.ConfigException naming the key of each problem
     * @throws ListenerNotFoundException              if there is no such listener
     * @throws ListenerException                      if the new settings cannot bind or load (rolled back)
     */
    public synchronized ListenerStatus update(String id, Map<String, ?> changes, String origin) {
        ListenerSettings current = manager.config(id);
        ListenerProtection currentGate = protection.gate(id).settings();
        ListenerDefinitions.Definition d = ListenerDefinitions.update(current, currentGate, changes, origin);
        protection.configureListener(id, d.protection(), d.settings().maxConnections());
        ListenerStatus status;
        try {
            status = manager.update(d.settings());
        } catch (RuntimeException e) {
            protection.configureListener(id, currentGate, current.maxConnections());
            throw e;
        }
        overrides.put(id, d.block());
        return status;
    }

    /**
     * Stops (closing its connections) and removes listener {@code id}.
     *
     * @throws ListenerNotFoundException if there is no such listener
     */
    public synchronized void delete(String id) {
        manager.delete(id);
        protection.removeListener(id);
        overrides.delete(id);
    }

    /** Starts listener {@code id} and records it as enabled. See {@link ListenerManager#start}. */
    public synchronized ListenerStatus start(String id) {
        manager.start(id);
        persistEnabled(id, true);
        return manager.status(id);
    }

    /** Stops listener {@code id} and records it as disabled. See {@link ListenerManager#stop}. */
    public synchronized ListenerStatus stop(String id) {
        manager.stop(id);
        persistEnabled(id, false);
        return manager.status(id);
    }

    private void persistEnabled(String id, boolean on) {
        ListenerSettings config = manager.setEnabled(id, on);
        overrides.put(id, ListenerRenderer.render(config, protection.gate(id).settings()));
    }
}
