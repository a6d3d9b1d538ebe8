/** Typed configuration of the service: {@code woolguard.*} keys with defaults that work on a laptop. */
package io.woolguard.server.config;
