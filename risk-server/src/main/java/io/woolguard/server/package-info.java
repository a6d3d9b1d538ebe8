/**
 * The Woolguard decision service: {@link io.woolguard.server.Application} starts it. Everything
 * else lives in sub-packages: {@code config} (settings), {@code engine} (engine and feature-stream
 * wiring), {@code auth} (tokens and roles), {@code http} (controllers), {@code problem} (errors as
 * problem+json), {@code metrics} (Prometheus meters).
 */
package io.woolguard.server;
