package org.yekuo.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yekuo.workflow.WorkItem;

/**
 * One node of a chaos run, in its own JVM so that the run can kill it with {@code kill -9}: Yekuo on the run's
 * database, and counter and field staff working on it from a few threads. They accept orders (some leaving their
 * deferred materials for later, so those orders wait), supply what orders wait for, and work open tasks of any open
 * order, also those a killed node left half done, and release the overdue locks of the orders they take up (the
 * handler explains, the leader approves a new deadline). The handler of one order in four lets it wait until it is
 * locked. With the run's {@link ChaosClock} time limits pass within
 * the run, so the deadline sweep reminds, warns and locks meanwhile. Each accepted order is written to the node's journal after its
 * transaction committed, so the run can tell whether an order the product confirmed went missing. Once the run's
 * {@code drain} file exists, no new orders are accepted and the open ones are worked to power-on.
 * <p>
 * Staff take a new order only while fewer than {@code open-cap} orders are open, as a counter that keeps pace with
 * its field teams would. Arguments: database URL, server port, run directory, node name, threads, seed, open-cap.
 */
public final class ChaosNode {

    private ChaosNode() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int port = Integer.parseInt(args[1]);
        Path runDirectory = Path.of(args[2]);
        String name = args[3];
        int threads = Integer.parseInt(args[4]);
        long seed = Long.parseLong(args[5]);
        int openCap = Integer.parseInt(args[6]);
        ChaosClock clock = ChaosClock.fromSystemProperties();
        // The deadline sweep runs as in production (tests switch it off and run it by hand), but every 2 s instead of
        // every minute: a minute of real time is hours on a stepping clock.
        ConfigurableApplicationContext context = Benchmark.yekuoOn(url, "postgres", "postgres",
                        Map.of("yekuo.deadline.sweep-enabled", "true", "yekuo.deadline.sweep-interval", "2s"))
                .properties("server.port=" + port)
                .initializers(c -> {
                    if (clock != null) {
                        c.getBeanFactory().registerSingleton("clock", clock);
                    }
                })
                .run();
        System.out.println("product clock: " + context.getBean(Clock.class) + " now " + context.getBean(Clock.class).instant());
        Lifecycle lifecycle = new Lifecycle(context, NodeDrivers.forProduct(context));
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        Path journal = runDirectory.resolve(name + ".journal");
        Path drain = runDirectory.resolve("drain");
        for (int t = 0; t < threads; t++) {
            Random random = new Random(seed * 31 + t + System.nanoTime());
            Thread worker = new Thread(() -> work(lifecycle, jdbc, journal, drain, openCap, random), name + "-staff-" + t);
            worker.setDaemon(true);
            worker.start();
        }
        Files.writeString(runDirectory.resolve(name + ".up"), String.valueOf(ProcessHandle.current().pid()));
    }

    private static void work(Lifecycle lifecycle, JdbcClient jdbc, Path journal, Path drain, int openCap, Random random) {
        while (true) {
            try {
                if (!Files.exists(drain) && random.nextInt(3) == 0 && jdbc.sql("select count(*) from application"
                        + " where status in ('ACTIVE', 'SUSPENDED')").query(Long.class).single() < openCap) {
                    long id = lifecycle.acceptDeferring(Lifecycle.kindOf(random.nextInt(1000)));
                    record(journal, "accepted " + id);
                    if (random.nextInt(4) != 0) {
                        lifecycle.supplyOutstanding(id);
                    }
                    continue;
                }
                Optional<Long> open = jdbc.sql("select id from application where status in ('ACTIVE', 'SUSPENDED')"
                        + " order by random() limit 1").query(Long.class).optional();
                if (open.isEmpty()) {
                    Thread.sleep(200); // nothing open yet or any more: a member of staff waiting for work
                    continue;
                }
                if (random.nextInt(3) == 0) {
                    lifecycle.supplyOutstanding(open.get());
                }
                // One order in four has a handler who lets it wait until its node is overdue and locked, so that a
                // run locks and releases nodes however fast the machine works the others (R-SLA-4/5).
                if (open.get() % 4 == 0 && !Files.exists(drain) && !lifecycle.locked(open.get())) {
                    pause(random);
                    continue;
                }
                // An overdue order takes no work until its handler explained the delay and the leader approved.
                lifecycle.releaseLocks(open.get());
                List<WorkItem> items = lifecycle.openItems(open.get());
                for (WorkItem item : items) {
                    lifecycle.work(item);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException collision) {
                // Another member of staff (on this node or another) took the same task, an order waits for its
                // materials, or the database is away for a moment: as at a real counter, take the next piece of work.
                System.out.println("collision: " + collision.getClass().getSimpleName() + ": " + collision.getMessage());
                pause(random);
            }
        }
    }

    private static void record(Path journal, String line) {
        try {
            Files.writeString(journal, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void pause(Random random) {
        try {
            Thread.sleep(50 + random.nextInt(200));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
