package io.woolguard.benchmarks.traffic;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The fixed vocabulary of the simulation: campaigns, user agents, carrier and ISP prefixes. */
final class Catalog {
    private Catalog() {
    }

    /** A promotion: what farms hunt and customers use. */
    record Campaign(String id, BigDecimal faceValue) {
    }

    /** Campaigns by popularity rank: the first few are the big festival promotions farms target. */
    static final List<Campaign> CAMPAIGNS = campaigns();

    /** The new-user coupon, claimed by genuinely new customers too. */
    static final Campaign NEW_USER = CAMPAIGNS.get(1);

    /** The ¥0.01 promotion item old customers buy. */
    static final String PENNY_CAMPAIGN = "penny-deal";

    /** Mainland China mobile prefixes of the big three carriers. */
    static final String[] CARRIER_PREFIXES = {
        "134", "135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159", "182", "187", "188",
        "130", "131", "132", "155", "156", "185", "186", "133", "153", "180", "181", "189", "177", "199"
    };

    /** Virtual-operator ranges favoured by farms (and used by a few real people). */
    static final String[] VIRTUAL_PREFIXES = {"170", "171", "162", "165", "167"};

    /** First octets of residential broadband and mobile ranges. */
    static final int[] RESIDENTIAL_OCTETS = {
        112, 113, 114, 115, 116, 117, 183, 180, 36, 58, 59, 60, 61, 218, 222, 223, 27, 106, 110, 111
    };

    /** First octets of hosting ranges that proxy pools rent /24s in. */
    static final int[] HOSTING_OCTETS = {47, 39, 8, 101, 119, 120, 121, 123, 182, 103, 45, 154};

    static final String[] EMAIL_DOMAINS = {"qq.com", "163.com", "126.com", "sina.com", "gmail.com", "outlook.com", "foxmail.com"};

    static final String[] CITIES = {"Shanghai", "Beijing", "Shenzhen", "Guangzhou", "Hangzhou", "Chengdu", "Wuhan", "Nanjing",
        "Xi'an", "Suzhou", "Chongqing", "Tianjin"};

    static final String UA_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Mobile/15E148 Woolshop/8.2.1";
    static final String UA_IPAD = "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Mobile/15E148 Woolshop/8.2.1";
    static final String UA_ANDROID = "Mozilla/5.0 (Linux; Android 14; 23127PN0CC Build/UKQ1.230804.001; wv) "
            + "AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.230 Mobile Safari/537.36 Woolshop/8.2.1";
    static final String UA_WEB = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
    static final String UA_MINI_PROGRAM = "Mozilla/5.0 (Linux; Android 13; V2220A Build/TP1A.220624.014; wv) "
            + "AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 "
            + "MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 miniProgram";

    /** What scripted farm clients announce themselves as. */
    static final String[] AUTOMATION_AGENTS = {
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.109 Safari/537.36",
        "python-requests/2.31.0",
        "okhttp/4.12.0",
        "Go-http-client/1.1",
        "curl/8.5.0",
        "Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1",
        "Apache-HttpClient/4.5.14 (Java/17.0.9)"
    };

    private static List<Campaign> campaigns() {
        List<Campaign> all = new ArrayList<>();
        all.add(new Campaign("double11-mega", new BigDecimal("20.00")));
        all.add(new Campaign("newuser-gift", new BigDecimal("10.00")));
        all.add(new Campaign("flash-50off", new BigDecimal("50.00")));
        all.add(new Campaign("member-day", new BigDecimal("15.00")));
        all.add(new Campaign("night-market", new BigDecimal("30.00")));
        for (int i = 1; i <= 25; i++) {
            all.add(new Campaign(String.format("brand-week-%02d", i), new BigDecimal(5 + i % 20).setScale(2)));
        }
        return List.copyOf(all);
    }
}
