package org.yekuo.insight;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import org.apache.commons.math3.distribution.EnumeratedRealDistribution;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * A discrete-event simulation of orders through their nodes, on a clock of working days (see ADR 0014). Orders of
 * each business type arrive at each station as a Poisson stream at the measured rate; each node of the type's plan
 * waits to be signed for and is then worked, both times drawn from the measured distributions of that type, node
 * and station. A node is signed for by a pool of staff (a role at a station): its wait is the measured wait scaled by
 * the pool's load per person (nodes arriving per person and day) against the load per person measured, so that
 * fewer hands or more orders lengthen the wait and more hands shorten it, while the measured situation reproduces
 * the measured waits. Queue lengths are the nodes waiting to be signed for, looked at once a working day. Pure and
 * seeded: the same model and seed give the same result.
 */
final class Simulation {

    /** A wait never shrinks below a quarter of what was measured, nor grows beyond eight times. */
    static final double MIN_FACTOR = 0.25;
    static final double MAX_FACTOR = 8;

    /** Durations of one node in working days, drawn from a measured histogram (or always 0 when none). */
    static final class Durations {
        private final double[] values;
        private final double[] weights;

        Durations(Histogram histogram) {
            List<Double> v = new ArrayList<>();
            List<Double> w = new ArrayList<>();
            histogram.forEachBin((middle, count) -> {
                v.add(middle);
                w.add((double) count);
            });
            values = v.stream().mapToDouble(Double::doubleValue).toArray();
            weights = w.stream().mapToDouble(Double::doubleValue).toArray();
        }

        boolean empty() {
            return values.length == 0;
        }

        EnumeratedRealDistribution distribution(RandomGenerator random) {
            return empty() ? null : new EnumeratedRealDistribution(random, values, weights);
        }
    }

    /** One node of a plan: the pool that signs for it, its measured times, its limit, and whether the State Grid assesses it. */
    record Step(String nodeCode, String pool, Durations waiting, Durations working, double limitDays, boolean assessed) {
    }

    /** How orders of a type at a station run: the steps in order, and how the order is judged. */
    record Plan(String typeCode, String station, List<Step> steps, boolean nodeByNode, double targetDays) {
    }

    /** Orders of a plan arriving at {@code perDay} per working day. */
    record Arrivals(Plan plan, double perDay) {
    }

    /** A pool of staff, and how much longer (above 1) or shorter its waits are in the scenario than measured. */
    record Pool(String key, double waitFactor) {

        /** The factor of a scenario's load per person against the measured one, kept within its bounds. */
        static double factor(double measuredPerDay, int measuredStaff, double perDay, int staff) {
            if (measuredPerDay <= 0 || measuredStaff <= 0 || staff <= 0) {
                return 1;
            }
            double ratio = (perDay / staff) / (measuredPerDay / measuredStaff);
            return Math.max(MIN_FACTOR, Math.min(MAX_FACTOR, ratio));
        }
    }

    record Model(List<Arrivals> arrivals, Map<String, Pool> pools) {
    }

    /** Month boundaries on the simulation clock: month i runs from {@code starts[i]} to {@code starts[i + 1]}. */
    record Horizon(double warmUpDays, double[] starts) {

        int months() {
            return starts.length - 1;
        }

