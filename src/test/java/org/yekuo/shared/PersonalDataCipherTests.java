package org.yekuo.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersonalDataCipherTests {

    private static final byte[] DATA_KEY = Base64.getDecoder().decode("MDEyMzQ1Njc4OWFiY2RlZg==");
    private static final byte[] INDEX_KEY = Base64.getDecoder().decode("ZmVkY2JhOTg3NjU0MzIxMA==");

    private final PersonalDataCipher cipher = new PersonalDataCipher(DATA_KEY, INDEX_KEY);

    @Test
    @DisplayName("R-X-3 a value comes back from its encrypted text, and the text does not contain it")
    void encryptedValueRoundTrips() {
        String sealed = cipher.encrypt("11010119900307123X");
        assertThat(sealed).doesNotContain("11010119900307123X").doesNotContain("19900307");
        assertThat(cipher.decrypt(sealed)).isEqualTo("11010119900307123X");
        String name = "\u5f20\u4e09\u4e30";
        assertThat(cipher.decrypt(cipher.encrypt(name))).isEqualTo(name);
    }

    @Test
    @DisplayName("R-X-3 the same value encrypts differently each time (a fresh IV per value)")
    void sameValueEncryptsDifferently() {
        String first = cipher.encrypt("13812345678");
        String second = cipher.encrypt("13812345678");
        assertThat(first).isNotEqualTo(second);
        assertThat(Base64.getDecoder().decode(first)).hasSize(1 + 12 + 11 + 16);
    }

    @Test
    @DisplayName("R-X-3 an altered ciphertext fails loudly instead of decrypting to something else")
    void tamperedCiphertextIsRefused() {
        byte[] bytes = Base64.getDecoder().decode(cipher.encrypt("13812345678"));
        for (int position : new int[] {0, 5, 20, bytes.length - 1}) {
            byte[] altered = bytes.clone();
            altered[position] ^= 0x01;
            assertThatThrownBy(() -> cipher.decrypt(Base64.getEncoder().encodeToString(altered)))
                    .isInstanceOf(IllegalStateException.class);
        }
        assertThatThrownBy(() -> cipher.decrypt("not base64 at all!")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("R-X-3 a value sealed under another key is refused")
    void otherKeyIsRefused() {
        PersonalDataCipher other = new PersonalDataCipher(INDEX_KEY, DATA_KEY);
        assertThatThrownBy(() -> other.decrypt(cipher.encrypt("13812345678")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("integrity check");
    }

    @Test
    @DisplayName("R-X-3 the blind index finds equal values, tells different ones apart and depends on the key")
    void blindIndexSupportsEqualityLookups() {
        assertThat(cipher.blindIndex("11010119900307123X")).isEqualTo(cipher.blindIndex(" 11010119900307123x "))
                .hasSize(64).doesNotContain("1101011990");
        assertThat(cipher.blindIndex("11010119900307123X")).isNotEqualTo(cipher.blindIndex("11010119900307124X"));
        assertThat(new PersonalDataCipher(DATA_KEY, DATA_KEY).blindIndex("13812345678"))
                .isNotEqualTo(cipher.blindIndex("13812345678"));
    }

    @Test
    @DisplayName("R-X-3 without configuration a key is generated once and then reused")
    void missingKeyIsGeneratedOnceOutsideProduction(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("keys/personal-data.key");
        byte[] first = PersonalDataKeys.resolve(null, "yekuo.crypto.personal-data-key", file, false);
        byte[] second = PersonalDataKeys.resolve("", "yekuo.crypto.personal-data-key", file, false);
        assertThat(first).hasSize(16).isEqualTo(second);
        assertThat(Files.readString(file)).isEqualTo(Base64.getEncoder().encodeToString(first));
    }

    @Test
    @DisplayName("R-X-3 production without a configured key refuses to start, naming the setting")
    void productionNeedsAConfiguredKey(@TempDir Path directory) {
        assertThatThrownBy(() -> PersonalDataKeys.resolve(null, "yekuo.crypto.personal-data-key",
                directory.resolve("personal-data.key"), true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("yekuo.crypto.personal-data-key");
        assertThat(directory.resolve("personal-data.key")).doesNotExist();
    }

    @Test
    @DisplayName("R-X-3 a configured key of the wrong length is refused")
    void wrongKeyLengthIsRefused(@TempDir Path directory) {
        assertThatThrownBy(() -> PersonalDataKeys.resolve("c2hvcnQ=", "yekuo.crypto.index-key",
                directory.resolve("x.key"), true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("yekuo.crypto.index-key").hasMessageContaining("16 bytes");
        assertThat(PersonalDataKeys.resolve("MDEyMzQ1Njc4OWFiY2RlZg==", "yekuo.crypto.index-key",
                directory.resolve("x.key"), true)).isEqualTo(DATA_KEY);
    }
}
