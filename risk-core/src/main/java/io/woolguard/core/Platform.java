package io.woolguard.core;

/** The client platform a device reports. */
public enum Platform {
    /** Native iOS app. */
    IOS,
    /** Native Android app. */
    ANDROID,
    /** A web browser. */
    WEB,
    /** A WeChat (or similar) mini-program. */
    MINI_PROGRAM,
    /** Anything else. */
    OTHER
}
