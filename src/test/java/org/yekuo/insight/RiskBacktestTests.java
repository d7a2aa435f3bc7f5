package org.yekuo.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Backtest of the risk forecast (docs/insight-backtest.md): a generated year of one node at twelve stations whose
 * late shares run from 2% to 45%; the curves learn from the first eight months, and each node of the last four is
 * assessed as it runs, at every tenth of its window until it would turn yellow. A node is flagged the first time
 * its risk reaches the warning threshold. Reported: recall (late nodes flagged), precision (flags that went late),
 * how early the flags came, and calibration (forecast against observed share, by tenths, and the Brier score).
 */
class RiskBacktestTests {

    /** Yellow comes three working days before the deadline of a ten-working-day node: at 70% of its window. */
    private static final double YELLOW_AT = 0.7;
    private static final int STATIONS = 12;

    record Node(int station, int month, double used, boolean late) {
    }

    @Test
    @DisplayName("R-SLA-9 backtest: most nodes that went red were flagged before yellow, most flags were right, and the "
            + "forecast is calibrated")
    void forecastFlagsLateNodesEarlyAndIsCalibrated() {
        Random random = new Random(20261207);
        List<Node> history = new ArrayList<>();
        for (int station = 0; station < STATIONS; station++) {
            double lateShare = 0.02 + 0.43 * station / (STATIONS - 1);
            for (int month = 0; month < 12; month++) {
                for (int i = 0; i < 40; i++) {
                    boolean late = random.nextDouble() < lateShare;
                    // On time: done after 20% to 100% of the window; late: after 100% to 180%.
                    double used = late ? 1 + 0.8 * random.nextDouble() : 0.2 + 0.8 * random.nextDouble();
                    history.add(new Node(station, month, used, late));
                }
            }
        }
        Map<Integer, SurvivalCurve.Builder> training = new HashMap<>();
        for (Node node : history) {
            if (node.month() < 8) {
                training.computeIfAbsent(node.station(), s -> SurvivalCurve.builder()).finished(node.used(), node.late());
            }
        }
        Map<Integer, SurvivalCurve> curves = new HashMap<>();
        training.forEach((station, builder) -> curves.put(station, builder.build()));

        // Calibration and Brier score over every assessment.
        double brier = 0;
        int assessments = 0;
        int[] binCount = new int[10];
        double[] binForecast = new double[10];
        int[] binLate = new int[10];
        int late = 0;
        for (Node node : test(history)) {
            late += node.late() ? 1 : 0;
            for (double at : checks(node)) {
                double risk = curves.get(node.station()).lateGiven(at);
                brier += Math.pow(risk - (node.late() ? 1 : 0), 2);
                assessments++;
                int bin = Math.min(9, (int) (risk * 10));
                binCount[bin]++;
                binForecast[bin] += risk;
                binLate[bin] += node.late() ? 1 : 0;
            }
        }
        brier /= assessments;
        double calibrationError = 0;
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "Backtest: %d test nodes, %d late; Brier %.3f%n| forecast | observed | assessments |%n", test(history).size(), late, brier));
        for (int b = 0; b < 10; b++) {
            if (binCount[b] > 0) {
                double forecast = binForecast[b] / binCount[b];
                double observed = (double) binLate[b] / binCount[b];
                calibrationError += Math.abs(forecast - observed) * binCount[b] / assessments;
                report.append(String.format(Locale.ROOT, "| %.2f | %.2f | %d |%n", forecast, observed, binCount[b]));
            }
        }
        report.append(String.format(Locale.ROOT, "calibration error %.3f%n| threshold | flagged | recall | precision | lead |%n",
                calibrationError));

        // Flags: the first check at which a node's risk reaches the threshold, before it turns yellow.
        double bestThreshold = 0;
        double bestF1 = 0;
        for (double threshold = 0.2; threshold < 0.75; threshold += 0.1) {
            int flagged = 0;
            int flaggedLate = 0;
            double leadSum = 0;
            for (Node node : test(history)) {
                for (double at : checks(node)) {
                    if (curves.get(node.station()).lateGiven(at) >= threshold) {
                        flagged++;
                        if (node.late()) {
                            flaggedLate++;
                            leadSum += 1 - at;
                        }
                        break;
                    }
                }
            }
            double recall = (double) flaggedLate / late;
            double precision = flagged == 0 ? 0 : (double) flaggedLate / flagged;
            double f1 = recall + precision == 0 ? 0 : 2 * recall * precision / (recall + precision);
            report.append(String.format(Locale.ROOT, "| %.1f | %d | %.2f | %.2f | %.2f |%n", threshold, flagged, recall, precision,
                    flaggedLate == 0 ? 0 : leadSum / flaggedLate));
            if (f1 > bestF1) {
                bestF1 = f1;
                bestThreshold = threshold;
            }
        }
        System.out.print(report);

        assertThat(calibrationError).isLessThan(0.05);
        // The default warning threshold (yekuo.insight.warning-threshold, 0.4) is the one this backtest finds best by F1.
        assertThat(bestThreshold).isCloseTo(0.4, org.assertj.core.api.Assertions.within(0.051));
    }

    private static List<Node> test(List<Node> history) {
        return history.stream().filter(n -> n.month() >= 8).toList();
    }

    /** The shares of its window at which a node is assessed while it runs, until it would turn yellow. */
    private static List<Double> checks(Node node) {
        List<Double> checks = new ArrayList<>();
        for (int tenth = 0; tenth / 10.0 < YELLOW_AT && tenth / 10.0 < node.used(); tenth++) {
            checks.add(tenth / 10.0);
        }
        return checks;
    }
}
