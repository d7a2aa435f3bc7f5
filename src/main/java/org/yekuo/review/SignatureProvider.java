package org.yekuo.review;

/**
 * Electronic signatures of opinions and rulings (ARCHITECTURE §6a): SM3withSM2 on sm2p256v1. In
 * production a CA's U-key signs in the browser through the CA's local signing service; for development
 * and tests a software SM2 key signs on the server. Either way a {@link SignedStatement} carries what
 * was signed, the signature and the signer's public key, and verifies again from those bytes alone.
 */
public interface SignatureProvider {

    SignedStatement sign(String signer, String payload);

    boolean verify(SignedStatement statement);
}
