package org.yekuo.notification.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Paging;
import org.yekuo.shared.PersonalDataCipher;

/**
 * The local gateway's inbox: the messages it "delivered", for administrators to read instead of a phone, with their
 * codes and link tokens masked.
 * The unique outbox id makes a repeated delivery of the same message a no-op.
 */
@Repository
public class SmsInbox {

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final Clock clock;

    SmsInbox(JdbcClient jdbc, PersonalDataCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    boolean received(long outboxId) {
        return jdbc.sql("select count(*) from sms_inbox where outbox_id = ?").param(outboxId).query(Long.class).single() > 0;
    }

    /** False when this message had been received before. */
    boolean receive(long outboxId, MobileNumber phone, String text) {
        try {
            jdbc.sql("""
                    insert into sms_inbox (outbox_id, phone_cipher, phone_masked, body, received_at)
                    values (:outboxId, :cipher, :masked, :body, :at)""")
                    .param("outboxId", outboxId).param("cipher", cipher.encrypt(phone.digits()))
                    .param("masked", phone.masked()).param("body", text).param("at", Timestamp.from(clock.instant()))
                    .update();
            return true;
        } catch (DuplicateKeyException alreadyReceived) {
            return false;
        }
    }

    /**
     * The newest first. {@code phone} is a whole mobile number (found through its blind index), a masked
     * one ({@code 138****5678}) or up to its last 4 digits.
     */
    public Paged<InboxEntry> page(Filter filter, int page, int size) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        filter.phone().map(String::strip).filter(p -> !p.isEmpty()).ifPresent(phone -> {
            if (phone.matches("\\d{11}")) {
                conditions.add("o.phone_index = :phoneIndex");
                params.put("phoneIndex", cipher.blindIndex(MobileNumber.parse("phone", phone).digits()));
            } else if (phone.matches("\\d{3}\\*{4}\\d{4}")) {
                conditions.add("i.phone_masked = :masked");
                params.put("masked", phone);
            } else if (phone.matches("\\d{1,4}")) {
                conditions.add("i.phone_masked like :suffix");
                params.put("suffix", "%" + phone);
            } else {
                throw DomainException.invalid("phone", "notification.filter.phone-invalid");
            }
        });
        filter.templateCode().filter(t -> !t.isBlank()).ifPresent(template -> {
            conditions.add("o.template_code = :template");
            params.put("template", template.strip());
        });
        filter.status().ifPresent(status -> {
            conditions.add("o.status = :status");
            params.put("status", status.name());
        });
        String from = " from sms_inbox i join sms_outbox o on o.id = i.outbox_id"
                + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions));
        long total = jdbc.sql("select count(*)" + from).params(params).query(Long.class).single();
        List<InboxEntry> items = jdbc.sql("select i.outbox_id, i.received_at, i.phone_masked, o.template_code, i.body,"
                        + " o.status, o.attempts" + from + " order by i.received_at desc, i.id desc limit :size offset :offset")
                .params(params).param("size", size).param("offset", Paging.offset(page, size))
                .query((rs, n) -> new InboxEntry(rs.getLong("outbox_id"), rs.getTimestamp("received_at").toInstant(),
                        rs.getString("phone_masked"), rs.getString("template_code"),
                        SmsSecrets.masked(rs.getString("template_code"), rs.getString("body")),
                        OutboxStatus.valueOf(rs.getString("status")), rs.getInt("attempts")))
                .list();
        return new Paged<>(items, total, page, size);
    }

    /** What administrators filter the inbox by; each part optional. */
    public record Filter(Optional<String> phone, Optional<String> templateCode, Optional<OutboxStatus> status) {
    }
}
