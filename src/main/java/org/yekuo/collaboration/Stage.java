package org.yekuo.collaboration;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The 8 stages of a connection that the responsibility chart speaks of (《岗位协作流程图》, R-COL-4), each
 * gathering the process nodes done in it; the materials stage also holds the stock steps between design
 * and supply works. A stage's name is the message {@code collaboration.stage.<CODE>}.
 */
public enum Stage {
    ACCEPTANCE("ACCEPTANCE"),
    SURVEY("SITE_SURVEY"),
    SCHEME("SCHEME_DESIGN", "SCHEME_REVIEW", "SCHEME_REPLY"),
    DESIGN_REVIEW("DESIGN_REVIEW"),
    MATERIALS("SUPPLY_WORKS"),
    CONSTRUCTION("INTERMEDIATE_INSPECTION"),
    COMPLETION("COMPLETION_ACCEPTANCE"),
    POWER_ON("CONTRACT", "METER_INSTALLATION", "POWER_ON");

    private final List<String> nodeCodes;

    Stage(String... nodeCodes) {
        this.nodeCodes = List.of(nodeCodes);
    }

    public List<String> nodeCodes() {
        return nodeCodes;
    }

    public String messageKey() {
        return "collaboration.stage." + name();
    }

    /** The stage a process node belongs to. */
    public static Optional<Stage> ofNode(String nodeCode) {
        return Arrays.stream(values()).filter(s -> s.nodeCodes.contains(nodeCode)).findFirst();
    }
}
