package org.yekuo.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The designer's answers to the LV guideline's 5 check items (R-REV-2), which an LV scheme design carries among its
 * fields: for tests and benchmarks that drive orders through their nodes.
 */
public final class LvSchemeCheck {

    private LvSchemeCheck() {
    }

    /** The scheme's fields with every LV check item answered as passed. */
    public static Map<String, String> passed(Map<String, String> scheme) {
        Map<String, String> fields = new LinkedHashMap<>(scheme);
        for (int item = 1; item <= 5; item++) {
            fields.put("check.LV-" + item, "PASSED");
        }
        return Map.copyOf(fields);
    }
}
