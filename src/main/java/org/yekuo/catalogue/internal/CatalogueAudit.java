package org.yekuo.catalogue.internal;

import org.yekuo.audit.AuditAction;
import org.yekuo.catalogue.ChangeKind;
import org.yekuo.catalogue.GuidelineChange;

/** What catalogue editing records in the audit log: one action per kind of new version, of a business type or a guideline. */
enum CatalogueAudit implements AuditAction {

    CHECKLIST_CHANGED("catalogue.checklist-changed"),
    GUIDELINE_ITEM_ADDED("catalogue.guideline-item-added"),
    GUIDELINE_ITEM_CHANGED("catalogue.guideline-item-changed"),
    GUIDELINE_ITEM_RETIRED("catalogue.guideline-item-retired"),
    GUIDELINE_SEEDED("catalogue.guideline-seeded"),
    ONLINE_CAPABLE_CHANGED("catalogue.online-capable-changed"),
    REVIEWERS_CHANGED("catalogue.reviewers-changed"),
    SEEDED_CHANGED("catalogue.seeded-changed"),
    TIME_LIMIT_CHANGED("catalogue.time-limit-changed");

    private final String code;

    CatalogueAudit(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    /** The action that records a new version of a business type. */
    static CatalogueAudit of(ChangeKind kind) {
        return switch (kind) {
            case SEEDED -> SEEDED_CHANGED;
            case TIME_LIMIT -> TIME_LIMIT_CHANGED;
            case CHECKLIST -> CHECKLIST_CHANGED;
            case REVIEWERS -> REVIEWERS_CHANGED;
        };
    }

    /** The action that records a new version of a review guideline. */
    static CatalogueAudit of(GuidelineChange kind) {
        return switch (kind) {
            case SEEDED -> GUIDELINE_SEEDED;
            case ITEM_CHANGED -> GUIDELINE_ITEM_CHANGED;
            case ITEM_ADDED -> GUIDELINE_ITEM_ADDED;
            case ITEM_RETIRED -> GUIDELINE_ITEM_RETIRED;
        };
    }
}
