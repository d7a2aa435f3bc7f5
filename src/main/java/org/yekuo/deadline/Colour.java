package org.yekuo.deadline;

/** The three colours of a node's time (R-SLA-4); display names are {@code deadline.colour.<NAME>}. */
public enum Colour {
    GREEN, YELLOW, RED;

    public String messageKey() {
        return "deadline.colour." + name();
    }
}
