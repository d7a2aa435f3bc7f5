package org.yekuo.workflow.internal;

import java.util.Map;

import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Process expressions may call the one adapter bean and nothing else of the application context. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> onlyTheAdapterInExpressions(OrderProcessAdapter adapter) {
        return configuration -> configuration.setBeans(Map.<Object, Object>of(OrderProcessAdapter.BEAN_NAME, adapter));
    }
}
