package org.yekuo.licence;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Reads printed simplified Chinese off an image (R-LIC-3): Tesseract on this machine, or any other OCR engine
 * behind the same port. Without one the product says so and people enter the fields by hand.
 */
public interface TextRecognizer {

    /** Whether an engine with the simplified-Chinese model is installed; checked once and remembered. */
    boolean available();

    /**
     * The lines of text on {@code image}, top to bottom, each word with the engine's confidence.
     *
     * @throws Unavailable when no engine is installed or it failed on the image
     */
    List<Line> read(BufferedImage image);

    /** One word (for Chinese often one or two characters) and how sure the engine is of it, 0 to 1. */
    record Word(String text, double confidence, int left, int width, int height) {
    }

    /** One printed line of words, left to right. */
    record Line(List<Word> words) {

        public String text() {
            StringBuilder text = new StringBuilder();
            words.forEach(w -> text.append(w.text()));
            return text.toString();
        }
    }

    /** No engine to read with, or it gave up on the image. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
