package io.woolguard.core;

/**
 * The device an event came from, as the client SDK reports it.
 *
 * @param id        the device id, 1–128 printable characters
 * @param platform  the client platform, if known
 * @param emulator  the SDK detected an emulator
 * @param rooted    the SDK detected root / jailbreak
 * @param hooked    the SDK detected a hooking framework (Frida, Xposed) or a tampered app
 * @param userAgent the user agent string, at most 1,024 characters
 * @param timezone  the device's IANA time zone, e.g. {@code Asia/Shanghai}
 */
public record Device(String id, Platform platform, Boolean emulator, Boolean rooted, Boolean hooked,
                     String userAgent, String timezone) {
    public Device {
        Validation v = new Validation();
        v.id(id, "device.id", true);
        v.text(userAgent, "device.userAgent", 1024);
        v.text(timezone, "device.timezone", 64);
        v.throwIfAny();
    }

    /** A device known only by its id. */
    public static Device of(String id) {
        return new Device(id, null, null, null, null, null, null);
    }

    /** True when the device reported an emulator. */
    public boolean isEmulator() {
        return Boolean.TRUE.equals(emulator);
    }

    /** True when the device reported root or jailbreak. */
    public boolean isRooted() {
        return Boolean.TRUE.equals(rooted);
    }

    /** True when the device reported a hooking framework. */
    public boolean isHooked() {
        return Boolean.TRUE.equals(hooked);
    }
}
