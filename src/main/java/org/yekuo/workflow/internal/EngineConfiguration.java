package org.yekuo.workflow.internal;

import java.util.List;
import java.util.Map;

import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Process expressions may call the one adapter bean and nothing else of the application context; the
 * work list's recorder is the engine's one global event listener.
 */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> onlyTheAdapterInExpressions(OrderProcessAdapter adapter,
            WorkItemRecorder workList) {
        return configuration -> {
            configuration.setBeans(Map.<Object, Object>of(OrderProcessAdapter.BEAN_NAME, adapter));
            configuration.setEventListeners(List.of(workList));
        };
    }
}
