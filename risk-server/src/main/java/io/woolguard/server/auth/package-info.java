/**
 * Bearer-token authentication and role checks. Tokens are kept only as SHA-256 hashes and compared
 * in constant time; audits name callers by a token-derived actor, never by the token.
 */
package io.woolguard.server.auth;
