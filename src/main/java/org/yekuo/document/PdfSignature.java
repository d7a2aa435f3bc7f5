package org.yekuo.document;

import java.time.Instant;

/**
 * One digital signature found in a PDF, as a verifier reads it.
 *
 * @param intact          the signed bytes are unchanged and the signature matches the certificate it carries
 * @param coversWholeFile nothing was added after it (a watermark of who viewed the copy is such an addition)
 * @param trusted         the certificate was issued by an authority this product trusts
 */
public record PdfSignature(String signerName, String signerUsername, String issuerName, Instant signedAt, boolean intact,
        boolean coversWholeFile, boolean trusted) {

    /** Whether the signature proves its signer signed these bytes. */
    public boolean valid() {
        return intact && trusted;
    }
}
