package org.yekuo.manual;

import java.util.List;

import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.ReviewGuideline;

/**
 * A chapter of an edition: the business type at the catalogue version the edition describes, its stages,
 * the review guideline its schemes are held against (null for types without scheme review) and the notes
 * for the chapter as a whole.
 *
 * @param catalogueMovedTo the type's current catalogue version when it is newer than the one described:
 *                         the product already enforces it, the next edition will describe it; null otherwise
 */
public record Chapter(int edition, BusinessTypeDefinition type, ReviewGuideline guideline, List<Stage> stages,
        List<ManualNote> notes, boolean materialChange, Integer catalogueMovedTo) {

    public Chapter {
        stages = List.copyOf(stages);
        notes = List.copyOf(notes);
    }

    public String typeCode() {
        return type.code();
    }
}
