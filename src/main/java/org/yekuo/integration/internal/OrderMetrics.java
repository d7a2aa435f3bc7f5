package org.yekuo.integration.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.yekuo.intake.OrderAccepted;
import org.yekuo.intake.OrderCompleted;
import org.yekuo.workflow.ProcessCancelled;

/**
 * Orders accepted, completed (powered on) and cancelled, counted on this node when their transaction commits,
 * so a rolled-back request counts nothing. Prometheus adds the nodes up; {@code rate()} survives restarts.
 */
@Component
class OrderMetrics {

    private final MeterRegistry registry;

    OrderMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @EventListener
    void on(OrderAccepted event) {
        afterCommit(Counter.builder("yekuo.orders.accepted").description("Orders accepted")
                .tag("type", event.typeCode()).tag("channel", event.channel().toLowerCase()).register(registry));
    }

    @EventListener
    void on(OrderCompleted event) {
        afterCommit(Counter.builder("yekuo.orders.completed").description("Orders completed: powered on or changed")
                .tag("type", event.typeCode()).register(registry));
    }

    @EventListener
    void on(ProcessCancelled event) {
        afterCommit(Counter.builder("yekuo.orders.cancelled").description("Orders withdrawn").register(registry));
    }

    private static void afterCommit(Counter counter) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            counter.increment();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                counter.increment();
            }
        });
    }
}
