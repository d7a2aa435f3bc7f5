package org.yekuo.licence.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.yekuo.licence.PaperKind;
import org.yekuo.licence.LicenceReading;
import org.yekuo.licence.ReadField;
import org.yekuo.shared.PersonalDataCipher;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Readings as rows; what was read and what was confirmed are stored as encrypted JSON. */
@Repository
public class ReadingRows {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;

    ReadingRows(JdbcClient jdbc, PersonalDataCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public long insert(long orderId, long documentId, int pageNo, PaperKind kind, String slot, String filed, List<ReadField> fields,
            String readBy, Instant readAt) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into licence_reading (order_id, document_id, page_no, kind, slot_material, filed_material, read_cipher, status,
                    read_by, read_at) values (?, ?, ?, ?, ?, ?, ?, 'READ', ?, ?)""")
                .params(orderId, documentId, pageNo, kind.name(), slot, filed, cipher.encrypt(JSON.writeValueAsString(fields)), readBy,
                        Timestamp.from(readAt))
                .update(key, "id");
        return key.getKey().longValue();
    }

    public Optional<LicenceReading> get(long id) {
        return jdbc.sql("select * from licence_reading where id = ?").param(id).query(this::row).optional();
    }

    public List<LicenceReading> ofOrder(long orderId) {
        return jdbc.sql("select * from licence_reading where order_id = ? order by id").param(orderId).query(this::row).list();
    }

    /** Confirms a reading still unconfirmed; false when someone confirmed it first. */
    public boolean confirm(long id, Map<String, String> values, String by, Instant at) {
        return jdbc.sql("""
                update licence_reading set status = 'CONFIRMED', confirmed_cipher = ?, confirmed_by = ?, confirmed_at = ?
                where id = ? and status = 'READ'""")
                .params(cipher.encrypt(JSON.writeValueAsString(values)), by, Timestamp.from(at), id).update() == 1;
    }

    private LicenceReading row(ResultSet rs, int n) throws SQLException {
        List<ReadField> fields = JSON.readValue(cipher.decrypt(rs.getString("read_cipher")), new TypeReference<List<ReadField>>() { });
        String confirmedCipher = rs.getString("confirmed_cipher");
        Map<String, String> confirmed = confirmedCipher == null ? Map.of()
                : JSON.readValue(cipher.decrypt(confirmedCipher), new TypeReference<LinkedHashMap<String, String>>() { });
        Timestamp confirmedAt = rs.getTimestamp("confirmed_at");
        return new LicenceReading(rs.getLong("id"), rs.getLong("order_id"), rs.getLong("document_id"), rs.getInt("page_no"),
                PaperKind.valueOf(rs.getString("kind")), rs.getString("slot_material"), rs.getString("filed_material"), fields,
                confirmed, "CONFIRMED".equals(rs.getString("status")), rs.getString("read_by"), rs.getTimestamp("read_at").toInstant(),
                rs.getString("confirmed_by"), confirmedAt == null ? null : confirmedAt.toInstant());
    }
}
