package org.yekuo.licence.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.yekuo.intake.ResidentIdNumber;
import org.yekuo.intake.UnifiedSocialCreditCode;
import org.yekuo.licence.FetchedLicence;
import org.yekuo.licence.LicenceKind;
import org.yekuo.licence.LicencePlatformException;
import org.yekuo.licence.LicenceRegistry;
import org.yekuo.shared.PdfFont;

/**
 * The platform as a local register that needs nothing installed: organisations and persons generated from a seed,
 * each code with its valid check character, each holder with a business licence or ID record and a property
 * certificate. One holder in ten has a licence expiring within 30 days of the day the register was made and one in
 * ten an expired one, so that the expiry watch has work. Answers come after the configured latency; an outage or a
 * code listed as unknown answers as the platform would.
 */
public class SimulatedLicenceRegistry implements LicenceRegistry {

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林"};
    private static final String[] GIVEN = {"建国", "秀英", "伟", "芳", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛"};
    private static final String[] WORDS = {"恒泰", "宏远", "瑞丰", "东方", "华信", "金桥", "新源", "明德", "安泰", "润达", "正阳", "鑫盛"};
    private static final String[] TRADES = {"纺织", "食品", "机械制造", "商贸", "物流", "建材", "电子科技", "医药", "餐饮管理", "印务"};
    private static final String[] DISTRICTS = {"城东区", "城西区", "高新区", "开发区", "滨江区"};
    private static final String[] ROADS = {"人民路", "解放路", "建设大道", "科技园路", "滨河路", "工业大道", "文化路"};

    /** One holder of the register with the licences the platform keeps for them. */
    public record Holder(String code, boolean organisation, FetchedLicence main, FetchedLicence property) {
    }

    private final Map<String, Holder> register;
    private final LicenceRegistryProperties.Simulator settings;
    private final Set<String> unknown;
    private final PdfFont font;

    public SimulatedLicenceRegistry(LicenceRegistryProperties.Simulator settings, PdfFont font, Clock clock) {
        this.settings = settings;
        this.font = font;
        this.unknown = settings.unknown().stream().map(String::strip).map(String::toUpperCase).collect(Collectors.toSet());
        this.register = Collections.unmodifiableMap(generate(settings.seed(), settings.size(), LocalDate.now(clock)));
    }

    /** The register's holders in the order they were generated, for the demo's sample codes and the tests. */
    public List<Holder> holders() {
        return List.copyOf(register.values());
    }

    @Override
    public FetchedLicence fetch(LicenceKind kind, String holderCode) {
        pause();
        if (settings.outage()) {
            throw new LicencePlatformException(LicencePlatformException.Reason.UNAVAILABLE, "The simulated platform is in an outage");
        }
        String code = holderCode == null ? "" : holderCode.strip().toUpperCase();
        Holder holder = unknown.contains(code) ? null : register.get(code);
        FetchedLicence found = holder == null ? null : switch (kind) {
            case BUSINESS_LICENCE -> holder.organisation() ? holder.main() : null;
            case ID_RECORD -> holder.organisation() ? null : holder.main();
            case PROPERTY_CERTIFICATE -> holder.property();
        };
        return Optional.ofNullable(found).map(this::withFile).orElseThrow(() -> new LicencePlatformException(
                LicencePlatformException.Reason.NOT_FOUND, "No " + kind + " on the register for this code"));
    }

    @Override
    public boolean reachable() {
        return !settings.outage();
    }

    @Override
    public String name() {
        return "simulator";
    }

    private FetchedLicence withFile(FetchedLicence l) {
        return new FetchedLicence(l.kind(), l.licenceNo(), l.holderCode(), l.name(), l.legalRepresentative(), l.address(),
                l.registeredCapital(), l.validFrom(), l.validUntil(), l.propertyLocation(), l.propertyArea(), l.issuer(),
                LicenceFiles.of(l, font));
    }

    private void pause() {
        if (!settings.latency().isZero()) {
            try {
                Thread.sleep(settings.latency().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LicencePlatformException(LicencePlatformException.Reason.UNAVAILABLE, "Interrupted", e);
            }
        }
    }

    private static Map<String, Holder> generate(long seed, int size, LocalDate today) {
        Random random = new Random(seed);
        Map<String, Holder> holders = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            Holder organisation = organisation(i, random, today);
            holders.put(organisation.code(), organisation);
            Holder person = person(i, random, today);
            holders.put(person.code(), person);
        }
        return holders;
    }

    private static Holder organisation(int i, Random random, LocalDate today) {
        String first17 = "9133010" + String.format("%010d", Math.floorMod(random.nextLong(), 10_000_000_000L));
        String code = first17 + UnifiedSocialCreditCode.checkCharacter(first17);
        String name = "示范市" + pick(WORDS, random) + pick(TRADES, random) + "有限公司";
        String address = address(random);
        LocalDate from = today.minusDays(365L * (1 + random.nextInt(15)) + random.nextInt(365));
        FetchedLicence licence = new FetchedLicence(LicenceKind.BUSINESS_LICENCE, "GS" + first17.substring(8), code, name,
                person(random), address, BigDecimal.valueOf(50L * (1 + random.nextInt(100))), from, validUntil(i, random, today),
                null, null, "示范市市场监督管理局", null);
        return new Holder(code, true, licence, property(code, name, address, random, today));
    }

    private static Holder person(int i, Random random, LocalDate today) {
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(365 * 50));
        String first17 = "330106" + birth.toString().replace("-", "") + String.format("%03d", random.nextInt(1000));
        String code = first17 + ResidentIdNumber.checkCharacter(first17);
        String name = person(random);
        String address = address(random);
        LocalDate from = today.minusDays(365L * random.nextInt(10) + random.nextInt(365));
        FetchedLicence record = new FetchedLicence(LicenceKind.ID_RECORD, "SFZ" + first17.substring(6), code, name, null, address,
                null, from, validUntil(i, random, today), null, null, "示范市公安局城东分局", null);
        return new Holder(code, false, record, property(code, name, address, random, today));
    }

