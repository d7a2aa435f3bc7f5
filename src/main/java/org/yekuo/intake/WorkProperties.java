package org.yekuo.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of node work ({@code yekuo.work.*}): how many days after today a date recorded at a node (a
 * reply, an inspection, power-on) may lie; 0 means no later than today.
 */
@ConfigurationProperties("yekuo.work")
record WorkProperties(@DefaultValue("0") int futureDateMarginDays) {
}
