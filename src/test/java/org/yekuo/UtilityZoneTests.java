package org.yekuo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TimeZone;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UtilityZoneTests {

    @Test
    @DisplayName("R-SLA-1 the application shows times in Asia/Shanghai even on a server kept on UTC")
    void startsInTheUtilityZone() {
        TimeZone before = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            YekuoApplication.useUtilityZone();
            assertThat(TimeZone.getDefault().getID()).isEqualTo("Asia/Shanghai");
        } finally {
            TimeZone.setDefault(before);
        }
    }
}
