package org.yekuo.intake;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.yekuo.shared.DomainException.FieldProblem;

/**
 * Dates recorded at a node (reply, inspection, power-on) make sense in the order's course: not before
 * the order was accepted, not before the previous node was completed, and not later than today plus a
 * configurable margin ({@code yekuo.work.future-date-margin-days}).
 *
 * @param acceptedOn       the day the order was accepted
 * @param previousDoneOn   the day the latest completed node before this one was completed, if any
 * @param previousNode     that node's code
 * @param today            today in the utility's zone
 * @param futureMarginDays how many days after today a date may lie
 */
record NodeDatePolicy(LocalDate acceptedOn, Optional<LocalDate> previousDoneOn, String previousNode, LocalDate today,
        int futureMarginDays) {

    void check(List<String> dateFields, Map<String, String> values, List<FieldProblem> problems) {
        for (String field : dateFields) {
            String value = values.get(field);
            if (value == null) {
                continue;
            }
            LocalDate date = LocalDate.parse(value);
            LocalDate latest = today.plusDays(futureMarginDays);
            if (date.isBefore(acceptedOn)) {
                problems.add(new FieldProblem(field, "intake.node-field.date-before-acceptance", value, acceptedOn.toString()));
            } else if (previousDoneOn.isPresent() && date.isBefore(previousDoneOn.get())) {
                problems.add(new FieldProblem(field, "intake.node-field.date-before-previous", value,
                        previousDoneOn.get().toString(), new DefaultMessageSourceResolvable("catalogue.node." + previousNode)));
            } else if (date.isAfter(latest)) {
                problems.add(new FieldProblem(field, "intake.node-field.date-future", value, latest.toString()));
            }
        }
    }
}
