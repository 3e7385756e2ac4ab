/**
 * Retained messages: the {@link io.berth.core.retain.RetainedStore} interface and its in-memory
 * implementation, a topic tree that answers wildcard subscriptions without scanning every topic.
 */
package io.berth.core.retain;
