package org.yekuo.insight;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.yekuo.catalogue.TimeLimit;
import org.yekuo.identity.OrgUnits;

/**
 * A forecast's reason in words, e.g. "设计文件审核 at 城东供电所: 32% of 140 cases in the last year ran past the
 * limit (8 working days); this one has used 60% of it", naming whose history it rests on.
 */
@Component("riskWords")
public class RiskWords {

    private final MessageSource messages;
    private final OrgUnits orgUnits;
    private final InsightProperties properties;
    private final RiskForecast forecast;

    RiskWords(MessageSource messages, OrgUnits orgUnits, InsightProperties properties, RiskForecast forecast) {
        this.forecast = forecast;
        this.messages = messages;
        this.orgUnits = orgUnits;
        this.properties = properties;
    }

    public String reason(NodeRisk risk, Locale locale) {
        String node = messages.getMessage("catalogue.node." + risk.nodeCode(), null, risk.nodeCode(), locale);
        if (risk.risk() >= 1 && risk.used() >= 1) {
            return messages.getMessage("insight.reason.overdue", new Object[] {node}, locale);
        }
        return messages.getMessage("insight.reason." + risk.basis().name(), new Object[] {node, station(risk.orgPath(), locale),
                String.valueOf(risk.cases()), String.valueOf(risk.lateSharePercent()), limit(risk.limit(), locale),
                String.valueOf(risk.usedPercent()), String.valueOf(properties.minCases())}, locale);
    }

    private String limit(TimeLimit limit, Locale locale) {
        if (limit == null) {
            return "";
        }
        return messages.getMessage("insight.reason.limit", new Object[] {String.valueOf(limit.amount()),
                messages.getMessage("insight.unit." + limit.unit().name(), null, locale)}, locale);
    }

    /** The supply station of an order's org path, by name. */
    public String station(String orgPath, Locale locale) {
        String[] parts = forecast.stationPath(orgPath).split("/");
        try {
            return orgUnits.byId(Long.parseLong(parts[parts.length - 1])).map(u -> u.name(locale)).orElse("");
        } catch (NumberFormatException e) {
            return "";
        }
    }
}