    /** Long-term, expiring within 30 days, expired, or years ahead: one in ten each of the first three. */
    private static LocalDate validUntil(int i, Random random, LocalDate today) {
        return switch (i % 10) {
            case 0 -> null;
            case 1 -> today.plusDays(3 + random.nextInt(25));
            case 2 -> today.minusDays(1 + random.nextInt(60));
            default -> today.plusDays(365L + random.nextInt(365 * 9));
        };
    }

    private static FetchedLicence property(String holderCode, String holderName, String address, Random random, LocalDate today) {
        String number = "浙(" + (2005 + random.nextInt(20)) + ")示范市不动产权第" + String.format("%07d", random.nextInt(10_000_000)) + "号";
        LocalDate from = today.minusDays(365L * (1 + random.nextInt(15)));
        return new FetchedLicence(LicenceKind.PROPERTY_CERTIFICATE, number, holderCode, holderName, null, null, null, from,
                from.plusYears(70), address, BigDecimal.valueOf(40 + random.nextInt(3000)).add(BigDecimal.valueOf(random.nextInt(100), 2)),
                "示范市自然资源和规划局", null);
    }

    private static String address(Random random) {
        return "示范市" + pick(DISTRICTS, random) + pick(ROADS, random) + (1 + random.nextInt(300)) + "号";
    }

    private static String person(Random random) {
        return pick(SURNAMES, random) + pick(GIVEN, random);
    }

    private static String pick(String[] words, Random random) {
        return words[random.nextInt(words.length)];
    }

    /** Sample codes for the demo's start-up notice: an organisation and a person of each kind of validity. */
    List<String> samples() {
        List<String> samples = new ArrayList<>();
        for (Holder holder : register.values()) {
            if (samples.size() >= 6) {
                break;
            }
            samples.add(holder.code());
        }
        return samples;
    }
}
