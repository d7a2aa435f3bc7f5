package org.yekuo.workflow.internal;

import java.util.List;

/**
 * The variables an order's process carries: set when it starts, read by the engine's callbacks, the
 * task queries, the timeline and the diagram.
 */
public final class ProcessVariables {

    public static final String ORDER_ID = "orderId";
    public static final String PLANNED_NODES = "plannedNodes";
    public static final String ORG_PATH = "orgPath";
    public static final String ORDER_NO = "orderNo";
    public static final String TYPE_CODE = "typeCode";
    public static final String TYPE_VERSION = "typeVersion";
    /** Where the node just completed sends the order back to (a node code), or empty to go on. */
    public static final String RETURN_TO = "returnTo";
    /** Lets the BPMN's skip expressions pass over the nodes a business type does not plan. */
    public static final String SKIP_ENABLED = "_FLOWABLE_SKIP_EXPRESSION_ENABLED";

    private ProcessVariables() {
    }

    /** The planned node codes, in order, as the one string value they are kept in. */
    public static String plannedNodes(List<String> nodeCodes) {
        return String.join(",", nodeCodes);
    }

    /** The planned node codes, in order, read back from the variable's value. */
    public static List<String> plannedNodes(Object value) {
        return List.of(((String) value).split(","));
    }
}
