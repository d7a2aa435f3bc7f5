package org.yekuo.catalogue.internal;

/**
 * The edits an administrator can make to a review guideline. Each names the version it is based on;
 * values stay raw text so that a wrong one is refused naming its field.
 */
public final class GuidelineEdits {

    private GuidelineEdits() {
    }

    public record ItemEdit(Integer baseVersion, String textZh, String textEn, String department, String reason) {
    }

    public record ItemAddition(Integer baseVersion, String clauseNo, String textZh, String textEn, String department,
            String reason) {
    }
}
