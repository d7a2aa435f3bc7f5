package org.yekuo.document;

/** Who signs a record by hand: the member of staff who did the work, or the customer; label {@code document.hand.signer.<name>}. */
public enum HandSigner {
    HANDLER, CUSTOMER
}
