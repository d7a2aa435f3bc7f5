package org.yekuo.licence.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.yekuo.licence.TextRecognizer;

/**
 * Tesseract through its command ({@code tesseract-ocr} with {@code tesseract-ocr-chi-sim} on Debian): the
 * command rather than tess4j, because tess4j's bundled bindings must match the installed leptonica and a
 * mismatch crashes the JVM, while a failed command is only a failed read. Its TSV output carries each word's
 * confidence. Reads run one at a time (a page takes a core for seconds) and single-threaded, so the counter
 * never starves the rest of the server.
 */
@Component
public class TesseractRecognizer implements TextRecognizer {

    private static final Logger LOG = LoggerFactory.getLogger(TesseractRecognizer.class);
    private static final String LANGUAGE = "chi_sim";

    private final String command;
    private final long timeoutSeconds;
    private final Semaphore oneAtATime;
    private volatile Boolean available;

    TesseractRecognizer(@Value("${yekuo.licence.ocr.command:tesseract}") String command,
            @Value("${yekuo.licence.ocr.timeout-seconds:60}") long timeoutSeconds,
            @Value("${yekuo.licence.ocr.parallel-reads:1}") int parallelReads) {
        this.command = command;
        this.timeoutSeconds = timeoutSeconds;
        this.oneAtATime = new Semaphore(Math.max(1, parallelReads), true);
    }

    /** The command with the defaults, for a benchmark that runs without the application. */
    public static TesseractRecognizer command(String command) {
        return new TesseractRecognizer(command, 60, 1);
    }

    @Override
    public boolean available() {
        Boolean known = available;
        if (known == null) {
            known = probe();
            available = known;
            if (known) {
                LOG.info("OCR of licences: {} with {} found", command, LANGUAGE);
            } else {
                LOG.warn("OCR of licences is off: '{}' with the {} model was not found (on Debian: apt-get install tesseract-ocr "
                        + "tesseract-ocr-chi-sim); licences are entered by hand", command, LANGUAGE);
            }
        }
        return known;
    }

    private boolean probe() {
        try {
            Process process = new ProcessBuilder(command, "--list-langs").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0 && out.lines().anyMatch(LANGUAGE::equals);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public List<Line> read(BufferedImage image) {
        if (!available()) {
            throw new Unavailable("no OCR engine installed", null);
        }
        Path png = null;
        try {
            png = Files.createTempFile("yekuo-ocr", ".png");
            ImageIO.write(image, "png", png.toFile());
            oneAtATime.acquire();
            try {
                return lines(run(png));
            } finally {
                oneAtATime.release();
            }
        } catch (IOException e) {
            throw new Unavailable("OCR failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("OCR interrupted", e);
        } finally {
            if (png != null) {
                try {
                    Files.deleteIfExists(png);
                } catch (IOException ignored) {
                    // The temporary directory is cleaned by the system.
                }
            }
        }
    }

    private String run(Path png) throws IOException, InterruptedException {
        // psm 6: one uniform block of text, which is how a licence's label-value rows read best.
        ProcessBuilder builder = new ProcessBuilder(command, png.toString(), "stdout", "-l", LANGUAGE, "--psm", "6", "tsv");
        builder.environment().put("OMP_THREAD_LIMIT", "1");
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        String out;
        try (InputStream in = process.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("no answer within " + timeoutSeconds + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException("exit code " + process.exitValue());
        }
        return out;
    }

    /** Words of TSV level 5, grouped by their block, paragraph and line. */
    static List<Line> lines(String tsv) {
        Map<String, List<Word>> lines = new LinkedHashMap<>();
        for (String row : tsv.split("\n")) {
            String[] cells = row.split("\t", -1);
            if (cells.length < 12 || !cells[0].equals("5")) {
                continue;
            }
            String text = cells[11].strip();
            if (text.isEmpty()) {
                continue;
            }
            double confidence = Math.max(0, Math.min(100, Double.parseDouble(cells[10]))) / 100;
            Word word = new Word(text, confidence, Integer.parseInt(cells[6]), Integer.parseInt(cells[8]), Integer.parseInt(cells[9]));
            lines.computeIfAbsent(cells[2] + "/" + cells[3] + "/" + cells[4], k -> new ArrayList<>()).add(word);
        }
        return lines.values().stream().map(Line::new).toList();
    }
}
