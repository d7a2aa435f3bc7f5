package org.yekuo.shared;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One clock for the whole product, in the utility's time zone, so that tests can move time. */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

    public static final ZoneId UTILITY_ZONE = ZoneId.of("Asia/Shanghai");

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.system(UTILITY_ZONE);
    }
}