        int monthOf(double time) {
            for (int i = 0; i < months(); i++) {
                if (time >= starts[i] && time < starts[i + 1]) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** What one run saw, by month of the horizon (node and pool figures over the whole horizon). */
    static final class Outcome {
        final long[] finished;
        final long[] onTime;
        final Map<String, double[]> nodeDays = new HashMap<>();
        final Map<String, long[]> nodeCounts = new HashMap<>();
        final Map<String, double[]> poolQueue = new HashMap<>();
        final Map<String, long[]> poolSamples = new HashMap<>();

        Outcome(int months) {
            finished = new long[months];
            onTime = new long[months];
        }

        /** The share of orders finished in month i that were on time; NaN when none finished. */
        double onTimeShare(int month) {
            return finished[month] == 0 ? Double.NaN : (double) onTime[month] / finished[month];
        }

        long finishedTotal() {
            long total = 0;
            for (long f : finished) {
                total += f;
            }
            return total;
        }

        double onTimeShareTotal() {
            long f = 0;
            long o = 0;
            for (int i = 0; i < finished.length; i++) {
                f += finished[i];
                o += onTime[i];
            }
            return f == 0 ? Double.NaN : (double) o / f;
        }

        double meanNodeDays(String node) {
            double[] d = nodeDays.get(node);
            long[] c = nodeCounts.get(node);
            return d == null || c[0] == 0 ? Double.NaN : d[0] / c[0];
        }

        double nodeOnTimeShare(String node) {
            long[] c = nodeCounts.get(node);
            return c == null || c[0] == 0 ? Double.NaN : (double) c[1] / c[0];
        }

        double meanQueue(String pool) {
            double[] q = poolQueue.get(pool);
            long[] n = poolSamples.get(pool);
            return q == null || n[0] == 0 ? 0 : q[0] / n[0];
        }
    }

    private enum Kind {
        ARRIVE, SIGN, DONE, SAMPLE
    }

    private record Event(double time, long sequence, Kind kind, OrderRun order, Arrivals arrivals) {
    }

    private static final class OrderRun {
        final Plan plan;
        final double arrived;
        int step;
        double reached;
        double signed;
        boolean allAssessedOnTime = true;

        OrderRun(Plan plan, double arrived) {
            this.plan = plan;
            this.arrived = arrived;
        }
    }

    private static final class PoolState {
        final Pool pool;
        int waiting;

        PoolState(Pool pool) {
            this.pool = pool;
        }
    }

    private final Model model;
    private final Horizon horizon;
    private final RandomGenerator random;
    private final Map<String, PoolState> pools = new HashMap<>();
    private final Map<Step, EnumeratedRealDistribution[]> draws = new HashMap<>();
    private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.time() != b.time() ? Double.compare(a.time(), b.time())
            : Long.compare(a.sequence(), b.sequence()));
    private long sequence;

    private Simulation(Model model, Horizon horizon, long seed) {
        this.model = model;
        this.horizon = horizon;
        this.random = new Well19937c(seed);
        model.pools().forEach((key, pool) -> pools.put(key, new PoolState(pool)));
    }

    /** Runs the model from time 0 (the warm-up's start) to the horizon's end. */
    static Outcome run(Model model, Horizon horizon, long seed) {
        return new Simulation(model, horizon, seed).run();
    }

    private Outcome run() {
        Outcome outcome = new Outcome(horizon.months());
        double end = horizon.starts()[horizon.months()];
        for (Arrivals arrivals : model.arrivals()) {
            if (arrivals.perDay() > 0) {
                schedule(next(arrivals), Kind.ARRIVE, null, arrivals);
            }
        }
        // The queues are looked at once a working day, at noon, for their mean length.
        for (double day = Math.ceil(horizon.warmUpDays()) + 0.5; day < end; day++) {
            schedule(day, Kind.SAMPLE, null, null);
        }
        while (!events.isEmpty()) {
            Event event = events.poll();
            if (event.time() >= end) {
                break;
            }
            switch (event.kind()) {
                case ARRIVE -> {
                    OrderRun order = new OrderRun(event.arrivals().plan(), event.time());
                    reach(order, event.time());
                    schedule(event.time() + next(event.arrivals()), Kind.ARRIVE, null, event.arrivals());
                }
                case SIGN -> sign(event.order(), event.time());
                case DONE -> done(event.order(), event.time(), outcome);
                case SAMPLE -> pools.forEach((key, state) -> {
                    outcome.poolQueue.computeIfAbsent(key, k -> new double[1])[0] += state.waiting;
                    outcome.poolSamples.computeIfAbsent(key, k -> new long[1])[0]++;
                });
            }
        }
        return outcome;
    }

    private double next(Arrivals arrivals) {
        return new ExponentialDistribution(random, 1 / arrivals.perDay()).sample();
    }

    private void reach(OrderRun order, double now) {
        Step step = order.plan.steps().get(order.step);
        PoolState pool = pools.get(step.pool());
        order.reached = now;
        pool.waiting++;
        double wait = draw(step, 0) * pool.pool.waitFactor();
        schedule(now + wait, Kind.SIGN, order, null);
    }

    private void sign(OrderRun order, double now) {
        Step step = order.plan.steps().get(order.step);
        pools.get(step.pool()).waiting--;
        order.signed = now;
        schedule(now + draw(step, 1), Kind.DONE, order, null);
    }

    private void done(OrderRun order, double now, Outcome outcome) {
        Step step = order.plan.steps().get(order.step);
        double days = now - order.reached;
        boolean onTime = days <= step.limitDays();
        if (step.assessed() && !onTime) {
            order.allAssessedOnTime = false;
        }
        if (now >= horizon.warmUpDays()) {
            outcome.nodeDays.computeIfAbsent(step.nodeCode(), k -> new double[1])[0] += days;
            long[] counts = outcome.nodeCounts.computeIfAbsent(step.nodeCode(), k -> new long[2]);
            counts[0]++;
            counts[1] += onTime ? 1 : 0;
        }
        order.step++;
        if (order.step < order.plan.steps().size()) {
            reach(order, now);
            return;
        }
        int month = horizon.monthOf(now);
        if (month >= 0) {
            boolean orderOnTime = order.plan.nodeByNode() ? order.allAssessedOnTime : now - order.arrived <= order.plan.targetDays();
            outcome.finished[month]++;
            outcome.onTime[month] += orderOnTime ? 1 : 0;
        }
    }

    /** A waiting (0) or working (1) time of the step; 0 when nothing was measured. */
    private double draw(Step step, int which) {
        EnumeratedRealDistribution[] pair = draws.computeIfAbsent(step, s -> new EnumeratedRealDistribution[] {
                s.waiting().distribution(random), s.working().distribution(random)});
        return pair[which] == null ? 0 : pair[which].sample();
    }

    private void schedule(double time, Kind kind, OrderRun order, Arrivals arrivals) {
        events.add(new Event(time, sequence++, kind, order, arrivals));
    }
}
