package org.yekuo.insight;

import java.util.Arrays;

/**
 * Counts of durations in working days, in bins fine enough to read a median and a 90th percentile from and small
 * enough to store one per month, type, station and transition: tenths of a day up to 10 days, half days up to
 * 100, one last bin for anything longer. Histograms of several months merge by adding their counts.
 */
final class Histogram {

    static final int BINS = 100 + 180 + 1;

    private final long[] counts = new long[BINS];
    private long total;

    static int bin(double days) {
        double d = Math.max(0, days);
        if (d < 10) {
            return (int) (d * 10);
        }
        return Math.min(BINS - 1, 100 + (int) ((d - 10) * 2));
    }

    /** The middle of a bin, in working days (the last bin reads as 100). */
    static double middle(int bin) {
        if (bin < 100) {
            return (bin + 0.5) / 10;
        }
        return bin == BINS - 1 ? 100 : 10 + (bin - 100 + 0.5) / 2;
    }

    void add(double days) {
        counts[bin(days)]++;
        total++;
    }

    void merge(Histogram other) {
        for (int i = 0; i < BINS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    long total() {
        return total;
    }

    /** The q-quantile (0 < q <= 1) in working days, to the bin's middle; 0 when empty. */
    double quantile(double q) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < BINS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return middle(i);
            }
        }
        return middle(BINS - 1);
    }

    /** The share of the counts above {@code days} (bins whose middle lies above it). */
    double shareAbove(double days) {
        if (total == 0) {
            return 0;
        }
        long above = 0;
        for (int i = 0; i < BINS; i++) {
            if (middle(i) > days) {
                above += counts[i];
            }
        }
        return (double) above / total;
    }

    interface BinConsumer {
        void accept(double middle, long count);
    }

    /** Each non-empty bin's middle and count, in order. */
    void forEachBin(BinConsumer each) {
        for (int i = 0; i < BINS; i++) {
            if (counts[i] > 0) {
                each.accept(middle(i), counts[i]);
            }
        }
    }

    /** The mean, reading each count as its bin's middle; 0 when empty. */
    double mean() {
        if (total == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < BINS; i++) {
            sum += counts[i] * middle(i);
        }
        return sum / total;
    }

    String encoded() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < BINS; i++) {
            if (counts[i] > 0) {
                text.append(text.isEmpty() ? "" : ";").append(i).append(':').append(counts[i]);
            }
        }
        return text.toString();
    }

    static Histogram decoded(String text) {
        Histogram histogram = new Histogram();
        if (text == null || text.isBlank()) {
            return histogram;
        }
        for (String pair : text.split(";")) {
            int colon = pair.indexOf(':');
            int bin = Integer.parseInt(pair, 0, colon, 10);
            long count = Long.parseLong(pair, colon + 1, pair.length(), 10);
            histogram.counts[bin] += count;
            histogram.total += count;
        }
        return histogram;
    }

    @Override
    public String toString() {
        return "Histogram" + Arrays.toString(counts);
    }
}
