package org.yekuo.catalogue;

/** What a version of a review guideline changed. Display names are the messages {@code catalogue.guideline.change.<CODE>}. */
public enum GuidelineChange {
    SEEDED, ITEM_CHANGED, ITEM_ADDED, ITEM_RETIRED;

    public String messageKey() {
        return "catalogue.guideline.change." + name();
    }
}
