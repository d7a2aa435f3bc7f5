package org.yekuo.document;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The certificate authority that stands behind each member of staff's signature on a PDF (R-DOC-3): in
 * development and tests the product's own authority issues a key and certificate per person; in production
 * the utility's CA does, its keys held where the CA keeps them (a signing service, later a U-key). Only the
 * signature leaves the signer; the product builds the PAdES signature around it.
 */
public interface SigningCertificates {

    /** The signer for a member of staff, identified by username and shown by name. */
    Signer signerFor(String username, String displayName);

    /** The authority certificates a signature's chain must end in to be trusted here. */
    List<X509Certificate> trustAnchors();

    interface Signer {

        /** The signer's certificate first, then the certificates that issued it. */
        List<X509Certificate> chain();

        /** The JCA name of the signature algorithm, e.g. {@code SHA256withECDSA}. */
        String algorithm();

        /** The signature over {@code data} with the signer's private key. */
        byte[] sign(byte[] data);
    }
}
