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
import org.yekuo.licence.ReadField;
import org.yekuo.shared.PersonalDataCipher;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Photos read on the online application form, waiting for the order it becomes: bound to the form's key and the
 * proven phone's blind index; photo, reading and confirmation sealed.
 */
@Repository
public class ApplyPhotoRows {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;

    ApplyPhotoRows(JdbcClient jdbc, PersonalDataCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** A photo as held: the file's bytes only through {@link #file}. */
    public record Held(long id, String formKey, String phoneIndex, PaperKind kind, String fileName, List<ReadField> fields,
            Map<String, String> confirmed, Instant readAt, Instant confirmedAt, Instant expiresAt) {
    }

    public long insert(String formKey, String phoneIndex, PaperKind kind, String fileName, String fileSealed, List<ReadField> fields,
            Instant readAt, Instant expiresAt) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into licence_apply_photo (form_key, phone_index, kind, file_name, file_sealed, read_cipher, read_at, expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(formKey, phoneIndex, kind.name(), fileName, fileSealed, cipher.encrypt(JSON.writeValueAsString(fields)),
                        Timestamp.from(readAt), Timestamp.from(expiresAt))
                .update(key, "id");
        return ((Number) key.getKeys().get("id")).longValue();
    }

    /** The form's photos still in time, oldest first. */
    public List<Held> forForm(String formKey, String phoneIndex, Instant now) {
        return jdbc.sql(SELECT + " where form_key = ? and phone_index = ? and expires_at > ? order by read_at, id")
                .params(formKey, phoneIndex, Timestamp.from(now)).query(this::row).list();
    }

    public Optional<Held> get(long id, String formKey, String phoneIndex, Instant now) {
        return jdbc.sql(SELECT + " where id = ? and form_key = ? and phone_index = ? and expires_at > ?")
                .params(id, formKey, phoneIndex, Timestamp.from(now)).query(this::row).optional();
    }

    /** How many photos the phone holds on all its forms: a proven phone cannot fill the table. */
    public int countForPhone(String phoneIndex, Instant now) {
        return jdbc.sql("select count(*) from licence_apply_photo where phone_index = ? and expires_at > ?")
                .params(phoneIndex, Timestamp.from(now)).query(Integer.class).single();
    }

    /** The sealed file of a held photo. */
    public String fileSealed(long id) {
        return jdbc.sql("select file_sealed from licence_apply_photo where id = ?").param(id).query(String.class).single();
    }

    /** What the applicant confirmed, replacing an earlier confirmation: nothing is used before the form is submitted. */
    public void confirm(long id, Map<String, String> values, Instant at) {
        jdbc.sql("update licence_apply_photo set confirmed_cipher = ?, confirmed_at = ? where id = ?")
                .params(cipher.encrypt(JSON.writeValueAsString(values)), Timestamp.from(at), id).update();
    }

    /** A new photo of a kind replaces the form's earlier one. */
    public void deleteKind(String formKey, String phoneIndex, PaperKind kind) {
        jdbc.sql("delete from licence_apply_photo where form_key = ? and phone_index = ? and kind = ?")
                .params(formKey, phoneIndex, kind.name()).update();
    }

    public void delete(long id) {
        jdbc.sql("delete from licence_apply_photo where id = ?").param(id).update();
    }

    /** Forgets everything of a form: its order has taken the photos. */
    public void deleteForm(String formKey, String phoneIndex) {
        jdbc.sql("delete from licence_apply_photo where form_key = ? and phone_index = ?").params(formKey, phoneIndex).update();
    }

    /** Deletes what has expired: abandoned forms keep no photo. Safe to run on several nodes at once. */
    public int deleteExpired(Instant now) {
        return jdbc.sql("delete from licence_apply_photo where expires_at <= ?").param(Timestamp.from(now)).update();
    }

    private static final String SELECT = """
            select id, form_key, phone_index, kind, file_name, read_cipher, confirmed_cipher, read_at, confirmed_at, expires_at
            from licence_apply_photo""";

    private Held row(ResultSet rs, int n) throws SQLException {
        List<ReadField> fields = JSON.readValue(cipher.decrypt(rs.getString("read_cipher")), new TypeReference<List<ReadField>>() { });
        String confirmedCipher = rs.getString("confirmed_cipher");
        Map<String, String> confirmed = confirmedCipher == null ? Map.of()
                : JSON.readValue(cipher.decrypt(confirmedCipher), new TypeReference<LinkedHashMap<String, String>>() { });
        Timestamp confirmedAt = rs.getTimestamp("confirmed_at");
        return new Held(rs.getLong("id"), rs.getString("form_key"), rs.getString("phone_index"), PaperKind.valueOf(rs.getString("kind")),
                rs.getString("file_name"), fields, confirmed, rs.getTimestamp("read_at").toInstant(),
                confirmedAt == null ? null : confirmedAt.toInstant(), rs.getTimestamp("expires_at").toInstant());
    }
}
