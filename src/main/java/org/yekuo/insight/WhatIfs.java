package org.yekuo.insight;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.catalogue.NodeDefinition;
import org.yekuo.catalogue.ProcessFamily;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.OrgUnit;
import org.yekuo.identity.OrgUnits;
import org.yekuo.identity.Role;
import org.yekuo.shared.DomainException;

/**
 * What-if simulation for leaders (R-SLA-9): change a node's time limit, a station's staffing per role or the share of
 * HV orders that take the dedicated-line path, and see the predicted on-time rate, queues and working days per node
 * for the next months, beside the same months without the change. The model is measured from the monthly aggregates
 * of the reader's scope (the last three complete months: arrivals per type and station, waiting and working times
 * per node, the people who signed for each role); the simulation itself is {@link Simulation}. Each answer also says
 * how well the model reproduced last month with its real staffing.
 */
@Service
@Transactional(readOnly = true)
public class WhatIfs {

    static final int MAX_MONTHS = 12;
    static final int BASE_MONTHS = 3;
    static final int MAX_STAFF = 500;
    static final int MAX_LIMIT_DAYS = 365;
    /** Runs per answer (with the same seeds for the measured situation and the scenario, so that they differ only by the change). */
    static final int RUNS = 4;
    /** A station's own times are used with at least this many cases of a node, else the scope's for the type, else the node's. */
    static final int MIN_CASES = 5;
    private static final String DEDICATED = "HV_DEDICATED_LINE";

    private final JdbcClient jdbc;
    private final Catalogue catalogue;
    private final OrgUnits orgUnits;
    private final ProcessTargets targets;
    private final WorkingDays workingDays;
    private final Clock clock;

    WhatIfs(JdbcClient jdbc, Catalogue catalogue, OrgUnits orgUnits, ProcessTargets targets, WorkingDays workingDays, Clock clock) {
        this.jdbc = jdbc;
        this.catalogue = catalogue;
        this.orgUnits = orgUnits;
        this.targets = targets;
        this.workingDays = workingDays;
        this.clock = clock;
    }

    /**
     * A scenario: the org unit (a station to change staffing), how many months ahead, new limits in working days by node,
     * staff by role at the station, and the dedicated-line share of HV orders in percent; each change optional.
     */
    public record Scenario(String orgCode, int months, Map<String, Integer> limits, Map<String, Integer> staff, Integer dedicatedSharePercent) {

        public Scenario {
            limits = limits == null ? Map.of() : Map.copyOf(limits);
            staff = staff == null ? Map.of() : Map.copyOf(staff);
        }
    }

    /** One month ahead: orders finished and the share on time, as measured now and with the change (low and high over the runs). */
    public record MonthForecast(String month, double ordersAsIs, double ordersWithChange, int onTimeAsIsPercent,
            int onTimeWithChangePercent, int onTimeWithChangeLowPercent, int onTimeWithChangeHighPercent) {
    }

    /** One node over the whole horizon: its limit, mean working days and share on time, as is and with the change. */
    public record NodeForecast(String nodeCode, double limitAsIs, double limitWithChange, double daysAsIs, double daysWithChange,
            int onTimeAsIsPercent, int onTimeWithChangePercent) {
    }

    /** One role's pools in the scope: people measured and in the scenario, mean nodes waiting to be signed for. */
    public record QueueForecast(String roles, int staffAsIs, int staffWithChange, double queueAsIs, double queueWithChange) {
    }

    /** How the model did on last month with its real staffing: its predicted on-time rate against the real one. */
    public record Validation(String month, long orders, int predictedPercent, int actualPercent) {

        public int differencePoints() {
            return Math.abs(predictedPercent - actualPercent);
        }
    }

    public record Result(String orgCode, String measuredFrom, String measuredTo, int dedicatedShareAsIsPercent,
            List<MonthForecast> months, List<NodeForecast> nodes, List<QueueForecast> queues, Validation validation,
            List<String> nodesWithoutHistory) {
    }

