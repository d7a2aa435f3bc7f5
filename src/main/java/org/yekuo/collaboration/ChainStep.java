package org.yekuo.collaboration;

/**
 * What a member of staff did on an order, as its responsibility chain records it (R-COL-6); its label is
 * {@code collaboration.chain.step.<name>}. The kind groups the steps for the graph's colours and legend.
 */
public enum ChainStep {
    SIGNED_FOR(Kind.HANDOFF), COMPLETED(Kind.NODE), REVIEWED(Kind.REVIEW), ASKED(Kind.COORDINATION), ANSWERED(Kind.COORDINATION),
    STOCK_CONFIRMED(Kind.STOCK), STOCK_ALTERNATIVE(Kind.STOCK), STOCK_ISSUED(Kind.STOCK);

    private final Kind kind;

    ChainStep(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public String messageKey() {
        return "collaboration.chain.step." + name();
    }

    /** A step a quality problem can be traced to: the completion of a node, or a department's review opinion. */
    public boolean answersForNode() {
        return this == COMPLETED || this == REVIEWED;
    }

    public enum Kind {
        HANDOFF, NODE, REVIEW, COORDINATION, STOCK;

        public String messageKey() {
            return "collaboration.chain.kind." + name();
        }
    }
}
