package org.yekuo.document;

import java.util.List;

/**
 * A hand signature as the signing page sends it: the SM3 digest of the version the signer was shown, who
 * signs (a customer with their name), and the strokes drawn, each a list of [x, y] points within the
 * 1000 × 400 drawing area.
 */
public record HandSigning(String digest, HandSigner signer, String signerName, List<List<List<Integer>>> strokes) {
}
