package org.yekuo.licence;

/** What came of one retrieval (R-LIC-2); its label is {@code licence.registry.retrieval.outcome.<name>}. */
public enum RetrievalOutcome {
    RETRIEVED, NOT_FOUND, UNAVAILABLE, MALFORMED;

    public String messageKey() {
        return "licence.registry.retrieval.outcome." + name();
    }
}
