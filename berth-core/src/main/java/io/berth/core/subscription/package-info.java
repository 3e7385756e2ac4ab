/**
 * Who receives a message: the broker-wide subscription tree ({@link io.berth.core.subscription.SubscriptionTrie}),
 * shared subscription groups and the choice of one member per group
 * ({@link io.berth.core.subscription.SharedGroupSelector}).
 *
 * <p>Matching is lock-free and may run on every event loop at once; changes to the tree are serialised
 * by a single write lock and become visible to readers atomically, one subscription at a time.
 */
package io.berth.core.subscription;