    /** Changes written as "CODE:number" (e.g. "DESIGN_REVIEW:12", "DESIGNER:3"), or a refusal naming the field. */
    public static Map<String, Integer> pairs(String field, List<String> values) {
        Map<String, Integer> pairs = new LinkedHashMap<>();
        for (String value : values == null ? List.<String>of() : values) {
            if (value == null || value.isBlank()) {
                continue;
            }
            int colon = value.indexOf(':');
            try {
                if (colon < 1) {
                    throw new NumberFormatException();
                }
                pairs.put(value.substring(0, colon).trim(), Integer.parseInt(value.substring(colon + 1).trim()));
            } catch (NumberFormatException e) {
                throw DomainException.invalid(field, "insight.whatif.pair-invalid", value.trim());
            }
        }
        return pairs;
    }

    public Result simulate(CurrentUser user, Scenario scenario) {
        if (scenario.months() < 1 || scenario.months() > MAX_MONTHS) {
            throw DomainException.invalid("months", "insight.whatif.months-invalid", scenario.months(), MAX_MONTHS);
        }
        scenario.limits().forEach((node, days) -> {
            if (Arrays.stream(KeyNode.values()).noneMatch(k -> k.name().equals(node))) {
                throw DomainException.invalid("limit", "insight.whatif.node-unknown", node);
            }
            if (days == null || days < 1 || days > MAX_LIMIT_DAYS) {
                throw DomainException.invalid("limit", "insight.whatif.limit-invalid", String.valueOf(days), MAX_LIMIT_DAYS);
            }
        });
        scenario.staff().forEach((role, count) -> {
            if (Arrays.stream(Role.values()).noneMatch(r -> r.name().equals(role))) {
                throw DomainException.invalid("staff", "insight.whatif.role-unknown", role);
            }
            if (count == null || count < 1 || count > MAX_STAFF) {
                throw DomainException.invalid("staff", "insight.whatif.staff-invalid", String.valueOf(count), MAX_STAFF);
            }
        });
        Integer share = scenario.dedicatedSharePercent();
        if (share != null && (share < 0 || share > 100)) {
            throw DomainException.invalid("dedicatedShare", "insight.whatif.share-invalid", share);
        }
        OrgUnit unit = unitOf(user, scenario.orgCode());
        if (!scenario.staff().isEmpty() && unit.kind() != OrgUnit.Kind.STATION) {
            throw DomainException.invalid("staff", "insight.whatif.staff-needs-station", unit.code());
        }
        String scope = unit.scope().likePattern();
        ZoneId zone = clock.getZone();
        YearMonth current = YearMonth.now(clock);
        YearMonth from = current.minusMonths(BASE_MONTHS);
        YearMonth to = current.minusMonths(1);
        Measured measured = measure(scope, from, to);
        if (measured.arrivals.isEmpty()) {
            throw DomainException.invalid("org", "insight.whatif.empty", from.toString(), to.toString());
        }
        Map<String, Integer> staffAsIs = measured.staff;
        Map<String, Integer> staffWithChange = new HashMap<>(staffAsIs);
        scenario.staff().forEach((role, count) -> {
            List<String> pools = staffAsIs.keySet().stream().filter(k -> k.startsWith(unit.path() + "|") && roleOf(k).contains(role)).toList();
            if (pools.isEmpty()) {
                throw DomainException.invalid("staff", "insight.whatif.role-not-working", role, from.toString(), to.toString());
            }
            pools.forEach(pool -> staffWithChange.put(pool, count));
        });
        double shareAsIs = measured.dedicatedShare();
        if (share != null && measured.hvPerDay() <= 0) {
            throw DomainException.invalid("dedicatedShare", "insight.whatif.share-no-hv", from.toString(), to.toString());
        }

        Simulation.Model asIs = model(measured, Map.of(), staffAsIs, staffAsIs, null);
        Simulation.Model withChange = model(measured, scenario.limits(), staffAsIs, staffWithChange, share == null ? null : share / 100.0);

        YearMonth first = current.plusMonths(1);
        Simulation.Horizon horizon = horizon(first, scenario.months(), zone);
        List<Simulation.Outcome> runsAsIs = new ArrayList<>();
        List<Simulation.Outcome> runsWithChange = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            runsAsIs.add(Simulation.run(asIs, horizon, 23L + run));
            runsWithChange.add(Simulation.run(withChange, horizon, 23L + run));
        }
        List<MonthForecast> months = new ArrayList<>();
        for (int m = 0; m < scenario.months(); m++) {
            int month = m;
            double[] shares = runsWithChange.stream().mapToDouble(o -> o.onTimeShare(month)).filter(d -> !Double.isNaN(d)).toArray();
            months.add(new MonthForecast(first.plusMonths(m).toString(), mean(runsAsIs, o -> o.finished[month]),
                    mean(runsWithChange, o -> o.finished[month]), percent(pooled(runsAsIs, month)), percent(pooled(runsWithChange, month)),
                    percent(Arrays.stream(shares).min().orElse(Double.NaN)), percent(Arrays.stream(shares).max().orElse(Double.NaN))));
        }
        List<NodeForecast> nodes = new ArrayList<>();
        for (KeyNode node : KeyNode.values()) {
            String code = node.name();
            if (runsAsIs.stream().noneMatch(o -> o.nodeCounts.containsKey(code))) {
                continue;
            }
            nodes.add(new NodeForecast(code, measured.limitOf(code, Map.of()), measured.limitOf(code, scenario.limits()),
                    mean(runsAsIs, o -> o.meanNodeDays(code)), mean(runsWithChange, o -> o.meanNodeDays(code)),
                    percent(mean(runsAsIs, o -> o.nodeOnTimeShare(code))), percent(mean(runsWithChange, o -> o.nodeOnTimeShare(code)))));
        }
        Map<String, double[]> byRole = new TreeMap<>();
        for (String pool : asIs.pools().keySet()) {
            double[] row = byRole.computeIfAbsent(roleOf(pool), k -> new double[4]);
            row[0] += staffAsIs.getOrDefault(pool, 0);
            row[1] += staffWithChange.getOrDefault(pool, 0);
            row[2] += mean(runsAsIs, o -> o.meanQueue(pool));
            row[3] += mean(runsWithChange, o -> o.meanQueue(pool));
        }
        List<QueueForecast> queues = new ArrayList<>();
        byRole.forEach((roles, row) -> queues.add(new QueueForecast(roles, (int) row[0], (int) row[1], round1(row[2]), round1(row[3]))));
        return new Result(unit.code(), from.toString(), to.toString(), percent(shareAsIs), months, nodes, queues,
                validate(scope, current.minusMonths(1), zone), List.copyOf(measured.withoutHistory));
    }

    /**
     * Simulates {@code month} from its own arrivals, times and staffing (after a warm-up at the same rates) and compares
     * the on-time rate of the orders it finishes with the real one; empty when no order finished in the month.
     */
    Validation validate(String scope, YearMonth month, ZoneId zone) {
        long[] real = new long[2];
        jdbc.sql("select orders, on_time from insight_order_month where period_month = ? and station_path like ?")
                .params(Date.valueOf(month.atDay(1)), scope).query(rs -> {
                    real[0] += rs.getInt(1);
                    real[1] += rs.getInt(2);
                });
        if (real[0] == 0) {
            return null;
        }
        Measured measured = measure(scope, month, month);
        if (measured.arrivals.isEmpty()) {
            return null;
        }
        Simulation.Model model = model(measured, Map.of(), measured.staff, measured.staff, null);
        Simulation.Horizon horizon = horizon(month, 1, zone);
        long finished = 0;
        long onTime = 0;
        for (int run = 0; run < RUNS; run++) {
            Simulation.Outcome outcome = Simulation.run(model, horizon, 23L + run);
            finished += outcome.finished[0];
            onTime += outcome.onTime[0];
        }
        int predicted = finished == 0 ? 0 : percent((double) onTime / finished);
        return new Validation(month.toString(), real[0], predicted, percent((double) real[1] / real[0]));
    }

    /** Months on the simulation's clock: three months of warm-up, then the months ahead, each as long as its working days. */
    private Simulation.Horizon horizon(YearMonth first, int months, ZoneId zone) {
        double warmUp = 0;
        for (int i = 1; i <= BASE_MONTHS; i++) {
            warmUp += workingDaysOf(first.minusMonths(i), zone);
        }
        double[] starts = new double[months + 1];
        starts[0] = warmUp;
        for (int m = 0; m < months; m++) {
            starts[m + 1] = starts[m] + workingDaysOf(first.plusMonths(m), zone);
        }
        return new Simulation.Horizon(warmUp, starts);
    }

    private double workingDaysOf(YearMonth month, ZoneId zone) {
        return workingDays.between(month.atDay(1).atStartOfDay(zone).toInstant(), month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant(),
                zone);
    }

    /** What the aggregates of the scope say about the months {@code from} to {@code to}. */
    private final class Measured {
        /** Orders per working day by "type|station". */
        final Map<String, Double> arrivals = new LinkedHashMap<>();
        /** Times by "type|station|node", "type|*|node" and "*|*|node"; roles by "type|station|node". */
        final Map<String, Histogram[]> times = new HashMap<>();
        final Map<String, Map<String, Integer>> roles = new HashMap<>();
        /** People by pool "station|roles": the most seen in one month. */
        final Map<String, Integer> staff = new HashMap<>();
        final List<String> withoutHistory = new ArrayList<>();

        double hvPerDay() {
            return arrivals.entrySet().stream().filter(e -> family(typeOf(e.getKey())) == ProcessFamily.HV).mapToDouble(Map.Entry::getValue)
                    .sum();
        }

        double dedicatedShare() {
            double hv = hvPerDay();
            return hv <= 0 ? 0 : arrivals.entrySet().stream().filter(e -> typeOf(e.getKey()).equals(DEDICATED)).mapToDouble(Map.Entry::getValue)
                    .sum() / hv;
        }

        double limitOf(String node, Map<String, Integer> changed) {
            if (changed.containsKey(node)) {
                return changed.get(node);
            }
            // The limit of the node in the business type with most orders in the scope that uses it.
            return arrivals.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .map(e -> catalogue.findCurrent(typeOf(e.getKey())))
                    .flatMap(Optional::stream)
                    .map(t -> t.limitOf(KeyNode.valueOf(node)))
                    .flatMap(Optional::stream)
                    .map(Bottlenecks::limitDays).findFirst().orElse(0.0);
        }
    }

    private Measured measure(String scope, YearMonth from, YearMonth to) {
        Measured measured = new Measured();
        ZoneId zone = clock.getZone();
        double days = 0;
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            days += workingDaysOf(m, zone);
        }
        double period = days;
        Map<String, Object> params = Map.of("from", Date.valueOf(from.atDay(1)), "to", Date.valueOf(to.atDay(1)), "scope", scope);
        jdbc.sql("""
                select type_code, station_path, from_node, to_node, roles, cases, timed_cases, waiting_hist, working_hist, total_hist
                  from insight_flow_month where period_month >= :from and period_month <= :to and station_path like :scope""")
                .params(params).query(rs -> {
                    String type = rs.getString(1);
                    String station = rs.getString(2);
                    String node = rs.getString(4);
                    int cases = rs.getInt(6);
                    if (FlowAggregates.START.equals(rs.getString(3))) {
                        measured.arrivals.merge(type + "|" + station, cases / period, Double::sum);
                    }
                    measured.roles.computeIfAbsent(type + "|" + station + "|" + node, k -> new HashMap<>()).merge(rs.getString(5), cases,
                            Integer::sum);
                    Histogram waiting = Histogram.decoded(rs.getString(8));
                    Histogram working = Histogram.decoded(rs.getString(9));
                    Histogram total = Histogram.decoded(rs.getString(10));
                    boolean timed = rs.getInt(7) > 0;
                    for (String key : List.of(type + "|" + station + "|" + node, type + "|*|" + node, "*|*|" + node)) {
                        Histogram[] h = measured.times.computeIfAbsent(key, k -> new Histogram[] {new Histogram(), new Histogram(), new Histogram()});
                        // Without a sign-for time the whole node counts as work: nothing is known of its wait.
                        h[0].merge(timed ? waiting : new Histogram());
                        h[1].merge(timed ? working : total);
                        h[2].merge(total);
                    }
                });
        jdbc.sql("""
                select station_path, roles, max(handlers) from insight_staff_month
                 where period_month >= :from and period_month <= :to and station_path like :scope group by station_path, roles""")
                .params(params).query(rs -> {
                    measured.staff.put(rs.getString(1) + "|" + rs.getString(2), Math.max(1, rs.getInt(3)));
                });
        return measured;
    }

    /** The simulation model of the measured situation, with new limits, staff and dedicated-line share where given. */
    private Simulation.Model model(Measured measured, Map<String, Integer> limits, Map<String, Integer> staffAsIs,
            Map<String, Integer> staff, Double dedicatedShare) {
        Map<String, Double> arrivals = new LinkedHashMap<>(measured.arrivals);
        if (dedicatedShare != null) {
            arrivals = reshared(arrivals, dedicatedShare);
        }
        List<Simulation.Arrivals> streams = new ArrayList<>();
        Map<String, Double> poolLoad = new HashMap<>();
        Map<String, Double> poolLoadAsIs = new HashMap<>();
        for (Map.Entry<String, Double> e : arrivals.entrySet()) {
            Simulation.Plan plan = plan(measured, typeOf(e.getKey()), stationOf(e.getKey()), limits);
            streams.add(new Simulation.Arrivals(plan, e.getValue()));
            plan.steps().forEach(step -> poolLoad.merge(step.pool(), e.getValue(), Double::sum));
        }
        for (Map.Entry<String, Double> e : measured.arrivals.entrySet()) {
            plan(measured, typeOf(e.getKey()), stationOf(e.getKey()), Map.of()).steps()
                    .forEach(step -> poolLoadAsIs.merge(step.pool(), e.getValue(), Double::sum));
        }
        Map<String, Simulation.Pool> pools = new HashMap<>();
        poolLoad.forEach((pool, perDay) -> {
            int measuredStaff = staffAsIs.getOrDefault(pool, 1);
            pools.put(pool, new Simulation.Pool(pool, Simulation.Pool.factor(poolLoadAsIs.getOrDefault(pool, perDay), measuredStaff, perDay,
                    staff.getOrDefault(pool, measuredStaff))));
        });
        return new Simulation.Model(streams, pools);
    }

    /** HV arrivals of each station split anew: the dedicated line takes the share, the other HV types the rest in their proportions. */
    private Map<String, Double> reshared(Map<String, Double> arrivals, double share) {
        Map<String, Double> result = new LinkedHashMap<>(arrivals);
        Map<String, Double> hvByStation = new HashMap<>();
        Map<String, Double> dedicatedByStation = new HashMap<>();
        arrivals.forEach((key, perDay) -> {
            if (family(typeOf(key)) == ProcessFamily.HV) {
                hvByStation.merge(stationOf(key), perDay, Double::sum);
                if (typeOf(key).equals(DEDICATED)) {
                    dedicatedByStation.merge(stationOf(key), perDay, Double::sum);
                }
            }
        });
        hvByStation.forEach((station, hv) -> {
            double others = hv - dedicatedByStation.getOrDefault(station, 0.0);
            if (others <= 0 && share < 1) {
                return;
            }
            double scale = others <= 0 ? 0 : hv * (1 - share) / others;
            arrivals.forEach((key, perDay) -> {
                if (stationOf(key).equals(station) && family(typeOf(key)) == ProcessFamily.HV && !typeOf(key).equals(DEDICATED)) {
                    result.put(key, perDay * scale);
                }
            });
            result.put(DEDICATED + "|" + station, hv * share);
        });
        return result;
    }

    private Simulation.Plan plan(Measured measured, String type, String station, Map<String, Integer> limits) {
        Optional<BusinessTypeDefinition> definition = catalogue.findCurrent(type);
        List<Simulation.Step> steps = new ArrayList<>();
        if (definition.isEmpty()) {
            return new Simulation.Plan(type, station, steps, false, Double.MAX_VALUE);
        }
        for (NodeDefinition node : definition.get().nodes()) {
            String code = node.node().name();
            Histogram[] times = null;
            for (String key : List.of(type + "|" + station + "|" + code, type + "|*|" + code, "*|*|" + code)) {
                Histogram[] candidate = measured.times.get(key);
                if (candidate != null && candidate[2].total() >= MIN_CASES) {
                    times = candidate;
                    break;
                }
            }
            if (times == null) {
                times = measured.times.get("*|*|" + code);
            }
            if (times == null) {
                if (!measured.withoutHistory.contains(code)) {
                    measured.withoutHistory.add(code);
                }
                times = new Histogram[] {new Histogram(), new Histogram(), new Histogram()};
            }
            String roles = Optional.ofNullable(measured.roles.get(type + "|" + station + "|" + code))
                    .or(() -> measured.roles.entrySet().stream().filter(e -> e.getKey().endsWith("|" + code)).map(Map.Entry::getValue).findFirst())
                    .flatMap(r -> r.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)).orElse("");
            double limit = limits.containsKey(code) ? limits.get(code) : Bottlenecks.limitDays(node.limit());
            steps.add(new Simulation.Step(code, station + "|" + roles, new Simulation.Durations(times[0]), new Simulation.Durations(times[1]),
                    limit, ProcessTargets.assessed(definition.get(), code)));
        }
        return new Simulation.Plan(type, station, steps, targets.nodeByNode(definition.get()), targets.target(type).orElse(Integer.MAX_VALUE));
    }

    private OrgUnit unitOf(CurrentUser user, String orgCode) {
        List<OrgUnit> visible = orgUnits.within(user.scope());
        if (orgCode == null || orgCode.isBlank()) {
            return visible.stream().min((a, b) -> Integer.compare(a.depth(), b.depth()))
                    .orElseThrow(() -> DomainException.forbidden("insight.whatif.org-not-visible", ""));
        }
        return visible.stream().filter(u -> u.code().equals(orgCode.trim())).findFirst()
                // Whether it exists elsewhere is not the reader's business: it is not theirs to simulate.
                .orElseThrow(() -> DomainException.forbidden("insight.whatif.org-not-visible", orgCode.trim()));
    }

    private ProcessFamily family(String type) {
        return catalogue.findCurrent(type).map(BusinessTypeDefinition::family).orElse(ProcessFamily.LV);
    }

    private static String typeOf(String key) {
        return key.substring(0, key.indexOf('|'));
    }

    private static String stationOf(String key) {
        return key.substring(key.indexOf('|') + 1);
    }

    static String roleOf(String pool) {
        return pool.substring(pool.lastIndexOf('|') + 1);
    }

    private static double pooled(List<Simulation.Outcome> runs, int month) {
        long finished = 0;
        long onTime = 0;
        for (Simulation.Outcome o : runs) {
            finished += o.finished[month];
            onTime += o.onTime[month];
        }
        return finished == 0 ? Double.NaN : (double) onTime / finished;
    }

    private static double mean(List<Simulation.Outcome> runs, java.util.function.ToDoubleFunction<Simulation.Outcome> value) {
        double[] values = runs.stream().mapToDouble(value).filter(d -> !Double.isNaN(d)).toArray();
        return values.length == 0 ? 0 : round1(Arrays.stream(values).average().orElse(0));
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static int percent(double share) {
        return Double.isNaN(share) ? 0 : (int) Math.round(share * 100);
    }
}
