package org.yekuo.manual;

import java.util.List;

/**
 * What an editor publishes an edition with: its one-line summary, their change-log entries (at least one,
 * each saying what changed, why, and which feedback it answers) and the chapters that changed so much that
 * earlier certifications for their types must be renewed.
 */
public record Publication(String summary, List<Entry> entries, List<String> materialChapters) {

    public Publication {
        entries = entries == null ? List.of() : List.copyOf(entries);
        materialChapters = materialChapters == null ? List.of() : List.copyOf(materialChapters);
    }

    /**
     * @param typeCode the chapter it concerns; null or blank for the whole manual
     */
    public record Entry(String typeCode, String text, String reason, List<Long> answersFeedback) {

        public Entry {
            answersFeedback = answersFeedback == null ? List.of() : List.copyOf(answersFeedback);
        }
    }
}
