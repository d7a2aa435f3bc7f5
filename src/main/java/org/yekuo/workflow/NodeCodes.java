package org.yekuo.workflow;

/**
 * BPMN element ids are the node codes in camel case ({@code siteSurvey} is {@code SITE_SURVEY}), so
 * the diagrams stay readable in a modeler and the mapping needs no table.
 */
public final class NodeCodes {

    private NodeCodes() {
    }

    public static String of(String elementId) {
        return elementId.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase();
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
