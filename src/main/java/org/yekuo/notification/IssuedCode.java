package org.yekuo.notification;

import java.time.Instant;

/** A verification code on its way: the masked number it went to and when it stops working. */
public record IssuedCode(String phoneMasked, Instant expiresAt) {
}
