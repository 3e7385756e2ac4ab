/**
 * The management HTTP endpoint ({@code dashboard.listeners.http}): a small router on Netty HTTP sharing the broker's
 * event loops, JSON in and out, errors as EMQX's {@code {"code": "...", "message": "..."}}. Today it serves the
 * listeners API ({@code /api/v5/listeners}); the REST API, {@code /metrics} and the dashboard mount on it later.
 */
package io.berth.server.management;
