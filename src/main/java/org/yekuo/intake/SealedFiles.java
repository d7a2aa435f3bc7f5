package org.yekuo.intake;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.stereotype.Component;
import org.yekuo.shared.PersonalDataCipher;

/**
 * Files at rest are sealed with the personal-data cipher over their base64 text (R-LIC-5): scans
 * and field photos show people, papers and homes.
 */
@Component
class SealedFiles {

    private final PersonalDataCipher cipher;

    SealedFiles(PersonalDataCipher cipher) {
        this.cipher = cipher;
    }

    byte[] seal(byte[] content) {
        return cipher.encrypt(Base64.getEncoder().encodeToString(content)).getBytes(StandardCharsets.US_ASCII);
    }

    byte[] open(byte[] sealed) {
        return Base64.getDecoder().decode(cipher.decrypt(new String(sealed, StandardCharsets.US_ASCII)));
    }
}
