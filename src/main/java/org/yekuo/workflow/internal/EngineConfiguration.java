package org.yekuo.workflow.internal;

import java.util.List;
import java.util.Map;

import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yekuo.shared.StartupLock;

/**
 * Process expressions may call the one adapter bean and nothing else of the application context; the
 * work list's recorder is the engine's one global event listener; parallel countersigns end synchronously.
 */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> onlyTheAdapterInExpressions(OrderProcessAdapter adapter,
            WorkItemRecorder workList, StartupLock startupLock) {
        return configuration -> {
            // Nodes starting together must not create the engine's tables or deploy the processes twice.
            startupLock.hold();
            configuration.setBeans(Map.<Object, Object>of(OrderProcessAdapter.BEAN_NAME, adapter));
            configuration.setEventListeners(List.of(workList));
            // A parallel countersign ends in the transaction of its last opinion, never in a background job:
            // by default the engine leaves a parallel multi-instance from an async job scheduled at every
            // completion, which races the reviewers' own completions of the same order (each side loses
            // the optimistic lock now and then) and moves the order on after the reviewer's request has
            // answered. Completions lock the multi-instance's parent instead, so two countersigns at once
            // collide in the foreground, where EngineRetries redoes the loser.
            configuration.setParallelMultiInstanceAsyncLeave(false);
        };
    }
}
