package io.woolguard.benchmarks.traffic;

import io.woolguard.core.Coupon;
import io.woolguard.core.Device;
import io.woolguard.core.EventType;
import io.woolguard.core.Order;
import io.woolguard.core.PersonalData;
import io.woolguard.core.Platform;
import io.woolguard.core.RiskEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded, realistic storefront traffic: legit customers and coupon-abuse farms, mixed.
 *
 * <p><b>Legit customers</b> ({@code legitUsers} of them, activity Zipf-skewed: a few are very
 * active, most are rarely seen, and none acts more than once in 10 seconds) have accounts 30 days to 6 years old, their own phone or browser, a
 * residential IP, ordinary carrier phone numbers and ordinary velocity. Among them: families of four
 * sharing one tablet, home IP and address; offices of ~48 colleagues behind one NAT IP; customers on
 * a carrier NAT address thousands share; years-old accounts buying one ¥0.01 promotion; and truly new
 * customers claiming the new-user coupon minutes after registering.
 *
 * <p><b>Farms</b> ({@code farms} of them, Zipf-skewed activity) each run 4–16 devices (many
 * emulated, rooted or hooked; some scripted with automation user agents) with 15–60 fresh accounts
 * per device (1–47 hours old), a proxy pool of 2–4 /24s in hosting ranges, virtual-carrier phone
 * numbers (170/171/162/165/167) each reused by three accounts, a few shared drop addresses and
 * payment instruments. They register accounts in bulk, claim in bursts of 20–200 against the
 * festival campaigns, and place orders under 10% of list price with 2–4 stacked coupons.
 *
 * <p>The same seed and settings give the same events in the same order. Every event gets a unique
 * {@code eventId} ({@code <prefix>-<sequence>}). Entity attributes are derived from the seed and the
 * entity's index, so memory stays constant however many users there are.
 *
 * <p>Thread-safe: {@code next} calls are serialised (each costs a few microseconds); render JSON
 * outside any lock of your own.
 */
public final class TrafficModel {
    private static final int MAX_CONCURRENT_BURSTS = 3;
    private static final int FAMILY_SIZE = 4;
    private static final int CARRIER_NAT_POOL = 2_000;
    /** The shortest gap between two events of one legit customer. */
    static final long HUMAN_GAP_MILLIS = 10_000;
    private static final int MAX_TRACKED_CUSTOMERS = 200_000;

    private final long seed;
    private final double farmShare;
    private final int legitUsers;
    private final int farms;
    private final double eventsPerSecond;
    private final Instant start;
    private final String eventIdPrefix;

