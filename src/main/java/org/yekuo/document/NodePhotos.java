package org.yekuo.document;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Stores field photos of orders, each a document of the order's archive; names of who took them are the usernames until resolved. */
@Repository
class NodePhotos {

    private static final String COLUMNS = """
            select p.id, p.application_id, p.node_code, p.photo_kind, p.annotation, p.content_type, p.size_bytes, p.digest,
                   p.document_id, p.added_by, p.added_at, p.width_px, p.height_px
            from node_photo p""";

    private final JdbcClient jdbc;
    private final PhotoMarkings markings;

    NodePhotos(JdbcClient jdbc, PhotoMarkings markings) {
        this.jdbc = jdbc;
        this.markings = markings;
    }

    long insert(long orderId, String nodeCode, PhotoKind kind, String annotation, Document document, int width, int height,
            String addedBy, Instant at) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into node_photo (application_id, node_code, photo_kind, annotation, content_type, size_bytes, digest,
                                        document_id, added_by, added_at, width_px, height_px)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(orderId, nodeCode, kind.name(), annotation, document.contentType(), document.sizeBytes(), document.digest(),
                        document.id(), addedBy, Timestamp.from(at), width, height)
                .update(keys, "id");
        return ((Number) keys.getKeys().get("id")).longValue();
    }

    /** The order's photos, oldest first, each with its latest marks. */
    List<NodePhoto> ofOrder(long orderId) {
        List<NodePhoto> photos = jdbc.sql(COLUMNS + " where p.application_id = ? order by p.id").param(orderId).query(NodePhotos::photo).list();
        Map<Long, List<PhotoMark>> marks = markings.latest(photos.stream().map(NodePhoto::id).toList());
        return photos.stream().map(p -> p.withMarks(marks.getOrDefault(p.id(), List.of()))).toList();
    }

    Optional<NodePhoto> get(long photoId) {
        return jdbc.sql(COLUMNS + " where p.id = ?").param(photoId).query(NodePhotos::photo).optional()
                .map(p -> p.withMarks(markings.latest(photoId).map(PhotoMarkings.Saved::marks).orElse(List.of())));
    }

    private static NodePhoto photo(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new NodePhoto(rs.getLong("id"), rs.getLong("application_id"), rs.getString("node_code"),
                PhotoKind.valueOf(rs.getString("photo_kind")), rs.getString("annotation"), rs.getString("content_type"),
                rs.getLong("size_bytes"), rs.getString("digest"), rs.getLong("document_id"), rs.getString("added_by"), rs.getString("added_by"),
                rs.getTimestamp("added_at").toInstant(), (Integer) rs.getObject("width_px", Integer.class),
                (Integer) rs.getObject("height_px", Integer.class), List.of());
    }
}
