package org.yekuo.deadline;

import java.time.Clock;
import java.time.Duration;

import org.springframework.stereotype.Component;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.yekuo.shared.Sampled;

/** Open nodes of the whole company by colour (R-SLA-4), as the board counts them, for Prometheus. */
@Component
class OpenNodeMetrics implements MeterBinder {

    private final Sampled<DeadlineBoard.Counts> counts;

    OpenNodeMetrics(DeadlineBoard board, Clock clock) {
        this.counts = new Sampled<>(board::companyCounts, Duration.ofSeconds(15), clock);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        String description = "Open nodes by their deadline colour";
        Gauge.builder("yekuo.nodes.open", counts, c -> c.get().green()).tag("colour", "green").description(description).register(registry);
        Gauge.builder("yekuo.nodes.open", counts, c -> c.get().yellow()).tag("colour", "yellow").description(description).register(registry);
        Gauge.builder("yekuo.nodes.open", counts, c -> c.get().red()).tag("colour", "red").description(description).register(registry);
    }
}
