package org.yekuo.audit;

/**
 * The result of walking the audit chain: how many records were checked and, when the chain is
 * broken, the first record whose hash or link does not match.
 */
public record ChainVerification(boolean intact, long recordsChecked, Long firstBrokenSeq, String reason) {

    static ChainVerification intact(long checked) {
        return new ChainVerification(true, checked, null, null);
    }

    static ChainVerification brokenAt(long checked, long seq, String reason) {
        return new ChainVerification(false, checked, seq, reason);
    }
}
