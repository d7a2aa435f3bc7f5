package org.yekuo.integration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yekuo.shared.Masking;

class LogMaskingTests {

    @Test
    @DisplayName("R-X-3 a log line masks ID numbers, mobile numbers and credit codes anywhere in its text")
    void personalDataInFreeTextIsMasked() {
        assertThat(Masking.inText("applicant 11010519491231002X called from 13812345678 for 91330100MA2B3C4D5E"))
                .isEqualTo("applicant 110105********002X called from 138****5678 for 91************4D5E");
    }

    @Test
    @DisplayName("order numbers, trace ids, times and amounts stay as they are")
    void ordinaryValuesAreKept() {
        String line = "order YK-2026-000123 trace 4bf92f3577b34da6a3ce929d0e0e4736 at 2026-12-07T05:30:00Z took 1234567 ms";
        assertThat(Masking.inText(line)).isEqualTo(line);
    }
}
