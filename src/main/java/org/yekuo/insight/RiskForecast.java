package org.yekuo.insight;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.catalogue.NodeDefinition;
import org.yekuo.catalogue.TimeLimit;
import org.yekuo.deadline.DeadlineHistory;
import org.yekuo.deadline.Deadlines;
import org.yekuo.deadline.NodeDeadline;
import org.yekuo.identity.OrgUnit;
import org.yekuo.identity.OrgUnits;

/**
 * The probability that an open node, or an open order, finishes late, estimated from how the same node of the
 * same business type ran at the same station in the last year (falling back to the whole company, then to the
 * node in any type, when a station has too few cases), given the share of its limit it has used already.
 * The history's profiles are computed in the background and kept; a forecast itself reads one profile.
 */
@Service
public class RiskForecast {

    static final String ANY = "*";

    private final JdbcClient jdbc;
    private final DeadlineHistory history;
    private final Deadlines deadlines;
    private final Catalogue catalogue;
    private final InsightProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final OrgUnits orgUnits;
    private final Map<String, String> stations = new ConcurrentHashMap<>();
    private volatile Profiles profiles;

    RiskForecast(JdbcClient jdbc, DeadlineHistory history, Deadlines deadlines, Catalogue catalogue, InsightProperties properties,
            TransactionTemplate transactions, OrgUnits orgUnits, Clock clock) {
        this.orgUnits = orgUnits;
        this.jdbc = jdbc;
        this.history = history;
        this.deadlines = deadlines;
        this.catalogue = catalogue;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The profiles as last computed, by key; read from the table once after a start. */
    record Profiles(Map<String, SurvivalCurve> curves, Instant computedAt) {

        SurvivalCurve get(String typeCode, String nodeCode, String orgPath) {
            return curves.get(key(typeCode, nodeCode, orgPath));
        }
    }

    static String key(String typeCode, String nodeCode, String orgPath) {
        return typeCode + "|" + nodeCode + "|" + orgPath;
    }

    /** Recomputes every profile from the last year's completed nodes and the nodes open now. */
    public int recomputeProfiles() {
        Instant now = clock.instant();
        Map<String, SurvivalCurve.Builder> builders = new HashMap<>();
        // Org units may have moved since the last time: find each order's station afresh.
        stations.clear();
        transactions.executeWithoutResult(status -> {
            history.completed(now.minus(Duration.ofDays(properties.historyDays())), now, node -> observe(builders, node, now));
            history.open(node -> observe(builders, node, now));
        });
        Map<String, SurvivalCurve> curves = new HashMap<>();
        builders.forEach((key, builder) -> curves.put(key, builder.build()));
        transactions.executeWithoutResult(status -> {
            jdbc.sql("delete from insight_profile").update();
            Timestamp at = Timestamp.from(now);
            curves.forEach((key, curve) -> {
                String[] parts = key.split("\\|", 3);
                jdbc.sql("""
                        insert into insight_profile (type_code, node_code, org_path, cases, late_cases, survival, computed_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                        .params(parts[0], parts[1], parts[2], curve.cases(), curve.lateCases(), curve.encoded(), at).update();
            });
        });
        profiles = new Profiles(Map.copyOf(curves), now);
        return curves.size();
    }

    private void observe(Map<String, SurvivalCurve.Builder> builders, NodeDeadline node, Instant now) {
        double used = used(node, now);
        boolean late = late(node, now);
        for (String key : List.of(key(node.typeCode(), node.nodeCode(), stationPath(node.orgPath())), key(node.typeCode(), node.nodeCode(), ANY),
                key(ANY, node.nodeCode(), ANY))) {
            SurvivalCurve.Builder builder = builders.computeIfAbsent(key, k -> SurvivalCurve.builder());
            if (node.open()) {
                builder.open(used, late);
            } else {
                builder.finished(used, late);
            }
        }
    }

    /** The share of its limit a node has used: from reached to done (or to now; a paused clock stands still). */
    static double used(NodeDeadline node, Instant now) {
        Instant until = node.completedAt() != null ? node.completedAt() : node.pausedSince() != null ? node.pausedSince() : now;
        long allowed = Duration.between(node.reachedAt(), node.dueAt()).toSeconds();
        long taken = Math.max(0, Duration.between(node.reachedAt(), until).toSeconds());
        if (allowed <= 0) {
            return until.isAfter(node.dueAt()) ? 2 : 0;
        }
        return (double) taken / allowed;
    }

    /** Late: finished after the deadline, or red at any time (a moved deadline does not undo it), or past it now. */
    static boolean late(NodeDeadline node, Instant now) {
        Instant until = node.completedAt() != null ? node.completedAt() : node.pausedSince() != null ? node.pausedSince() : now;
        return node.turnedRedAt() != null || node.locked() || until.isAfter(node.dueAt());
    }

    Profiles profiles() {
        Profiles current = profiles;
        if (current == null) {
            Map<String, SurvivalCurve> curves = new HashMap<>();
            List<Instant> at = new ArrayList<>();
            jdbc.sql("select type_code, node_code, org_path, cases, late_cases, survival, computed_at from insight_profile")
                    .query(rs -> {
                        curves.put(key(rs.getString(1), rs.getString(2), rs.getString(3)),
                                SurvivalCurve.decoded(rs.getString(6), rs.getInt(4), rs.getInt(5)));
                        at.add(rs.getTimestamp(7).toInstant());
                    });
            current = new Profiles(Map.copyOf(curves), at.stream().min(Instant::compareTo).orElse(null));
            profiles = current;
        }
        return current;
    }

    /** The history a node's forecast rests on: the station's when it has enough cases, else the company's. */
    private record Chosen(Basis basis, SurvivalCurve curve) {
    }

    private Chosen curveFor(String typeCode, String nodeCode, String orgPath) {
        Profiles all = profiles();
        SurvivalCurve station = all.get(typeCode, nodeCode, stationPath(orgPath));
        if (station != null && station.cases() >= properties.minCases()) {
            return new Chosen(Basis.STATION, station);
        }
        SurvivalCurve company = all.get(typeCode, nodeCode, ANY);
        if (company != null && company.cases() >= properties.minCases()) {
            return new Chosen(Basis.COMPANY, company);
        }
        SurvivalCurve node = all.get(ANY, nodeCode, ANY);
        if (node != null && node.cases() >= properties.minCases()) {
            return new Chosen(Basis.NODE, node);
        }
        return new Chosen(Basis.NONE, null);
    }

    /**
     * The path of the supply station an order belongs to: an order carries the path of the team that accepted
     * it, and the station is the deepest unit of kind station on it (the order's own path when there is none).
     */
    public String stationPath(String orgPath) {
        return stations.computeIfAbsent(orgPath, path -> {
            String station = path;
            for (String part : path.split("/")) {
                if (part.isEmpty()) {
                    continue;
                }
                try {
                    Optional<OrgUnit> unit = orgUnits.byId(Long.parseLong(part));
                    if (unit.isPresent() && unit.get().kind() == OrgUnit.Kind.STATION) {
                        station = unit.get().path();
                    }
                } catch (NumberFormatException e) {
                    return path;
                }
            }
            return station;
        });
    }

    /** The forecast of an open node now. */
    public NodeRisk assess(NodeDeadline node) {
        return assess(node, clock.instant());
    }

    NodeRisk assess(NodeDeadline node, Instant now) {
        double used = used(node, now);
        Chosen chosen = curveFor(node.typeCode(), node.nodeCode(), node.orgPath());
        double risk = late(node, now) ? 1 : chosen.curve() == null ? 0 : chosen.curve().lateGiven(used);
        return new NodeRisk(node.id(), node.orderId(), node.orderNo(), node.typeCode(), node.nodeCode(), node.orgPath(),
                node.handler(), node.dueAt(), risk, used, chosen.basis(), chosen.curve() == null ? 0 : chosen.curve().cases(),
                chosen.curve() == null ? 0 : chosen.curve().lateShare(), limitOf(node.typeCode(), node.typeVersion(), node.nodeCode()));
    }

    /** The same for a member of staff: an order outside their org scope is not found. */
    public Optional<OrderRisk> ofOrder(long orderId, org.yekuo.identity.CurrentUser user) {
        deadlines.ofOrder(orderId, user);
        return ofOrder(orderId);
    }

    /** The forecast of an open order; empty when the order has no open node with a deadline. */
    public Optional<OrderRisk> ofOrder(long orderId) {
        Instant now = clock.instant();
        List<NodeDeadline> open = deadlines.ofOrder(orderId).stream().filter(NodeDeadline::open).toList();
        if (open.isEmpty()) {
            return Optional.empty();
        }
        List<NodeRisk> nodes = open.stream().map(n -> assess(n, now)).toList();
        double onTime = nodes.stream().mapToDouble(n -> 1 - n.risk()).reduce(1, (a, b) -> a * b);
        boolean informed = nodes.stream().anyMatch(n -> n.basis() != Basis.NONE || n.risk() >= 1);
        NodeDeadline first = open.get(0);
        int ahead = 0;
        Optional<BusinessTypeDefinition> plan = plan(first.typeCode(), first.typeVersion());
        if (plan.isPresent()) {
            int furthest = open.stream().mapToInt(n -> plan.get().positionOf(KeyNode.valueOf(n.nodeCode()))).max().orElse(-1);
            List<NodeDefinition> all = plan.get().nodes();
            for (int i = furthest + 1; i < all.size(); i++) {
                Chosen chosen = curveFor(first.typeCode(), all.get(i).node().name(), first.orgPath());
                onTime *= 1 - (chosen.curve() == null ? 0 : chosen.curve().lateShare());
                informed |= chosen.curve() != null;
                ahead++;
            }
        }
        return Optional.of(new OrderRisk(orderId, 1 - onTime, nodes, ahead, informed));
    }

    /** The node's limit in its order's catalogue version. */
    Optional<TimeLimit> limitOf(NodeDeadline node) {
        return Optional.ofNullable(limitOf(node.typeCode(), node.typeVersion(), node.nodeCode()));
    }

    /** A row of {@code insight_node_risk}; its limit is the current catalogue version's. */
    NodeRisk fromRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        String type = rs.getString("type_code");
        String node = rs.getString("node_code");
        return new NodeRisk(rs.getLong("deadline_id"), rs.getLong("order_id"), rs.getString("order_no"), type, node,
                rs.getString("org_path"), rs.getString("handler"), rs.getTimestamp("due_at").toInstant(), rs.getDouble("risk"),
                rs.getDouble("used"), Basis.valueOf(rs.getString("basis")), rs.getInt("cases"), rs.getDouble("late_share"),
                limitOf(type, 0, node));
    }

    private Optional<BusinessTypeDefinition> plan(String typeCode, int typeVersion) {
        return typeVersion > 0 ? Optional.of(catalogue.version(typeCode, typeVersion)) : catalogue.findCurrent(typeCode);
    }

    private TimeLimit limitOf(String typeCode, int typeVersion, String nodeCode) {
        if (java.util.Arrays.stream(KeyNode.values()).noneMatch(k -> k.name().equals(nodeCode))) {
            return null;
        }
        return plan(typeCode, typeVersion).flatMap(p -> p.limitOf(KeyNode.valueOf(nodeCode))).orElse(null);
    }
}
