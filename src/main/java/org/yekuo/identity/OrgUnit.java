package org.yekuo.identity;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A unit of the organisation (company, department, supply station, team). {@code path} lists the ids
 * from the company down to this unit, e.g. {@code /1/6/7/}.
 */
public record OrgUnit(long id, String code, String nameZh, String nameEn, Kind kind, Long parentId, String path, boolean closed) {

    public enum Kind {
        COMPANY, DEPARTMENT, STATION, TEAM
    }

    /** The unit's name in the reader's language: Chinese unless they read English. */
    public String name(Locale locale) {
        return "en".equals(locale.getLanguage()) ? nameEn : nameZh;
    }

    /** The ids from the company down to and including this unit. */
    public List<Long> lineage() {
        return Arrays.stream(path.split("/")).filter(part -> !part.isEmpty()).map(Long::valueOf).toList();
    }

    /** 0 for the company, 1 for its direct units, and so on. */
    public int depth() {
        return lineage().size() - 1;
    }

    /** This unit and everything below it. */
    public DataScope scope() {
        return new DataScope(path);
    }
}
