package org.yekuo.integration.internal;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Health and metrics answer on their own port, never beside the pages: by default the server's port plus
 * 1000 (8080 gives 9080), so that several instances on one host each get their own pair without
 * configuration; {@code management.server.port} sets it outright. A random server port gives a random one.
 */
public class ManagementPortDefault implements EnvironmentPostProcessor {

    static final int OFFSET = 1000;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("management.server.port")) {
            return;
        }
        int server = environment.getProperty("server.port", Integer.class, 8080);
        int management = server <= 0 ? 0 : server + OFFSET;
        environment.getPropertySources().addLast(new MapPropertySource("yekuoManagementPort",
                Map.of("management.server.port", management)));
    }
}
