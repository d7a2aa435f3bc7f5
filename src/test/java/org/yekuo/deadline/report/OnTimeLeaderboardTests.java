package org.yekuo.deadline.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.yekuo.deadline.report.ReportFixtures.at;
import static org.yekuo.deadline.report.ReportFixtures.newOrder;

import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yekuo.reporting.ReportMonth;

@SpringBootTest
class OnTimeLeaderboardTests {

    private static final YearMonth MONTH = YearMonth.of(2026, 6);

    @Autowired
    OnTimeLeaderboard leaderboard;

    @Autowired
    JdbcClient jdbc;

    @Test
    @DisplayName("R-SLA-7 the top 10% is at least one: 1 to 19 ranked staff give one, 20 give two")
    void topTenPercentIsAtLeastOne() {
        assertThat(OnTimeLeaderboard.topTenPercent(List.of())).isEmpty();
        assertThat(OnTimeLeaderboard.topTenPercent(List.of(1))).containsExactly(1);
        assertThat(OnTimeLeaderboard.topTenPercent(IntStream.range(0, 19).boxed().toList())).containsExactly(0);
        assertThat(OnTimeLeaderboard.topTenPercent(IntStream.range(0, 20).boxed().toList())).containsExactly(0, 1);
    }

    @Test
    @DisplayName("R-SLA-7 staff rank by on-time completion with a minimum count; the top 10% show, three months running gives award priority")
    void ranksAndMarksThreeMonthsRunning() {
        ReportFixtures fixtures = new ReportFixtures(jdbc);
        ReportFixtures.Station station = fixtures.station();
        String path = station.team();
        String tag = station.code().toLowerCase();
        String star = "star." + tag;
        String twice = "twice." + tag;
        for (int back = 0; back < 3; back++) {
            YearMonth month = MONTH.minusMonths(back);
            // Ten ordinary staff: 6 of 10 on time.
            for (int p = 0; p < 10; p++) {
                complete(fixtures, path, "staff" + p + "." + tag, month, 10, 6, false);
            }
            // The star: all 10 on time, every month.
            complete(fixtures, path, star, month, 10, 10, false);
            // Twice: all on time this month and last, badly three months ago.
            complete(fixtures, path, twice, month, 10, back < 2 ? 10 : 2, false);
        }
        // Four on time of four: too few to be ranked.
        complete(fixtures, path, "few." + tag, MONTH, 4, 4, false);
        // Completed by the deadline but red before (the deadline was moved after a delay explanation): not on time.
        complete(fixtures, path, "moved." + tag, MONTH, 10, 10, true);

        Leaderboard board = leaderboard.of(new ReportMonth(MONTH, ReportFixtures.ZONE), station.scope(), Locale.SIMPLIFIED_CHINESE);

        assertThat(board.minimumCompleted()).isEqualTo(5);
        assertThat(board.ranked()).isEqualTo(13);
        // 13 ranked: the top 10% is one person; the star outranks "twice" (equal rate, same count) by username.
        assertThat(board.top()).extracting(Leaderboard.Entry::rank, Leaderboard.Entry::username, Leaderboard.Entry::onTime,
                Leaderboard.Entry::rate, Leaderboard.Entry::awardPriority)
                .containsExactly(tuple(1, star, 10L, 100.0, true));

        // Add seven more ranked staff this month: 20 ranked, two on the board; "twice" has two months only.
        for (int p = 10; p < 17; p++) {
            complete(fixtures, path, "staff" + p + "." + tag, MONTH, 10, 5, false);
        }
        Leaderboard wider = leaderboard.of(new ReportMonth(MONTH, ReportFixtures.ZONE), station.scope(), Locale.SIMPLIFIED_CHINESE);
        assertThat(wider.ranked()).isEqualTo(20);
        assertThat(wider.top()).extracting(Leaderboard.Entry::username, Leaderboard.Entry::awardPriority)
                .containsExactly(tuple(star, true), tuple(twice, false));
    }

    /** {@code total} nodes completed by {@code handler} in the month, {@code onTime} of them by the deadline. */
    private static void complete(ReportFixtures fixtures, String path, String handler, YearMonth month, int total, int onTime,
            boolean redBefore) {
        for (int i = 0; i < total; i++) {
            boolean inTime = i < onTime;
            ReportFixtures.Node node = fixtures.node(newOrder(), "SITE_SURVEY", path).handler(handler).due(at(month, 15, 9))
                    .completed(inTime ? at(month, 14, 9) : at(month, 16, 9));
            if (redBefore) {
                node.red(at(month, 10, 9));
            }
            node.save();
        }
    }
}
