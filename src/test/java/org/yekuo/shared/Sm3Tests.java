package org.yekuo.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class Sm3Tests {

    /** The first example of GB/T 32905-2016, Appendix A. */
    private static final String ABC = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0";

    @Test
    @DisplayName("R-X-2 SM3 gives the standard's digest of \"abc\" as lower-case hex")
    void digestMatchesTheStandardExample() {
        assertThat(Sm3.hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC);
    }

    @Test
    @DisplayName("R-X-2 SM3 of a text is the digest of its UTF-8 bytes")
    void textIsHashedAsUtf8() {
        String text = "\u4e1a\u6269 audit";
        assertThat(Sm3.hex(text)).isEqualTo(Sm3.hex(text.getBytes(StandardCharsets.UTF_8))).isNotEqualTo(ABC);
        assertThat(Sm3.hex("abc")).isEqualTo(ABC);
    }
}
