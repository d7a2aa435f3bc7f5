package org.yekuo.insight;

import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.LimitSource;
import org.yekuo.catalogue.LimitUnit;
import org.yekuo.catalogue.NodeDefinition;
import org.yekuo.catalogue.ProcessFamily;

/**
 * The whole-process target of a business type in working days (R-SLA-9), and which nodes the State Grid rules
 * assess. Targets are the commonly cited national figures (residential 5, LV small and micro businesses 15, HV
 * single supply 22, dual supply 32 working days; unconfirmed, so {@code yekuo.insight.targets.<TYPE>} overrides
 * them); a type without one is held to the sum of its nodes' limits.
 */
@Component
class ProcessTargets {

    private static final Map<String, Integer> NATIONAL = Map.of(
            "LV_RES_NEW", 5, "LV_RES_INCREASE", 5,
            "LV_NONRES_NEW", 15, "LV_NONRES_INCREASE", 15,
            "HV_NEW_SINGLE", 22, "HV_INCREASE", 22,
            "HV_NEW_DUAL", 32, "HV_DEDICATED_LINE", 32);

    private final Catalogue catalogue;
    private final InsightProperties properties;

    ProcessTargets(Catalogue catalogue, InsightProperties properties) {
        this.catalogue = catalogue;
        this.properties = properties;
    }

    /** The target in working days; empty for a type the catalogue does not know. */
    Optional<Integer> target(String typeCode) {
        Integer configured = properties.targets().get(typeCode);
        if (configured != null) {
            return Optional.of(configured);
        }
        if (NATIONAL.containsKey(typeCode)) {
            return Optional.of(NATIONAL.get(typeCode));
        }
        return catalogue.findCurrent(typeCode).map(ProcessTargets::sumOfLimits);
    }

    private static int sumOfLimits(BusinessTypeDefinition type) {
        double days = 0;
        for (NodeDefinition node : type.nodes()) {
            days += node.limit().unit() == LimitUnit.WORKING_HOURS ? node.limit().amount() / 8.0 : Math.max(1, node.limit().amount());
        }
        return (int) Math.ceil(days);
    }

    /** Whether orders of the type are judged node by node (HV: every assessed node on time) rather than as one span. */
    boolean nodeByNode(BusinessTypeDefinition type) {
        return type.family() == ProcessFamily.HV;
    }

    /** Whether the State Grid rules assess the node's limit (HV scheme reply, design review, inspections, power-on). */
    static boolean assessed(BusinessTypeDefinition type, String nodeCode) {
        return type.nodes().stream().anyMatch(n -> n.node().name().equals(nodeCode) && n.limit().source() == LimitSource.STATE_GRID_RULE);
    }
}
