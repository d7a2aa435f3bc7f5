package org.yekuo.catalogue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a review guideline, immutable: the check items a supply scheme is reviewed
 * against, each owned by one department (R-REV-2). A review keeps the version in force when its scheme
 * was submitted.
 */
public record ReviewGuideline(String code, int version, String nameZh, String nameEn, List<GuidelineItem> items) {

    /** The guideline for low-voltage schemes: 5 items, focused on the meter position. */
    public static final String LOW_VOLTAGE = "LV";
    /** The guideline for high-voltage schemes: 23 technical items. */
    public static final String HIGH_VOLTAGE = "HV";

    public ReviewGuideline {
        Objects.requireNonNull(code, "code");
        items = List.copyOf(items);
    }

    public String name(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
    }

    public Optional<GuidelineItem> item(String clauseNo) {
        return items.stream().filter(i -> i.clauseNo().equals(clauseNo)).findFirst();
    }

    /** The items the department reviews, and no others. */
    public List<GuidelineItem> itemsOf(Department department) {
        return items.stream().filter(i -> i.department() == department).toList();
    }

    /** The items grouped by department, in department order, leaving out departments without items. */
    public Map<Department, List<GuidelineItem>> byDepartment() {
        Map<Department, List<GuidelineItem>> groups = new LinkedHashMap<>();
        Arrays.stream(Department.values()).filter(d -> !itemsOf(d).isEmpty()).forEach(d -> groups.put(d, itemsOf(d)));
        return groups;
    }
}
