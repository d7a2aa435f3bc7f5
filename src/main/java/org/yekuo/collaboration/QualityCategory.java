package org.yekuo.collaboration;

/**
 * What kind of quality problem was found on a completed order; the fixed list the figures are counted by. Its label
 * is {@code collaboration.quality.category.<name>}.
 */
public enum QualityCategory {
    SURVEY_DATA, SCHEME_DESIGN, REVIEW_OMISSION, MATERIALS, CONSTRUCTION, METERING, DOCUMENTS, SERVICE, OTHER;

    public String messageKey() {
        return "collaboration.quality.category." + name();
    }
}
