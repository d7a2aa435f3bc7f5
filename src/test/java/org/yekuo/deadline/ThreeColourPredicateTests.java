package org.yekuo.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The board's SQL colours nodes as the rule does in Java, on the real database. */
@SpringBootTest
@AutoConfigureMockMvc
class ThreeColourPredicateTests {

    private static final Instant YELLOW_AT = Instant.parse("2026-03-05T15:59:59Z");
    private static final Instant DUE_AT = Instant.parse("2026-03-10T15:59:59Z");

    @Autowired
    JdbcClient jdbc;

    @Test
    @DisplayName("R-SLA-4 the board's SQL predicate gives every node the colour the rule gives it, and only that one")
    void sqlAgreesWithTheRule() {
        List<Instant> moments = List.of(YELLOW_AT.minusSeconds(1), YELLOW_AT, DUE_AT, DUE_AT.plusSeconds(1));
        List<Instant> stops = new ArrayList<>(moments);
        stops.add(null);
        for (boolean locked : List.of(false, true)) {
            for (Instant now : moments) {
                for (Instant completedAt : stops) {
                    for (Instant pausedSince : stops) {
                        Colour expected = ThreeColourRule.colour(locked, completedAt, pausedSince, YELLOW_AT, DUE_AT, now);
                        assertThat(coloursInSql(locked, completedAt, pausedSince, now))
                                .as("locked=%s completed=%s paused=%s now=%s", locked, completedAt, pausedSince, now)
                                .containsExactly(expected);
                    }
                }
            }
        }
    }

    private List<Colour> coloursInSql(boolean locked, Instant completedAt, Instant pausedSince, Instant now) {
        Map<Colour, String> predicates = new EnumMap<>(Colour.class);
        for (Colour colour : Colour.values()) {
            predicates.put(colour, ThreeColourRule.sqlPredicate(colour, ":now"));
        }
        String sql = "select " + String.join(", ", predicates.values().stream().map(p -> "case when " + p + " then 1 else 0 end")
                .toList()) + " from (values (cast(:locked as boolean), cast(:completedAt as timestamp with time zone), cast(:pausedSince as timestamp with time zone),"
                + " cast(:yellowAt as timestamp with time zone), cast(:dueAt as timestamp with time zone))) as node_deadline(locked, completed_at, paused_since,"
                + " yellow_at, due_at)";
        return jdbc.sql(sql).param("locked", locked).param("completedAt", ts(completedAt)).param("pausedSince", ts(pausedSince))
                .param("yellowAt", ts(YELLOW_AT)).param("dueAt", ts(DUE_AT)).param("now", ts(now))
                .query((rs, n) -> {
                    List<Colour> matched = new ArrayList<>();
                    int column = 1;
                    for (Colour colour : predicates.keySet()) {
                        if (rs.getInt(column++) == 1) {
                            matched.add(colour);
                        }
                    }
                    return matched;
                }).single();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
