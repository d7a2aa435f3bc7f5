package org.yekuo.shared;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Lets one node at a time start on a shared PostgreSQL database, from the engine's schema check to the end of the
 * start-up seeds. Nodes that start together on an empty database would otherwise each create the engine's tables,
 * deploy the processes and seed the demo organisation at the same moment, and all but one fail or leave doubles.
 * The lock is a session-level advisory lock on one connection, kept until this node is ready and given back with
 * the connection if the node dies; a node that waits longer than {@code yekuo.startup.lock-wait} gives up with the
 * reason. The embedded H2 serves one node and needs no lock.
 */
@Component
public class StartupLock implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(StartupLock.class);
    /** The advisory lock's key: "YEKUO" and a 1, so that no other use of advisory locks collides with it. */
    private static final long KEY = 0x59454B554F01L;

    private final DataSource dataSource;
    private final Duration wait;
    private Connection held;

    StartupLock(DataSource dataSource, @Value("${yekuo.startup.lock-wait:10m}") Duration wait) {
        this.dataSource = dataSource;
        this.wait = wait;
    }

    /** Waits until no other node is starting on this database, then holds the lock until this node is ready. */
    public synchronized void hold() {
        if (held != null) {
            return;
        }
        try {
            Connection connection = dataSource.getConnection();
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                connection.close();
                return;
            }
            Instant giveUp = Instant.now().plus(wait);
            boolean told = false;
            while (!tryLock(connection)) {
                if (Instant.now().isAfter(giveUp)) {
                    connection.close();
                    throw new IllegalStateException("Another node has been starting on this database for longer than "
                            + wait + " (yekuo.startup.lock-wait); this node does not start beside it");
                }
                if (!told) {
                    LOG.info("Another node is starting on this database; this node starts when it is ready");
                    told = true;
                }
                Thread.sleep(500);
            }
            held = connection;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take the start-up lock", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for another node to start", e);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void release() {
        if (held == null) {
            return;
        }
        try (Connection connection = held;
                PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
            unlock.setLong(1, KEY);
            unlock.execute();
        } catch (SQLException e) {
            // Closing the connection ends its session, which gives the lock back all the same.
            LOG.warn("The start-up lock was given back by closing its connection: {}", e.getMessage());
        } finally {
            held = null;
        }
    }

    @Override
    public void destroy() {
        release();
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            lock.setLong(1, KEY);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
