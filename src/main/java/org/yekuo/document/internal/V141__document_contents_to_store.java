package org.yekuo.document.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;
import org.yekuo.shared.PersonalDataCipher;

/**
 * Moves the files that were kept in the database (material files and field photos, sealed with the
 * personal-data cipher over their base64 text) into the encrypted file store, and makes each field photo
 * a document of its order. V142 then drops the old content columns.
 */
@Component
class V141__document_contents_to_store extends BaseJavaMigration {

    private final EncryptedFileStore store;
    private final PersonalDataCipher cipher;

    V141__document_contents_to_store(EncryptedFileStore store, PersonalDataCipher cipher) {
        this.store = store;
        this.cipher = cipher;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement select = connection.createStatement();
                ResultSet rs = select.executeQuery("select id, content from document where content is not null");
                PreparedStatement update = connection.prepareStatement(
                        "update document set storage_key = ?, content = null where id = ?")) {
            while (rs.next()) {
                String key = EncryptedFileStore.newKey();
                store.write(key, new ByteArrayInputStream(open(rs.getBytes("content"))));
                update.setString(1, key);
                update.setLong(2, rs.getLong("id"));
                update.executeUpdate();
            }
        }
        try (Statement select = connection.createStatement();
                ResultSet rs = select.executeQuery("""
                        select p.id, p.application_id, a.order_no, a.org_path, p.node_code, p.photo_kind, p.content_type,
                               p.size_bytes, p.digest, p.content, p.added_by, p.added_at
                        from node_photo p join application a on a.id = p.application_id
                        where p.document_id is null order by p.id""");
                PreparedStatement insert = connection.prepareStatement("""
                        insert into document (order_id, order_no, org_path, kind, subject, version_no, node_code, file_name,
                                              content_type, size_bytes, digest, storage_key, added_by, added_at)
                        values (?, ?, ?, 'FIELD_PHOTO', ?, (select coalesce(max(version_no), 0) + 1 from document
                                where order_id = ? and kind = 'FIELD_PHOTO' and subject = ?), ?, ?, ?, ?, ?, ?, ?, ?)""",
                        new String[] {"id"});
                PreparedStatement link = connection.prepareStatement("update node_photo set document_id = ?, content = null where id = ?")) {
            while (rs.next()) {
                String key = EncryptedFileStore.newKey();
                store.write(key, new ByteArrayInputStream(open(rs.getBytes("content"))));
                long orderId = rs.getLong("application_id");
                String kind = rs.getString("photo_kind");
                insert.setLong(1, orderId);
                insert.setString(2, rs.getString("order_no"));
                insert.setString(3, rs.getString("org_path"));
                insert.setString(4, kind);
                insert.setLong(5, orderId);
                insert.setString(6, kind);
                insert.setString(7, rs.getString("node_code"));
                insert.setString(8, kind.toLowerCase(java.util.Locale.ROOT) + (rs.getString("content_type").endsWith("png") ? ".png" : ".jpg"));
                insert.setString(9, rs.getString("content_type"));
                insert.setLong(10, rs.getLong("size_bytes"));
                insert.setString(11, rs.getString("digest"));
                insert.setString(12, key);
                insert.setString(13, rs.getString("added_by"));
                insert.setTimestamp(14, rs.getTimestamp("added_at"));
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    link.setLong(1, keys.getLong(1));
                }
                link.setLong(2, rs.getLong("id"));
                link.executeUpdate();
            }
        }
    }

    private byte[] open(byte[] sealed) {
        return Base64.getDecoder().decode(cipher.decrypt(new String(sealed, StandardCharsets.US_ASCII)));
    }
}
