package org.yekuo.intake;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.yekuo.calendar.WorkingCalendar;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.catalogue.LimitUnit;
import org.yekuo.catalogue.TimeLimit;
import org.yekuo.workflow.NodeDeadlines;

/**
 * A node's deadline from the order's catalogue version and the working-day calendar (R-SLA-1/2): a
 * limit in working days ends with the last of those days, one in working hours counts office hours.
 */
@Component
class NodeDueDates implements NodeDeadlines {

    private final Applications applications;
    private final Catalogue catalogue;
    private final WorkingCalendar calendar;
    private final Clock clock;

    NodeDueDates(Applications applications, Catalogue catalogue, WorkingCalendar calendar, Clock clock) {
        this.applications = applications;
        this.catalogue = catalogue;
        this.calendar = calendar;
        this.clock = clock;
    }

    @Override
    public Optional<Instant> dueFor(long orderId, String nodeCode, Instant reachedAt) {
        // A process whose business key is no application (none in production) has no catalogue limits.
        return applications.find(orderId)
                .map(application -> catalogue.version(application.planTypeCode(), application.planTypeVersion()))
                .flatMap(plan -> plan.limitOf(KeyNode.valueOf(nodeCode)))
                .map(limit -> due(limit, reachedAt));
    }

    Instant due(TimeLimit limit, Instant from) {
        ZoneId zone = clock.getZone();
        LocalDateTime start = LocalDateTime.ofInstant(from, zone);
        if (limit.unit() == LimitUnit.WORKING_HOURS) {
            return calendar.plusWorkingHours(start, java.time.Duration.ofHours(limit.amount())).value()
                    .atZone(zone).toInstant();
        }
        return calendar.plusWorkingDays(start.toLocalDate(), limit.amount()).value().atTime(LocalTime.of(23, 59, 59))
                .atZone(zone).toInstant();
    }
}
