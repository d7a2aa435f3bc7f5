package org.yekuo.notification.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.json.JsonMapper;

/** Chooses the gateway by {@code yekuo.sms.gateway}: the local inbox (default) or an HTTP provider. */
@Configuration(proxyBeanMethods = false)
class SmsGatewayConfiguration {

    @Bean
    SmsGateway smsGateway(SmsProperties properties, SmsInbox inbox, JsonMapper json) {
        return switch (properties.gateway()) {
            case LOCAL -> new LocalSmsGateway(inbox);
            case HTTP -> new HttpSmsGateway(properties.http(), json);
        };
    }
}
