package org.yekuo.licence.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yekuo.licence.LicenceImages;
import org.yekuo.licence.LicenceImages.Sample;
import org.yekuo.licence.LicenceImages.Spoil;
import org.yekuo.licence.PaperKind;
import org.yekuo.licence.ReadField;
import org.yekuo.licence.internal.LicenceText;
import org.yekuo.licence.internal.TesseractRecognizer;

/**
 * Field-level accuracy of reading licences (R-LIC-3): a generated set of business licences, property
 * certificates and ID cards (invented data, the CJK font, speckles, a slight rotation, JPEG compression) read
 * by Tesseract; a field counts as right when its value equals the printed one exactly. Reports per kind and
 * field the share read right, the share a person is asked to look at (below the confidence floor or disproved
 * by a check), and how many wrong values got past the floor unflagged, which is the figure that matters: a
 * wrong value nobody is asked about. Tagged {@code benchmark}; run with
 * {@code ./mvnw -o -q test -Dtest=LicenceOcrBenchmark -Dyekuo.excludedGroups=none [-Dbenchmark.samples=20]}.
 * Writes target/licence-ocr-benchmark.txt.
 */
@Tag("benchmark")
class LicenceOcrBenchmark {

    static final int SAMPLES = Integer.getInteger("benchmark.samples", 10);
    static final double FLOOR = Double.parseDouble(System.getProperty("benchmark.floor", "0.80"));

    @Test
    void fieldAccuracyOnAGeneratedSet() throws IOException {
        TesseractRecognizer ocr = TesseractRecognizer.command("tesseract");
        Assumptions.assumeTrue(ocr.available(), "tesseract with chi_sim is not installed");
        LicenceImages images = new LicenceImages(20261207L);
        Map<String, int[]> counts = new TreeMap<>(); // right, total, flagged, wrong-unflagged
        int kindsRight = 0;
        int papers = 0;
        long started = System.nanoTime();
        List<String> misses = new ArrayList<>();
        for (PaperKind kind : PaperKind.values()) {
            for (int i = 0; i < SAMPLES; i++) {
                Sample sample = images.next(kind, Spoil.PHONE);
                LicenceText.Result result = LicenceText.read(ocr.read(ImageIO.read(new ByteArrayInputStream(sample.jpeg()))));
                papers++;
                if (result.kind().orElse(null) == kind) {
                    kindsRight++;
                }
                if (Boolean.getBoolean("benchmark.verbose")) {
                    System.out.println(result.text());
                }
                Map<String, ReadField> read = new LinkedHashMap<>();
                result.fields().forEach(f -> read.put(f.name(), f));
                for (var truth : sample.truth().entrySet()) {
                    ReadField field = read.getOrDefault(truth.getKey(), ReadField.missing(truth.getKey()));
                    boolean right = field.value().equals(truth.getValue());
                    boolean flagged = field.doubtful(FLOOR);
                    int[] c = counts.computeIfAbsent(kind + "." + truth.getKey(), k -> new int[4]);
                    c[0] += right ? 1 : 0;
                    c[1]++;
                    c[2] += flagged ? 1 : 0;
                    c[3] += !right && !flagged ? 1 : 0;
                    if (!right) {
                        misses.add(kind + "." + truth.getKey() + ": '" + truth.getValue() + "' read '" + field.value() + "' "
                                + field.confidence() + (flagged ? " flagged" : " NOT flagged"));
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        StringBuilder report = new StringBuilder();
        int right = 0;
        int total = 0;
        int unflaggedWrong = 0;
        int flagged = 0;
        report.append(String.format(Locale.ROOT, "Licence OCR: %d papers (%d per kind), confidence floor %.2f, %.1f s per paper%n",
                papers, SAMPLES, FLOOR, seconds / papers));
        report.append(String.format(Locale.ROOT, "kind recognised: %d/%d%n", kindsRight, papers));
        report.append(String.format("%-40s %8s %9s %15s%n", "field", "right", "flagged", "wrong unflagged"));
        for (var e : counts.entrySet()) {
            int[] c = e.getValue();
            right += c[0];
            total += c[1];
            flagged += c[2];
            unflaggedWrong += c[3];
            report.append(String.format(Locale.ROOT, "%-40s %7.0f%% %8.0f%% %15d%n", e.getKey(), 100.0 * c[0] / c[1], 100.0 * c[2] / c[1], c[3]));
        }
        report.append(String.format(Locale.ROOT, "all fields: %.1f%% right, %.1f%% flagged for a person, %d wrong and unflagged of %d%n",
                100.0 * right / total, 100.0 * flagged / total, unflaggedWrong, total));
        report.append("misreadings:\n");
        misses.forEach(m -> report.append("  ").append(m).append('\n'));
        System.out.println(report);
        Files.writeString(Path.of("target/licence-ocr-benchmark.txt"), report);
        assertThat(kindsRight).isEqualTo(papers);
    }
}
