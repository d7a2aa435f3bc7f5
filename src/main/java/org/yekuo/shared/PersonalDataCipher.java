package org.yekuo.shared;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Personal data at rest (SPEC R-X-3, GB/T 39786): {@link #encrypt} seals a value with SM4/GCM under a
 * fresh 12-byte IV into one base64 text (version, IV, ciphertext and tag), and {@link #blindIndex} gives
 * a keyed HMAC-SM3 of the value, so that a column can be searched by equality without being readable.
 * Store both when a value must be found again (e.g. earlier applications of the same ID number).
 */
@Component
public class PersonalDataCipher {

    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "SM4/GCM/NoPadding";
    private static final Provider BC = new BouncyCastleProvider();

    private final SecretKeySpec dataKey;
    private final SecretKeySpec indexKey;
    private final SecureRandom random = new SecureRandom();

    @Autowired
    PersonalDataCipher(CryptoProperties properties, Environment environment) {
        this(PersonalDataKeys.resolve(properties.personalDataKey(), "yekuo.crypto.personal-data-key",
                        properties.keyDirectory().resolve("personal-data.key"), environment.matchesProfiles("prod")),
                PersonalDataKeys.resolve(properties.indexKey(), "yekuo.crypto.index-key",
                        properties.keyDirectory().resolve("personal-data-index.key"), environment.matchesProfiles("prod")));
    }

    PersonalDataCipher(byte[] dataKey, byte[] indexKey) {
        this.dataKey = new SecretKeySpec(dataKey, "SM4");
        this.indexKey = new SecretKeySpec(indexKey, "HMACSM3");
    }

    /** The value sealed for storage; a different text each time, even for the same value. */
    public String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv);
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(VERSION).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SM4 encryption is not available", e);
        }
    }

    /**
     * The value back from its stored text.
     *
     * @throws IllegalStateException if the text was altered, is not ours or was sealed under another key
     */
    public String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(stored);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Encrypted personal data is not base64: the stored value is damaged", e);
        }
        if (bytes.length < 1 + IV_BYTES + TAG_BITS / 8 || bytes[0] != VERSION) {
            throw new IllegalStateException("Encrypted personal data has an unknown format: the stored value is damaged");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOfRange(bytes, 1, 1 + IV_BYTES));
            byte[] plain = cipher.doFinal(bytes, 1 + IV_BYTES, bytes.length - 1 - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException(
                    "Encrypted personal data failed its integrity check: it was altered or sealed under another key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SM4 decryption is not available", e);
        }
    }

    /**
     * A keyed HMAC-SM3 of the value as 64 hex digits: equal values give equal indexes, and without the
     * index key the value cannot be guessed from it. Surrounding blanks and letter case do not count, so
     * an ID number ending in x or X is found either way.
     */
    public String blindIndex(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HMACSM3", BC);
            mac.init(indexKey);
            return HexFormat.of().formatHex(mac.doFinal(plain.strip().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SM3 is not available", e);
        }
    }

    private Cipher cipher(int mode, byte[] iv) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION, BC);
        cipher.init(mode, dataKey, new GCMParameterSpec(TAG_BITS, iv));
        // The version byte is authenticated too, so it cannot be changed to make a value parse differently.
        cipher.updateAAD(new byte[] {VERSION});
        return cipher;
    }
}
