package org.yekuo.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.notification.internal.CodeIssueLimits;
import org.yekuo.notification.internal.IssuedCodes;
import org.yekuo.notification.internal.MobileNumber;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.PersonalDataCipher;

/**
 * SMS verification codes (ARCHITECTURE 6b): six random digits, sent from the purpose's template, valid
 * for five minutes, used once, bound to the phone and the purpose, dead after five wrong attempts, and
 * rate-limited per phone and per requesting address. Only a keyed HMAC-SM3 of a code is stored, and the
 * phone and the address only as blind indexes. All state is in the database, so any node may issue a
 * code and any other verify it.
 */
@Service
public class VerificationCodes {

    static final Duration VALIDITY = Duration.ofMinutes(5);
    static final int MAX_WRONG_ATTEMPTS = 5;
    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IssuedCodes codes;
    private final Notifications notifications;
    private final PersonalDataCipher cipher;
    private final TransactionTemplate transaction;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    VerificationCodes(IssuedCodes codes, Notifications notifications, PersonalDataCipher cipher,
            PlatformTransactionManager transactions, Clock clock) {
        this.codes = codes;
        this.notifications = notifications;
        this.cipher = cipher;
        this.transaction = new TransactionTemplate(transactions);
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * Sends a new code to {@code phone} for {@code purpose}; it replaces any earlier code of that phone
     * and purpose.
     *
     * @param clientIp the address the request came from, for its rate limit
     * @throws DomainException naming the field: an invalid phone or purpose (422), or a rate limit hit
     *         (429, saying when to try again)
     */
    public IssuedCode issue(String phone, VerificationPurpose purpose, String clientIp) {
        MobileNumber number = MobileNumber.parse("phone", phone);
        requirePurpose(purpose);
        String phoneIndex = cipher.blindIndex(number.digits());
        String addressIndex = cipher.blindIndex("address:" + (clientIp == null ? "-" : clientIp));
        ownTransaction.executeWithoutResult(s -> codes.ensureThrottle(phoneIndex));
        ownTransaction.executeWithoutResult(s -> codes.ensureThrottle(addressIndex));
        return transaction.execute(status -> {
            // Always the phone first, then the address: two requests never wait for each other in a circle.
            codes.lockThrottle(phoneIndex);
            codes.lockThrottle(addressIndex);
            Instant now = clock.instant();
            CodeIssueLimits.check(now, codes.issuedToPhoneSince(phoneIndex, now.minus(CodeIssueLimits.PHONE_WINDOW)),
                    codes.issuedFromAddressSince(addressIndex, now.minus(CodeIssueLimits.ADDRESS_WINDOW)), clock.getZone());
            String code = String.format("%06d", RANDOM.nextInt(1_000_000));
            Instant expiresAt = now.plus(VALIDITY);
            codes.insert(phoneIndex, purpose.name(), hash(number, purpose, code), addressIndex, now, expiresAt);
            notifications.sms(number.digits(), purpose.template(), Map.of("code", code), null);
            return new IssuedCode(number.masked(), expiresAt);
        });
    }

    /**
     * Accepts the phone's newest code for the purpose, once. Joins the caller's transaction, so a caller
     * whose own change is refused afterwards leaves the code unused; a wrong attempt counts in any case.
     *
     * @throws DomainException 422 naming {@code code}: none issued, wrong (with the attempts left),
     *         expired, used, or dead after too many wrong attempts
     */
    public void verify(String phone, VerificationPurpose purpose, String code) {
        MobileNumber number = MobileNumber.parse("phone", phone);
        requirePurpose(purpose);
        String entered = code == null ? "" : code.strip();
        if (!SIX_DIGITS.matcher(entered).matches()) {
            throw DomainException.invalid("code", "online.code.format");
        }
        transaction.executeWithoutResult(status -> {
            Instant now = clock.instant();
            IssuedCodes.StoredCode stored = codes.latest(cipher.blindIndex(number.digits()), purpose.name())
                    .orElseThrow(() -> DomainException.invalid("code", "online.code.none"));
            if (stored.usedAt() != null) {
                throw DomainException.invalid("code", "online.code.used");
            }
            if (!now.isBefore(stored.expiresAt())) {
                throw DomainException.invalid("code", "online.code.expired", VALIDITY.toMinutes());
            }
            if (stored.wrongAttempts() >= MAX_WRONG_ATTEMPTS) {
                throw DomainException.invalid("code", "online.code.exhausted");
            }
            if (!MessageDigest.isEqual(bytes(hash(number, purpose, entered)), bytes(stored.codeHash()))) {
                int attempts = ownTransaction.execute(s -> codes.recordWrongAttempt(stored.id()));
                throw attempts >= MAX_WRONG_ATTEMPTS ? DomainException.invalid("code", "online.code.exhausted")
                        : DomainException.invalid("code", "online.code.wrong", MAX_WRONG_ATTEMPTS - attempts);
            }
            if (!codes.markUsed(stored.id(), MAX_WRONG_ATTEMPTS, now)) {
                throw DomainException.invalid("code", "online.code.used");
            }
        });
    }

    /** Keyed by the index key and bound to phone and purpose, so a stored hash says nothing without the key. */
    private String hash(MobileNumber number, VerificationPurpose purpose, String code) {
        return cipher.blindIndex(purpose.name() + ":" + number.digits() + ":" + code);
    }

    private static void requirePurpose(VerificationPurpose purpose) {
        if (purpose == null) {
            throw DomainException.invalid("purpose", "online.code.purpose");
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
