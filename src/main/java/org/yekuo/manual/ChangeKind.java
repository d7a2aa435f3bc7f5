package org.yekuo.manual;

/**
 * What an entry of an edition's change log records. The first kinds are derived from the catalogue and the
 * review guidelines between the versions two editions describe; {@link #EDITOR} is the editor's own entry.
 * Each kind's wording is the message {@code manual.change.<KIND>}.
 */
public enum ChangeKind {
    CHAPTER_ADDED, TIME_LIMIT, NODE_ADDED, NODE_REMOVED, MATERIAL_ADDED, MATERIAL_REMOVED, MATERIAL_DEFERRAL, REVIEWERS,
    GUIDELINE_ITEM_ADDED, GUIDELINE_ITEM_CHANGED, GUIDELINE_ITEM_REMOVED, NOTE_ADDED, NOTE_RETIRED, CASES, EDITOR;

    public String messageKey() {
        return "manual.change." + name();
    }

    /** Whether the entry comes from the catalogue or the guidelines rather than from what editors write. */
    public boolean derived() {
        return ordinal() <= GUIDELINE_ITEM_REMOVED.ordinal();
    }
}
