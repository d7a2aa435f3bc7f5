package org.yekuo;

import java.util.TimeZone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.yekuo.shared.ClockConfiguration;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class YekuoApplication {

    public static void main(String[] args) {
        useUtilityZone();
        SpringApplication.run(YekuoApplication.class, args);
    }

    /**
     * Pages ({@code #times}), exports and database sessions show times in the JVM's default zone: make
     * it the utility's, or a server kept on UTC shows every time eight hours early.
     */
    static void useUtilityZone() {
        TimeZone.setDefault(TimeZone.getTimeZone(ClockConfiguration.UTILITY_ZONE));
    }
}
