package org.yekuo.licence.internal;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import org.yekuo.licence.TextRecognizer;

/**
 * Whether licences are read here (R-LIC-3). Without Tesseract the node still serves, papers are filed and people
 * type the fields, so it stays UP and only says so: operations see it before a clerk wonders.
 */
@Component("licenceOcrHealthIndicator")
class OcrHealth implements HealthIndicator {

    private final TextRecognizer recognizer;

    OcrHealth(TextRecognizer recognizer) {
        this.recognizer = recognizer;
    }

    @Override
    public Health health() {
        boolean available = recognizer.available();
        Health.Builder health = Health.up().withDetail("available", available);
        return available ? health.build()
                : health.withDetail("advice", "apt-get install tesseract-ocr tesseract-ocr-chi-sim; until then licences are typed by hand").build();
    }
}
