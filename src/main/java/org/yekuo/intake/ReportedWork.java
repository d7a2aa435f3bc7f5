package org.yekuo.intake;

/**
 * What became of a node's work that another system reported (R-X-7): the node completed with it, or the report
 * waits in the node's form for its handler, and why.
 */
public enum ReportedWork {
    /** The node was open and free to move, and the report met its form: it completed. */
    COMPLETED,
    /** The order has not reached the node yet (or has passed it): the report waits in the node's form. */
    NODE_NOT_OPEN,
    /** The order is suspended or locked: the report waits in the node's form until it moves again. */
    ORDER_HELD,
    /** The node is with a delegate, its order is locked, or the report does not meet its form: its handler completes it. */
    LEFT_TO_HANDLER
}