    private final SplittableRandom random;
    private final Zipf userPopularity;
    private final Zipf farmPopularity;
    private final Zipf campaignPopularity;
    private final Deque<Burst> bursts = new ArrayDeque<>();
    /** When each recently active customer last acted (bounded, least recently active dropped first). */
    private final Map<Long, Long> lastActive = new LinkedHashMap<>(1 << 16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
            return size() > MAX_TRACKED_CUSTOMERS;
        }
    };
    private long sequence;
    private long simulatedNanos;
    private long newUsers;

    private TrafficModel(Builder b) {
        this.seed = b.seed;
        this.farmShare = b.farmShare;
        this.legitUsers = b.legitUsers;
        this.farms = b.farms;
        this.eventsPerSecond = b.eventsPerSecond;
        this.start = b.start;
        this.eventIdPrefix = b.eventIdPrefix;
        this.random = new SplittableRandom(seed);
        this.userPopularity = new Zipf(legitUsers, b.skew);
        this.farmPopularity = new Zipf(farms, 0.8);
        this.campaignPopularity = new Zipf(Catalog.CAMPAIGNS.size(), 1.1);
    }

    /** Starts a builder with sensible defaults: 100,000 users, 40 farms, 10% farm traffic, seed 42. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The next event, its time on the model's simulated clock: {@code start} plus Poisson arrivals
     * at {@code eventsPerSecond}.
     */
    public synchronized TrafficEvent next() {
        simulatedNanos += (long) (-Math.log(1.0 - random.nextDouble()) / eventsPerSecond * 1e9);
        return generate(start.plusNanos(simulatedNanos));
    }

    /** The next event, occurring at {@code now} (for live traffic against a running service). */
    public synchronized TrafficEvent next(Instant now) {
        return generate(now);
    }

    /** The next {@code count} events on the simulated clock. */
    public List<TrafficEvent> next(int count) {
        List<TrafficEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(next());
        }
        return events;
    }

    /** How many events this model has generated. */
    public synchronized long generated() {
        return sequence;
    }

    /** The share of events that come from farms, as configured. */
    public double farmShare() {
        return farmShare;
    }

    /** How many legit customers the population has. */
    public int legitUsers() {
        return legitUsers;
    }

    private TrafficEvent generate(Instant at) {
        long seq = sequence++;
        String eventId = eventIdPrefix + "-" + seq;
        return random.nextDouble() < farmShare ? farmEvent(eventId, at) : legitEvent(eventId, at);
    }

    // ------------------------------------------------------------------ legit customers

    private TrafficEvent legitEvent(String eventId, Instant at) {
        double roll = random.nextDouble();
        if (roll < 0.02) {
            return newCustomer(eventId, at);
        }
        if (roll < 0.05) {
            return pennyPromo(eventId, at);
        }
        long index = restedCustomer(at);
        Customer customer = customer(index);
        Scenario scenario = Scenario.LEGIT_REGULAR;
        Device device = customer.device;
        String ip = customer.homeIp;
        if (customer.familyId >= 0 && random.nextDouble() < 0.5) {
            scenario = Scenario.LEGIT_FAMILY_TABLET;
            device = familyTablet(customer.familyId);
        } else if (customer.officeId >= 0 && random.nextDouble() < 0.6) {
            scenario = Scenario.LEGIT_OFFICE_NAT;
            ip = officeIp(customer.officeId);
        } else if (random.nextDouble() < 0.08) {
            scenario = Scenario.LEGIT_CARRIER_NAT;
            ip = carrierNatIp(random.nextInt(CARRIER_NAT_POOL));
        }
        double type = random.nextDouble();
        RiskEvent.Builder event;
        if (type < 0.45) {
            event = base(eventId, EventType.COUPON_CLAIM, customer.accountId, at, customer.createdAt, device, ip)
                    .coupon(coupon(legitCampaign(), eventId));
        } else if (type < 0.75) {
            event = base(eventId, EventType.ORDER, customer.accountId, at, customer.createdAt, device, ip)
                    .order(legitOrder(eventId, customer));
        } else {
            event = base(eventId, EventType.LOGIN, customer.accountId, at, customer.createdAt, device, ip);
        }
        event.phone(customer.phone).email(customer.email).attribute("channel", channel(device));
        boolean withOrderData = type >= 0.45 && type < 0.75;
        return new TrafficEvent(event.build(), scenario, customer.phone, customer.email,
                withOrderData ? customer.address : null, withOrderData ? customer.payment : null);
    }

    private TrafficEvent newCustomer(String eventId, Instant at) {
        long n = newUsers++;
        long h = mix(seed, 0x4E45_5755L, n);
        String accountId = "n-" + eventIdPrefix + "-" + n;
        Instant createdAt = at.minus(Duration.ofMinutes(3 + floorMod(h, 28)));
        Device device = new Device("d-n-" + eventIdPrefix + "-" + n, (h & 1) == 0 ? Platform.IOS : Platform.ANDROID,
                false, false, false, (h & 1) == 0 ? Catalog.UA_IPHONE : Catalog.UA_ANDROID, "Asia/Shanghai");
        String phone = phone(Catalog.CARRIER_PREFIXES, mix(h, 1, 1));
        String email = "new" + n + "@" + Catalog.EMAIL_DOMAINS[(int) floorMod(h >>> 8, Catalog.EMAIL_DOMAINS.length)];
        RiskEvent event = base(eventId, EventType.COUPON_CLAIM, accountId, at, createdAt, device, residentialIp(mix(h, 2, 2)))
                .coupon(coupon(Catalog.NEW_USER, eventId))
                .phone(phone).email(email).attribute("channel", "app")
                .build();
        return new TrafficEvent(event, Scenario.LEGIT_NEW_USER, phone, email, null, null);
    }

    private TrafficEvent pennyPromo(String eventId, Instant at) {
        Customer customer = customer(restedCustomer(at));
        for (int attempt = 0; attempt < 16 && customer.ageDays < 730; attempt++) {
            customer = customer(restedCustomer(at));
        }
        BigDecimal listPrice = new BigDecimal(9 + random.nextInt(21)).add(new BigDecimal("0.90"));
        Order order = new Order("o-" + eventId, new BigDecimal("0.01"), listPrice, "CNY", 1,
                List.of("cp-" + Catalog.PENNY_CAMPAIGN), PersonalData.raw(customer.address), PersonalData.raw(customer.payment));
        RiskEvent event = base(eventId, EventType.ORDER, customer.accountId, at, customer.createdAt, customer.device, customer.homeIp)
                .order(order).phone(customer.phone).email(customer.email)
                .attribute("channel", channel(customer.device)).attribute("promotion", Catalog.PENNY_CAMPAIGN)
                .build();
        return new TrafficEvent(event, Scenario.LEGIT_PENNY_PROMO, customer.phone, customer.email, customer.address, customer.payment);
    }

    /**
     * A customer drawn by popularity who has not acted in the last {@link #HUMAN_GAP_MILLIS}: people do
     * not claim, order or log in several times a second, however active they are. When the rate is
     * too high for the population, the draw falls back to a uniform one, and finally gives up.
     */
    private long restedCustomer(Instant at) {
        long now = at.toEpochMilli();
        for (int attempt = 0; attempt < 8; attempt++) {
            long index = userPopularity.sample(random);
            if (markActive(index, now)) {
                return index;
            }
        }
        for (int attempt = 0; attempt < 64; attempt++) {
            long index = random.nextLong(legitUsers);
            if (markActive(index, now)) {
                return index;
            }
        }
        return random.nextLong(legitUsers);
    }

    private boolean markActive(long index, long now) {
        Long last = lastActive.get(index);
        if (last != null && now - last < HUMAN_GAP_MILLIS) {
            return false;
        }
        lastActive.put(index, now);
        return true;
    }

    private Order legitOrder(String eventId, Customer customer) {
        BigDecimal listPrice = BigDecimal.valueOf(20 + random.nextInt(780)).add(new BigDecimal("0.90"));
        double paid = 0.55 + random.nextDouble() * 0.45;
        BigDecimal amount = listPrice.multiply(BigDecimal.valueOf(paid)).setScale(2, RoundingMode.HALF_UP);
        List<String> coupons = random.nextDouble() < 0.35 ? List.of("cp-" + legitCampaign().id()) : List.of();
        return new Order("o-" + eventId, amount, listPrice, "CNY", 1 + random.nextInt(3), coupons,
                PersonalData.raw(customer.address), PersonalData.raw(customer.payment));
    }

    private Catalog.Campaign legitCampaign() {
        return Catalog.CAMPAIGNS.get((int) campaignPopularity.sample(random));
    }

    /** Everything about legit customer {@code index}, derived from the seed: no per-customer memory. */
    private Customer customer(long index) {
        long h = mix(seed, 0xC057L, index);
        int bucket = (int) (index % 100);
        long familyId = bucket < 8 ? index / FAMILY_SIZE : -1;
        long officeId = bucket >= 8 && bucket < 20 ? index / 400 : -1;
        long ageDays = 30 + floorMod(h, 6 * 365 - 30);
        Platform platform = switch ((int) floorMod(h >>> 12, 10)) {
            case 0, 1, 2, 3 -> Platform.IOS;
            case 4, 5, 6 -> Platform.ANDROID;
            case 7, 8 -> Platform.MINI_PROGRAM;
            default -> Platform.WEB;
        };
        Device device = new Device("d-u-" + index, platform, false, false, false, userAgent(platform), "Asia/Shanghai");
        long home = familyId >= 0 ? mix(seed, 0xFA11L, familyId) : h;
        String homeIp = residentialIp(home);
        String address = address(home);
        String payment = familyId >= 0 && (h & 3) != 0 ? payment(mix(home, 7, 7)) : payment(mix(h, 7, 7));
        String[] prefixes = floorMod(h >>> 20, 100) == 0 ? Catalog.VIRTUAL_PREFIXES : Catalog.CARRIER_PREFIXES;
        return new Customer("u-" + index, start.minus(Duration.ofDays(ageDays)).minusSeconds(floorMod(h >>> 5, 86_400)),
                ageDays, device, homeIp, phone(prefixes, mix(h, 3, 3)),
                "user" + index + "@" + Catalog.EMAIL_DOMAINS[(int) floorMod(h >>> 30, Catalog.EMAIL_DOMAINS.length)],
                address, payment, familyId, officeId);
    }

    private record Customer(String accountId, Instant createdAt, long ageDays, Device device, String homeIp,
                            String phone, String email, String address, String payment, long familyId, long officeId) {
    }

    private static Device familyTablet(long familyId) {
        return new Device("d-tab-" + familyId, Platform.IOS, false, false, false, Catalog.UA_IPAD, "Asia/Shanghai");
    }

    private String officeIp(long officeId) {
        long h = mix(seed, 0x0FF1CEL, officeId);
        return "101." + floorMod(h, 256) + "." + floorMod(h >>> 8, 256) + "." + (2 + floorMod(h >>> 16, 250));
    }

    private static String carrierNatIp(int slot) {
        return "117.136." + (slot / 250) + "." + (2 + slot % 250);
    }

    // ------------------------------------------------------------------ farms

    private TrafficEvent farmEvent(String eventId, Instant at) {
        Burst burst = currentBurst();
        FarmProfile farm = burst.farm;
        double roll = random.nextDouble();
        if (roll < 0.10) {
            return farmRegistration(eventId, at, farm, burst);
        }
        if (roll < 0.25) {
            return farmOrder(eventId, at, farm, burst);
        }
        FarmAccount account = farm.account(burst.nextCursor());
        Device device = farm.device(account.deviceIndex);
        RiskEvent event = base(eventId, EventType.COUPON_CLAIM, account.id, at, account.createdAt, device, farm.proxyIp(random))
                .coupon(coupon(burst.campaign, eventId))
                .phone(account.phone).email(account.email).attribute("channel", "app")
                .build();
        Scenario scenario = farm.isScripted(account.deviceIndex) ? Scenario.FARM_AUTOMATION : Scenario.FARM_DEVICE_FARM;
        return new TrafficEvent(event, scenario, account.phone, account.email, null, null);
    }

    private TrafficEvent farmRegistration(String eventId, Instant at, FarmProfile farm, Burst burst) {
        // a brand-new account, registered now on one of the farm's devices with a recycled phone
        FarmAccount template = farm.account(burst.nextCursor());
        String accountId = "a-f" + farm.index + "-r-" + eventId;
        RiskEvent event = base(eventId, EventType.REGISTRATION, accountId, at, at, farm.device(template.deviceIndex),
                farm.proxyIp(random))
                .phone(template.phone).email(null).attribute("channel", "app")
                .build();
        return new TrafficEvent(event, Scenario.FARM_REGISTRATION, template.phone, null, null, null);
    }

    private TrafficEvent farmOrder(String eventId, Instant at, FarmProfile farm, Burst burst) {
        FarmAccount account = farm.account(burst.nextCursor());
        BigDecimal listPrice = BigDecimal.valueOf(99 + random.nextInt(1_900)).add(new BigDecimal("0.00"));
        double paid = 0.01 + random.nextDouble() * 0.08;
        BigDecimal amount = listPrice.multiply(BigDecimal.valueOf(paid)).setScale(2, RoundingMode.HALF_UP);
        int stacked = 2 + random.nextInt(3);
        List<String> coupons = new ArrayList<>(stacked);
        for (int i = 0; i < stacked; i++) {
            coupons.add("cp-" + Catalog.CAMPAIGNS.get(i).id());
        }
        String address = farm.address(random);
        String payment = farm.payment(random);
        Order order = new Order("o-" + eventId, amount, listPrice, "CNY", 1, coupons,
                PersonalData.raw(address), PersonalData.raw(payment));
        RiskEvent event = base(eventId, EventType.ORDER, account.id, at, account.createdAt, farm.device(account.deviceIndex),
                farm.proxyIp(random))
                .order(order).phone(account.phone).email(account.email).attribute("channel", "app")
                .build();
        return new TrafficEvent(event, Scenario.FARM_CHEAP_ORDER, account.phone, account.email, address, payment);
    }

    /** Farm traffic comes in bursts: a farm picks a festival campaign and fires 20–200 events at it. */
    private Burst currentBurst() {
        for (Iterator<Burst> it = bursts.iterator(); it.hasNext(); ) {
            if (it.next().remaining <= 0) {
                it.remove();
            }
        }
        if (bursts.size() < MAX_CONCURRENT_BURSTS && (bursts.isEmpty() || random.nextDouble() < 0.02)) {
            FarmProfile farm = new FarmProfile(seed, (int) farmPopularity.sample(random), start);
            Catalog.Campaign campaign = Catalog.CAMPAIGNS.get((int) (random.nextInt(5)));
            bursts.addLast(new Burst(farm, campaign, 20 + random.nextInt(181), random.nextInt(farm.accountCount())));
        }
        Burst chosen = bursts.removeFirst();
        bursts.addLast(chosen);
        chosen.remaining--;
        return chosen;
    }

    private static final class Burst {
        final FarmProfile farm;
        final Catalog.Campaign campaign;
        int remaining;
        int cursor;

        Burst(FarmProfile farm, Catalog.Campaign campaign, int remaining, int cursor) {
            this.farm = farm;
            this.campaign = campaign;
            this.remaining = remaining;
            this.cursor = cursor;
        }

        /** Farms work a device's accounts one after another, then move to the next device. */
        int nextCursor() {
            return cursor++ % farm.accountCount();
        }
    }

    private record FarmAccount(String id, int deviceIndex, Instant createdAt, String phone, String email) {
    }

    /** One farm, derived from the seed and its index. */
    private static final class FarmProfile {
        private final long h;
        private final int index;
        private final int devices;
        private final int accountsPerDevice;
        private final int[] subnets;
        private final int addresses;
        private final int payments;
        private final Instant anchor;

        FarmProfile(long seed, int index, Instant anchor) {
            this.index = index;
            this.h = mix(seed, 0xFA4BL, index);
            this.devices = 4 + (int) floorMod(h, 13);
            this.accountsPerDevice = 15 + (int) floorMod(h >>> 8, 46);
            int subnetCount = 2 + (int) floorMod(h >>> 16, 3);
            this.subnets = new int[subnetCount];
            for (int i = 0; i < subnetCount; i++) {
                long s = mix(h, 0x5B, i);
                subnets[i] = (Catalog.HOSTING_OCTETS[(int) floorMod(s, Catalog.HOSTING_OCTETS.length)] << 16)
                        | ((int) floorMod(s >>> 8, 256) << 8) | (int) floorMod(s >>> 16, 256);
            }
            this.addresses = 2 + (int) floorMod(h >>> 24, 4);
            this.payments = 1 + (int) floorMod(h >>> 28, 3);
            this.anchor = anchor;
        }

        int accountCount() {
            return devices * accountsPerDevice;
        }

        FarmAccount account(int cursor) {
            int deviceIndex = cursor / accountsPerDevice;
            int slot = cursor % accountsPerDevice;
            long a = mix(h, deviceIndex, slot);
            String id = "a-f" + index + "-d" + deviceIndex + "-" + slot;
            Instant createdAt = anchor.minus(Duration.ofMinutes(60 + floorMod(a, 46 * 60)));
            String phone = phone(Catalog.VIRTUAL_PREFIXES, mix(h, 0x9E, cursor / 3));
            String email = "f" + Long.toString(floorMod(a >>> 4, 1L << 40), 36) + "@"
                    + ((a & 1) == 0 ? "163.com" : "qq.com");
            return new FarmAccount(id, deviceIndex, createdAt, phone, email);
        }

        Device device(int deviceIndex) {
            long d = mix(h, 0xDE, deviceIndex);
            boolean scripted = isScripted(deviceIndex);
            boolean emulator = floorMod(d >>> 4, 10) < 4;
            boolean rooted = floorMod(d >>> 8, 10) < 4;
            boolean hooked = floorMod(d >>> 12, 4) == 0;
            String userAgent = scripted
                    ? Catalog.AUTOMATION_AGENTS[(int) floorMod(d >>> 16, Catalog.AUTOMATION_AGENTS.length)]
                    : Catalog.UA_ANDROID;
            String timezone = emulator && (d & 0x100000) != 0 ? "UTC" : "Asia/Shanghai";
            return new Device("d-f" + index + "-" + deviceIndex, scripted ? Platform.WEB : Platform.ANDROID,
                    emulator, rooted, hooked, userAgent, timezone);
        }

        boolean isScripted(int deviceIndex) {
            return floorMod(mix(h, 0xDE, deviceIndex), 10) < 3;
        }

        String proxyIp(SplittableRandom random) {
            int subnet = subnets[random.nextInt(subnets.length)];
            return (subnet >>> 16) + "." + ((subnet >>> 8) & 0xff) + "." + (subnet & 0xff) + "." + (2 + random.nextInt(252));
        }

        String address(SplittableRandom random) {
            return TrafficModel.address(mix(h, 0xAD, random.nextInt(addresses)));
        }

        String payment(SplittableRandom random) {
            return TrafficModel.payment(mix(h, 0xCA, random.nextInt(payments)));
        }
    }

    // ------------------------------------------------------------------ shared helpers

    private static RiskEvent.Builder base(String eventId, EventType type, String accountId, Instant at, Instant createdAt,
                                          Device device, String ip) {
        return RiskEvent.builder(eventId, type, accountId).occurredAt(at).accountCreatedAt(createdAt).device(device).ip(ip);
    }

    private static Coupon coupon(Catalog.Campaign campaign, String eventId) {
        return new Coupon(campaign.id(), "cp-" + campaign.id() + "-" + eventId, campaign.faceValue(), "CNY");
    }

    private static String userAgent(Platform platform) {
        return switch (platform) {
            case IOS -> Catalog.UA_IPHONE;
            case ANDROID -> Catalog.UA_ANDROID;
            case MINI_PROGRAM -> Catalog.UA_MINI_PROGRAM;
            default -> Catalog.UA_WEB;
        };
    }

    private static String channel(Device device) {
        return switch (device.platform()) {
            case MINI_PROGRAM -> "wechat-miniprogram";
            case WEB -> "h5";
            default -> "app";
        };
    }

    private static String residentialIp(long h) {
        return Catalog.RESIDENTIAL_OCTETS[(int) floorMod(h, Catalog.RESIDENTIAL_OCTETS.length)] + "."
                + floorMod(h >>> 8, 256) + "." + floorMod(h >>> 16, 256) + "." + (2 + floorMod(h >>> 24, 252));
    }

    private static String phone(String[] prefixes, long h) {
        return "+86" + prefixes[(int) floorMod(h, prefixes.length)] + zeroPadded(floorMod(h >>> 8, 100_000_000), 8);
    }

    private static String address(long h) {
        return "Room " + (101 + floorMod(h, 30) * 100 + floorMod(h >>> 5, 8)) + ", Building " + (1 + floorMod(h >>> 9, 40))
                + ", " + (1 + floorMod(h >>> 15, 2000)) + " Lane " + (1 + floorMod(h >>> 26, 900)) + ", "
                + Catalog.CITIES[(int) floorMod(h >>> 36, Catalog.CITIES.length)];
    }

    private static String payment(long h) {
        return "card:6222" + zeroPadded(floorMod(h, 1_000_000_000_000L), 12);
    }

    private static String zeroPadded(long value, int digits) {
        String text = Long.toString(value);
        return text.length() >= digits ? text : "0".repeat(digits - text.length()) + text;
    }

    private static long floorMod(long value, long modulus) {
        return Math.floorMod(value, modulus);
    }

    /** SplitMix64 over three inputs: a stable, well-spread hash for deriving entity attributes. */
    static long mix(long a, long b, long c) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L + c;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Settings for a {@link TrafficModel}; every setter validates at once and says what is allowed. */
    public static final class Builder {
        private long seed = 42;
        private double farmShare = 0.10;
        private int legitUsers = 100_000;
        private int farms = 40;
        private double eventsPerSecond = 2_000;
        private double skew = 0.9;
        private Instant start = Instant.parse("2026-11-11T00:00:00Z");
        private String eventIdPrefix = "sim";

        private Builder() {
        }

        /** The random seed; the same seed and settings give the same events. Default 42. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** The share of events sent by farms, in [0, 1]. Default 0.10. */
        public Builder farmShare(double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException("farmShare must be between 0 and 1, got " + value);
            }
            this.farmShare = value;
            return this;
        }

        /** How many legit customers (≥ 1). Default 100,000. */
        public Builder legitUsers(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("legitUsers must be at least 1, got " + value);
            }
            this.legitUsers = value;
            return this;
        }

        /** How many farms (≥ 1). Default 40. */
        public Builder farms(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("farms must be at least 1, got " + value);
            }
            this.farms = value;
            return this;
        }

        /** The arrival rate of the simulated clock used by {@link TrafficModel#next()}. Default 2,000/s. */
        public Builder eventsPerSecond(double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("eventsPerSecond must be a positive number, got " + value);
            }
            this.eventsPerSecond = value;
            return this;
        }

        /** Zipf exponent of customer activity (0 uniform, 1 classic Zipf). Default 0.9. */
        public Builder skew(double value) {
            if (!(value >= 0) || value > 5) {
                throw new IllegalArgumentException("skew must be between 0 and 5, got " + value);
            }
            this.skew = value;
            return this;
        }

        /** Where the simulated clock starts; account ages are measured from it. Default 2026-11-11T00:00:00Z. */
        public Builder start(Instant value) {
            if (value == null) {
                throw new IllegalArgumentException("start must not be null; pass e.g. Instant.now()");
            }
            this.start = value;
            return this;
        }

        /** Event ids are {@code <prefix>-<sequence>}; use a fresh prefix per run against a stored service. Default "sim". */
        public Builder eventIdPrefix(String value) {
            if (value == null || !value.matches("[A-Za-z0-9_.:-]{1,40}")) {
                throw new IllegalArgumentException(
                        "eventIdPrefix must be 1-40 letters, digits, '_', '.', ':' or '-', got '" + value + "'");
            }
            this.eventIdPrefix = value;
            return this;
        }

        /** The model. */
        public TrafficModel build() {
            return new TrafficModel(this);
        }
    }
}
