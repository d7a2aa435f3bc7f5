package org.yekuo.licence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.yekuo.intake.ResidentIdNumber;
import org.yekuo.intake.UnifiedSocialCreditCode;
import org.yekuo.licence.FetchedLicence;
import org.yekuo.licence.LicenceKind;
import org.yekuo.licence.LicencePlatformException;
import org.yekuo.licence.LicencePlatformException.Reason;
import org.yekuo.licence.LicenceRegistry;
import org.yekuo.shared.PdfFont;

/**
 * R-LIC-1 the local platform the default start uses: a register of valid codes with licences as OFD packages (and ID
 * records as PDF), every kind of validity, outages and unknown codes on request; and the platform's health as
 * {@code licencePlatform} for the readiness probe.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SimulatedLicenceRegistryTests {

    @Autowired
    LicenceRegistry registry;
    @Autowired
    PdfFont font;
    @Autowired
    Clock clock;
    @Autowired
    @Qualifier("licencePlatformHealthIndicator")
    HealthIndicator health;

    @Test
    @DisplayName("R-LIC-1 every code on the register has its valid check character, and the register holds long-term, expiring, "
            + "expired and current licences")
    void registerIsRealistic() {
        List<SimulatedLicenceRegistry.Holder> holders = ((SimulatedLicenceRegistry) registry).holders();
        assertThat(holders).hasSizeGreaterThanOrEqualTo(200);
        for (SimulatedLicenceRegistry.Holder holder : holders) {
            if (holder.organisation()) {
                assertThat(UnifiedSocialCreditCode.parse("code", holder.code()).value()).isEqualTo(holder.code());
            } else {
                assertThat(ResidentIdNumber.parse("code", holder.code()).value()).isEqualTo(holder.code());
            }
        }
        LocalDate today = LocalDate.now(clock);
        assertThat(holders).anyMatch(h -> h.main().validUntil() == null)
                .anyMatch(h -> h.main().validUntil() != null && h.main().validUntil().isBefore(today))
                .anyMatch(h -> h.main().validUntil() != null && !h.main().validUntil().isBefore(today)
                        && h.main().validUntil().isBefore(today.plusDays(30)))
                .anyMatch(h -> h.main().validUntil() != null && h.main().validUntil().isAfter(today.plusYears(1)));
    }

    @Test
    @DisplayName("R-LIC-1 a business licence comes as an OFD package whose page carries its fields; an ID record is not served for "
            + "a credit code nor a business licence for an ID number")
    void licenceAsOfd() throws Exception {
        SimulatedLicenceRegistry.Holder organisation = ((SimulatedLicenceRegistry) registry).holders().stream()
                .filter(SimulatedLicenceRegistry.Holder::organisation).findFirst().orElseThrow();
        FetchedLicence licence = registry.fetch(LicenceKind.BUSINESS_LICENCE, organisation.code());
        assertThat(licence.file().fileName()).endsWith(".ofd");
        StringBuilder page = new StringBuilder();
        boolean root = false;
        try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(licence.file().content()), StandardCharsets.UTF_8)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null;) {
                root |= entry.getName().equals("OFD.xml");
                if (entry.getName().endsWith("Content.xml")) {
                    page.append(new String(zip.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(root).isTrue();
        assertThat(page).contains(licence.name()).contains(licence.legalRepresentative()).contains(organisation.code());
        assertThatThrownBy(() -> registry.fetch(LicenceKind.ID_RECORD, organisation.code()))
                .isInstanceOfSatisfying(LicencePlatformException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    @DisplayName("R-LIC-1 the simulator answers after its latency, lists codes as unknown, and in an outage is unavailable and "
            + "reads DOWN; the running one reads UP as licencePlatform")
    void latencyUnknownAndOutage() {
        SimulatedLicenceRegistry first = new SimulatedLicenceRegistry(new LicenceRegistryProperties.Simulator(7, 3, Duration.ZERO, false,
                List.of()), font, clock);
        String code = first.holders().get(0).code();
        SimulatedLicenceRegistry slowUnknown = new SimulatedLicenceRegistry(new LicenceRegistryProperties.Simulator(7, 3,
                Duration.ofMillis(200), false, List.of(code.toLowerCase())), font, clock);
        long started = System.nanoTime();
        assertThatThrownBy(() -> slowUnknown.fetch(LicenceKind.BUSINESS_LICENCE, code))
                .isInstanceOfSatisfying(LicencePlatformException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));

        SimulatedLicenceRegistry down = new SimulatedLicenceRegistry(new LicenceRegistryProperties.Simulator(7, 3, Duration.ZERO, true,
                List.of()), font, clock);
        assertThatThrownBy(() -> down.fetch(LicenceKind.BUSINESS_LICENCE, code))
                .isInstanceOfSatisfying(LicencePlatformException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
        assertThat(new LicencePlatformHealth(down, clock).health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getDetails()).containsEntry("registry", "simulator");
    }
}
