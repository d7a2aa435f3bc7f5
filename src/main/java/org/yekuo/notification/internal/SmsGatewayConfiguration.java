package org.yekuo.notification.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import tools.jackson.databind.json.JsonMapper;

/**
 * Chooses the gateway by {@code yekuo.sms.gateway}: the local inbox (default) or an HTTP provider. The local gateway
 * stands in for customers' phones, so it is refused under the {@code prod} profile: there codes would reach no customer.
 */
@Configuration(proxyBeanMethods = false)
class SmsGatewayConfiguration {

    @Bean
    SmsGateway smsGateway(SmsProperties properties, SmsInbox inbox, JsonMapper json, Environment environment) {
        return switch (properties.gateway()) {
            case LOCAL -> {
                if (environment.acceptsProfiles(Profiles.of("prod"))) {
                    throw new IllegalStateException("yekuo.sms.gateway=local is refused under the prod profile: set "
                            + "YEKUO_SMS_GATEWAY=http and YEKUO_SMS_HTTP_URL to the SMS platform");
                }
                yield new LocalSmsGateway(inbox);
            }
            case HTTP -> new HttpSmsGateway(properties.http(), json);
        };
    }
}
