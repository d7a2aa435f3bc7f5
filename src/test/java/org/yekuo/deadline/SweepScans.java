package org.yekuo.deadline;

import java.util.List;

import org.springframework.context.ApplicationContext;

/** The sweep's three scans as {@link DeadlineRows} runs them, for the benchmark that probes their plans and cost. */
public final class SweepScans {

    public static final String DUE_FOR_REMINDER = DeadlineRows.DUE_FOR_REMINDER;

    private SweepScans() {
    }

    /** Each scan cut to one batch of the sweep configured in {@code context}. */
    public static List<String> batches(ApplicationContext context) {
        int batch = context.getBean(DeadlineProperties.class).batchSize();
        return List.of(DeadlineRows.DUE_TO_TURN_YELLOW, DeadlineRows.DUE_FOR_REMINDER, OverdueLock.DUE).stream()
                .map(scan -> scan + " limit " + batch).toList();
    }
}
