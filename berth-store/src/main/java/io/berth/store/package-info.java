/**
 * The broker's durable state on embedded RocksDB ({@link io.berth.store.RocksDbDurableState}): one column family
 * per kind of state, values in a small versioned binary encoding ({@link io.berth.store.RecordCodec}), writes
 * applied by one store thread in batches with group commit ({@link io.berth.store.StoreWriter}), plus the
 * operations behind {@code berth store check|backup|restore}.
 */
package io.berth.store;
