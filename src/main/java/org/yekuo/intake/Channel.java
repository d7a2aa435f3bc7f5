package org.yekuo.intake;

/** How an application reached the utility: at a station's counter or online from the applicant's phone. */
enum Channel {
    COUNTER, ONLINE
}
