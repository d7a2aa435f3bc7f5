package org.yekuo.insight;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How long a node took, as the share of its time limit used: a Kaplan-Meier estimate of S(u), the share of
 * nodes still running after using u of their limit, at u = 0, 1/20, ..., 1. Finished nodes are events;
 * nodes still open are censored at the share they have used so far (they took at least that long), so a
 * slow station's open backlog counts against it rather than being ignored. S(1) is the share that ran late.
 * A node open and already past its deadline is a known late case.
 */
final class SurvivalCurve {

    static final int STEPS = 20;

    private final double[] survival;
    private final int cases;
    private final int lateCases;

    private SurvivalCurve(double[] survival, int cases, int lateCases) {
        this.survival = survival;
        this.cases = cases;
        this.lateCases = lateCases;
    }

    /** Counts observations bin by bin, then estimates. */
    static final class Builder {

        private final int[] events = new int[STEPS];
        private final int[] censored = new int[STEPS];
        private int late;

        /** A node finished after using {@code used} of its limit; {@code late} when it missed its deadline. */
        Builder finished(double used, boolean late) {
            if (late || used > 1) {
                this.late++;
            } else {
                events[bin(used)]++;
            }
            return this;
        }

        /** A node still open after using {@code used} of its limit. */
        Builder open(double used, boolean overdue) {
            if (overdue || used >= 1) {
                late++;
            } else {
                censored[bin(used)]++;
            }
            return this;
        }

        int cases() {
            return late + Arrays.stream(events).sum() + Arrays.stream(censored).sum();
        }

        SurvivalCurve build() {
            double[] s = new double[STEPS + 1];
            int atRisk = cases();
            double current = 1;
            s[0] = 1;
            for (int b = 0; b < STEPS; b++) {
                if (atRisk > 0) {
                    current *= 1 - (double) events[b] / atRisk;
                }
                atRisk -= events[b] + censored[b];
                s[b + 1] = current;
            }
            return new SurvivalCurve(s, cases(), late);
        }

        private static int bin(double used) {
            return Math.min(STEPS - 1, Math.max(0, (int) Math.floor(used * STEPS)));
        }
    }

    static Builder builder() {
        return new Builder();
    }

    /** The estimated share of nodes that ran late. */
    double lateShare() {
        return survival[STEPS];
    }

    int cases() {
        return cases;
    }

    int lateCases() {
        return lateCases;
    }

    /**
     * The probability that a node which has used {@code used} of its limit and is still open will run late:
     * S(1) / S(used), with S read between the grid points. 1 once the limit is used up.
     */
    double lateGiven(double used) {
        if (used >= 1) {
            return 1;
        }
        double at = survivalAt(Math.max(0, used));
        return at <= 0 ? 1 : Math.min(1, lateShare() / at);
    }

    double survivalAt(double used) {
        double position = Math.min(STEPS, used * STEPS);
        int low = (int) Math.floor(position);
        if (low >= STEPS) {
            return survival[STEPS];
        }
        double fraction = position - low;
        return survival[low] * (1 - fraction) + survival[low + 1] * fraction;
    }

    String encoded() {
        return Arrays.stream(survival).mapToObj(v -> String.format(Locale.ROOT, "%.5f", v)).collect(Collectors.joining(","));
    }

    static SurvivalCurve decoded(String survival, int cases, int lateCases) {
        double[] values = Arrays.stream(survival.split(",")).mapToDouble(Double::parseDouble).toArray();
        if (values.length != STEPS + 1) {
            throw new IllegalArgumentException("A survival curve has " + (STEPS + 1) + " points, not " + values.length);
        }
        return new SurvivalCurve(values, cases, lateCases);
    }
}
