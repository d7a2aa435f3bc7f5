package org.yekuo.workflow;

import java.util.regex.Pattern;

/**
 * BPMN element ids are the node codes in camel case ({@code siteSurvey} is {@code SITE_SURVEY}), so
 * the diagrams stay readable in a modeler and the mapping needs no table. A step that belongs to a key
 * node without being it (the departments' parallel {@code departmentReview} and the leader's
 * {@code reviewArbitration} both belong to {@code SCHEME_REVIEW}) names its node as the task's category.
 */
public final class NodeCodes {

    /** Compiled once: every task the engine creates, lists or completes passes through it. */
    private static final Pattern WORD_BOUNDARY = Pattern.compile("([a-z])([A-Z])");

    private NodeCodes() {
    }

    public static String of(String elementId) {
        return WORD_BOUNDARY.matcher(elementId).replaceAll("$1_$2").toUpperCase();
    }

    /** The key node of a task or element: its category when it has one, else its id in node-code form. */
    public static String of(String elementId, String category) {
        return category == null || category.isBlank() ? of(elementId) : category;
    }

    public static String elementId(String nodeCode) {
        StringBuilder id = new StringBuilder();
        boolean upper = false;
        for (char c : nodeCode.toLowerCase().toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                id.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return id.toString();
    }
}
