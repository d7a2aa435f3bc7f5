package org.yekuo.document;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores the versions of the marks drawn over field photos, as JSON; the latest version of a photo is the one shown. */
@Repository
class PhotoMarkings {

    private static final TypeReference<List<PhotoMark>> MARKS = new TypeReference<>() {
    };
    private static final String COLUMNS = "select photo_id, version, marks, marked_by, marked_at from photo_marking m";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    PhotoMarkings(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Saves the next version; the photo row is locked first, so two saves at once number their versions one after the other. */
    int insert(long photoId, List<PhotoMark> marks, String markedBy, Instant at, String idempotencyKey) {
        jdbc.sql("select id from node_photo where id = ? for update").param(photoId).query(Long.class).single();
        int version = jdbc.sql("select coalesce(max(version), 0) + 1 from photo_marking where photo_id = ?").param(photoId)
                .query(Integer.class).single();
        jdbc.sql("""
                insert into photo_marking (photo_id, version, marks, mark_count, marked_by, marked_at, idempotency_key)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(photoId, version, json.writeValueAsString(marks), marks.size(), markedBy, Timestamp.from(at), idempotencyKey)
                .update();
        return version;
    }

    Optional<Saved> byKey(String markedBy, String idempotencyKey) {
        return jdbc.sql(COLUMNS + " where marked_by = ? and idempotency_key = ?").params(markedBy, idempotencyKey)
                .query(this::saved).optional();
    }

    Optional<Saved> latest(long photoId) {
        return jdbc.sql(COLUMNS + " where photo_id = ? order by version desc fetch first 1 rows only").param(photoId)
                .query(this::saved).optional();
    }

    /** The latest marks of each of the photos that have any, in one read. */
    Map<Long, List<PhotoMark>> latest(Collection<Long> photoIds) {
        Map<Long, List<PhotoMark>> latest = new HashMap<>();
        if (photoIds.isEmpty()) {
            return latest;
        }
        jdbc.sql(COLUMNS + " where photo_id in (:ids) and version = (select max(version) from photo_marking l where l.photo_id = m.photo_id)")
                .param("ids", photoIds).query(this::saved).list().forEach(s -> latest.put(s.photoId(), s.marks()));
        return latest;
    }

    /** A stored version of a photo's marks. */
    record Saved(long photoId, int version, List<PhotoMark> marks, String markedBy, Instant markedAt) {
    }

    private Saved saved(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Saved(rs.getLong("photo_id"), rs.getInt("version"), json.readValue(rs.getString("marks"), MARKS),
                rs.getString("marked_by"), rs.getTimestamp("marked_at").toInstant());
    }
}
