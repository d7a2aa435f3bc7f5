/**
 * Time-limit control: per-node deadlines from the catalogue and the calendar, three colours,
 * reminders and escalation, locking of overdue orders with delay explanations, the board, the
 * monthly overdue analysis, scoring and the on-time leaderboard.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Deadline",
        allowedDependencies = { "audit", "calendar", "catalogue", "identity", "intake", "notification", "reporting",
                "shared", "workflow" })
package org.yekuo.deadline;
