package org.yekuo.catalogue;

/**
 * Where a time limit comes from. Paper and State Grid figures are confirmed; a common-practice figure
 * stays unconfirmed until the business owner confirms it.
 */
public enum LimitSource {
    PAPER, STATE_GRID_RULE, COMMON_PRACTICE;

    public boolean confirmed() {
        return this != COMMON_PRACTICE;
    }

    public String messageKey() {
        return "catalogue.source." + name();
    }
}
