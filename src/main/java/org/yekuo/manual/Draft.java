package org.yekuo.manual;

import java.util.List;

/**
 * What publishing now would make of the next edition: its number, the change-log entries derived from the
 * catalogue, the guidelines and the notes written since, the typical cases waiting for the appendix, and
 * the feedback still open.
 */
public record Draft(int number, List<ChangeEntry> derived, List<TypicalCase> cases, List<Feedback> openFeedback) {

    public Draft {
        derived = List.copyOf(derived);
        cases = List.copyOf(cases);
        openFeedback = List.copyOf(openFeedback);
    }
}
