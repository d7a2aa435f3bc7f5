package org.yekuo.licence.internal;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.yekuo.licence.LicenceRegistry;
import org.yekuo.shared.PdfFont;

import tools.jackson.databind.json.JsonMapper;

/**
 * Chooses the platform by {@code yekuo.licence.registry.mode}: the simulator (default) or HTTP. The simulator's
 * licences belong to nobody, so it is refused under the {@code prod} profile.
 */
@Configuration(proxyBeanMethods = false)
class LicenceRegistryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LicenceRegistryConfiguration.class);

    @Bean
    LicenceRegistry licenceRegistry(LicenceRegistryProperties properties, PdfFont font, JsonMapper json, Environment environment,
            Clock clock) {
        return switch (properties.mode()) {
            case SIMULATOR -> {
                if (environment.acceptsProfiles(Profiles.of("prod"))) {
                    throw new IllegalStateException("yekuo.licence.registry.mode=simulator is refused under the prod profile: set "
                            + "YEKUO_LICENCE_REGISTRY_MODE=http and YEKUO_LICENCE_REGISTRY_HTTP_URL to the data-sharing platform");
                }
                SimulatedLicenceRegistry simulator = new SimulatedLicenceRegistry(properties.simulator(), font, clock);
                log.info("E-licences come from the local simulator; codes on its register to try: {}", simulator.samples());
                yield simulator;
            }
            case HTTP -> new HttpLicenceRegistry(properties.http(), json);
        };
    }
}
