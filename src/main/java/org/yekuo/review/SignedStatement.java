package org.yekuo.review;

import java.time.Instant;

/**
 * A signed text: the exact UTF-8 payload, the DER signature and the signer's X.509 public key (both
 * base64), who signed and when.
 */
public record SignedStatement(String algorithm, String signer, Instant signedAt, String payload, String signature,
        String publicKey) {
}
