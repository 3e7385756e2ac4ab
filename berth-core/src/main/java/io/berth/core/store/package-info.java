/**
 * The core's port to durable storage: what the protocol engine writes so that persistent sessions, their
 * queued and inflight messages, and retained messages survive a restart, and what it reads back at start-up.
 * The core never depends on a storage technology; {@link io.berth.core.store.DurableState#memoryOnly()} is used
 * when durability is off, and the {@code berth-store} module implements the port on RocksDB.
 */
package io.berth.core.store;
