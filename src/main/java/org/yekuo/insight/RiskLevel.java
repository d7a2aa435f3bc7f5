package org.yekuo.insight;

/** Risk in words: low below 30%, medium below 60%, high from 60%. */
public enum RiskLevel {
    LOW, MEDIUM, HIGH;

    static final double HIGH_FROM = 0.6;
    static final double MEDIUM_FROM = 0.3;

    public static RiskLevel of(double risk) {
        return risk >= HIGH_FROM ? HIGH : risk >= MEDIUM_FROM ? MEDIUM : LOW;
    }

    public String messageKey() {
        return "insight.level." + name();
    }
}
