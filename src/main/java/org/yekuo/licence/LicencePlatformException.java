package org.yekuo.licence;

/**
 * The platform gave no licence: it does not know the code, it could not be reached in time, or it answered
 * something that is not a licence. The order can always go on by hand.
 */
public class LicencePlatformException extends RuntimeException {

    /** Why no licence came back; its explanation is {@code licence.registry.<name>}. */
    public enum Reason {
        NOT_FOUND, UNAVAILABLE, MALFORMED
    }

    private final Reason reason;

    public LicencePlatformException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public LicencePlatformException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
