/**
 * The HTTP API (CONTRACT §3): thin controllers that map JSON to core values with
 * {@link io.woolguard.core.json.WoolguardJson}, call the engine and map the answer back.
 */
package io.woolguard.server.http;
