package org.yekuo.catalogue;

/** What a version of a business type changed. Display names are the messages {@code catalogue.change.<CODE>}. */
public enum ChangeKind {
    SEEDED, TIME_LIMIT, CHECKLIST, REVIEWERS;

    public String messageKey() {
        return "catalogue.change." + name();
    }
}
