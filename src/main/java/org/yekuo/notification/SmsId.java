package org.yekuo.notification;

/** An SMS in the outbox; also the key by which the gateway recognises a message it has already sent. */
public record SmsId(long value) {
}
