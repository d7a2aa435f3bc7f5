package org.yekuo.intake;

import java.time.LocalDate;

/**
 * What the applicant sees by the QR code (R-DOC-4): nothing more personal than the handler's masked
 * name. {@code provisional} marks an expected date computed partly on weekends only because a year's
 * calendar is not loaded yet; {@code waitingFor} names the materials a suspended order waits for, and
 * {@code clockPaused} says that meanwhile its time limits stand still.
 */
public record ProgressView(String orderNo, String typeCode, ApplicationStatus status, String waitingFor, String currentNode,
        String handlerMasked, LocalDate expectedCompletion, boolean provisional, boolean clockPaused, LocalDate completedOn) {
}
