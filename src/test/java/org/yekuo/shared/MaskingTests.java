package org.yekuo.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MaskingTests {

    // Chinese names are written as escapes: source files stay free of Chinese text.
    private static final String ZHANG = "\u5f20";
    private static final String SAN = "\u4e09";
    private static final String FENG = "\u4e30";

    @Test
    @DisplayName("R-X-3 an ID number keeps its region code and last 4, the birth date is hidden")
    void idNumberHidesTheBirthDate() {
        assertThat(Masking.idNumber("11010119900307123X")).isEqualTo("110101********123X");
        assertThat(Masking.idNumber("110101900307123")).isEqualTo("110101******123");
    }

    @Test
    @DisplayName("R-X-3 a mobile number keeps the operator prefix and the last 4")
    void mobileKeepsPrefixAndLastFour() {
        assertThat(Masking.mobile("13812345678")).isEqualTo("138****5678");
    }

    @Test
    @DisplayName("R-X-3 a Chinese name keeps first and last character, a two-character name only the surname")
    void chineseNameKeepsFirstAndLast() {
        assertThat(Masking.chineseName(ZHANG + SAN + FENG)).isEqualTo(ZHANG + "*" + FENG);
        assertThat(Masking.chineseName(ZHANG + SAN)).isEqualTo(ZHANG + "*");
        assertThat(Masking.chineseName(ZHANG + SAN + SAN + FENG)).isEqualTo(ZHANG + "**" + FENG);
        assertThat(Masking.chineseName(ZHANG)).isEqualTo("*");
    }

    @Test
    @DisplayName("R-X-3 a rare name character outside the basic plane is masked whole, not split")
    void nameCountsCharactersNotUtf16Units() {
        String rare = new String(Character.toChars(0x20000));
        assertThat(Masking.chineseName(ZHANG + rare + FENG)).isEqualTo(ZHANG + "*" + FENG);
        assertThat(Masking.chineseName(ZHANG + rare)).isEqualTo(ZHANG + "*");
    }

    @Test
    @DisplayName("R-X-3 a unified social credit code keeps authority, entity kind and last 4")
    void creditCodeKeepsKindAndLastFour() {
        assertThat(Masking.creditCode("91110108MA01ABCD3X")).isEqualTo("91************CD3X");
    }

    @Test
    @DisplayName("R-X-3 a value of unexpected shape is masked more, never shown whole")
    void malformedValuesAreMaskedMore() {
        assertThat(Masking.idNumber("1101011990")).isEqualTo("********90");
        assertThat(Masking.mobile("5678")).isEqualTo("***8");
        assertThat(Masking.creditCode("91AB")).isEqualTo("***B");
        assertThat(Masking.mobile("12")).isEqualTo("**");
        assertThat(Masking.mobile(null)).isNull();
    }
}
