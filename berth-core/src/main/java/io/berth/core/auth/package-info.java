/**
 * Authentication: who a client is. An ordered chain of {@link io.berth.core.auth.Authenticator}s, each answering
 * allow, deny or ignore (EMQX-style), the per-listener anonymous rule, the built-in user store and its password
 * hashes. The chain runs on the broker's authentication executor, never on an event loop.
 */
package io.berth.core.auth;
