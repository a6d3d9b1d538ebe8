package io.woolguard.benchmarks.traffic;

/** The behaviour a simulated event comes from, with the {@link Actor} behind it. */
public enum Scenario {
    /** An established account on its own phone at home: claims, orders, logins at an ordinary pace. */
    LEGIT_REGULAR(Actor.LEGIT),
    /** Several family accounts on one shared tablet, same home IP and shipping address. */
    LEGIT_FAMILY_TABLET(Actor.LEGIT),
    /** Colleagues behind one office NAT IP, each on their own device. */
    LEGIT_OFFICE_NAT(Actor.LEGIT),
    /** A years-old account buying one ¥0.01 promotion item with one coupon. */
    LEGIT_PENNY_PROMO(Actor.LEGIT),
    /** A customer on a mobile carrier's NAT address that thousands of others share. */
    LEGIT_CARRIER_NAT(Actor.LEGIT),
    /** A genuinely new customer who registers and claims the new-user coupon within minutes. */
    LEGIT_NEW_USER(Actor.LEGIT),
    /** Fresh accounts rotated on a few devices, claiming in bursts through a proxy pool. */
    FARM_DEVICE_FARM(Actor.FARM),
    /** Farm accounts being registered in bulk (virtual-carrier phones, shared devices). */
    FARM_REGISTRATION(Actor.FARM),
    /** Scripted clients (headless browsers, HTTP libraries) claiming from proxy IPs. */
    FARM_AUTOMATION(Actor.FARM),
    /** Orders under 10% of list price with stacked coupons, shipped to shared drop addresses. */
    FARM_CHEAP_ORDER(Actor.FARM);

    private final Actor actor;

    Scenario(Actor actor) {
        this.actor = actor;
    }

    /** Who is behind this behaviour. */
    public Actor actor() {
        return actor;
    }
}
