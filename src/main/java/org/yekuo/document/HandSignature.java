package org.yekuo.document;

import java.time.Instant;

/**
 * A hand signature on a record.
 *
 * @param documentId       the version of the record that carries it (the next after the one signed)
 * @param signedDocumentId the version its signer saw and signed
 * @param signedDigest     SM3 of that version's bytes
 * @param signerName       the signer's name, masked for a customer
 * @param bound            its binding still holds: the version signed is unchanged and the record says what was signed
 */
public record HandSignature(long id, long documentId, long signedDocumentId, String signedDigest, HandSigner signer,
        String signerName, String collectedBy, Instant signedAt, boolean bound) {
}
