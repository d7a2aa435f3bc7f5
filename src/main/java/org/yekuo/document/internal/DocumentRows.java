package org.yekuo.document.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.yekuo.document.Document;
import org.yekuo.document.DocumentKind;
import org.yekuo.document.DocumentOwner;

/** The archive's rows: one per version of a document; contents live in the {@link EncryptedFileStore}. */
@Repository
public class DocumentRows {

    private static final String COLUMNS = """
            select id, order_id, order_no, kind, subject, version_no, node_code, file_name, content_type, size_bytes, digest,
                   added_by, added_at
            from document""";

    private final JdbcClient jdbc;

    DocumentRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the next version of its kind and subject; concurrent versions of one subject meet the unique index. */
    public long insert(DocumentOwner owner, DocumentKind kind, String subject, String nodeCode, String fileName,
            String contentType, long size, String digest, String storageKey, String addedBy, Instant at) {
        int version = jdbc.sql("select coalesce(max(version_no), 0) + 1 from document where order_id = ? and kind = ? and subject = ?")
                .params(owner.orderId(), kind.name(), subject).query(Integer.class).single();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into document (order_id, order_no, org_path, kind, subject, version_no, node_code, file_name, content_type,
                                      size_bytes, digest, storage_key, added_by, added_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(owner.orderId(), owner.orderNo(), owner.orgPath(), kind.name(), subject, version, nodeCode, fileName,
                        contentType, size, digest, storageKey, addedBy, Timestamp.from(at))
                .update(keys, "id");
        return ((Number) keys.getKeys().get("id")).longValue();
    }

    public Optional<Document> get(long id) {
        return jdbc.sql(COLUMNS + " where id = ?").param(id).query(DocumentRows::document).optional();
    }

    public List<Document> ofOrder(long orderId) {
        return jdbc.sql(COLUMNS + " where order_id = ? order by id").param(orderId).query(DocumentRows::document).list();
    }

    /** The org path of the order a document belongs to: who may see it. */
    public String orgPath(long id) {
        return jdbc.sql("select org_path from document where id = ?").param(id).query(String.class).single();
    }

    public String storageKey(long id) {
        return jdbc.sql("select storage_key from document where id = ?").param(id).query(String.class).single();
    }

    private static Document document(ResultSet rs, int row) throws SQLException {
        return new Document(rs.getLong("id"), rs.getLong("order_id"), rs.getString("order_no"),
                DocumentKind.valueOf(rs.getString("kind")), rs.getString("subject"), rs.getInt("version_no"),
                rs.getString("node_code"), rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size_bytes"),
                rs.getString("digest"), rs.getString("added_by"), rs.getString("added_by"), rs.getTimestamp("added_at").toInstant());
    }
}
