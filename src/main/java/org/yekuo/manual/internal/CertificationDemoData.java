package org.yekuo.manual.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.MessageSource;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.BusinessTypeSummary;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.ReviewGuidelines;

/**
 * Gives the demo its question banks, one per chapter written from the catalogue, and certifies every demo
 * member of staff for every business type, so that the demo accounts work every node as before; a member of
 * staff added later starts uncertified and takes the exam. Each part runs only while its table is empty.
 */
@Component
@Order(11)
@ConditionalOnProperty(name = "yekuo.demo.enabled", havingValue = "true")
class CertificationDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CertificationDemoData.class);

    private final CertificationRecords records;
    private final ManualRecords manual;
    private final Catalogue catalogue;
    private final ReviewGuidelines guidelines;
    private final MessageSource messages;
    private final ExamRules rules;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    CertificationDemoData(CertificationRecords records, ManualRecords manual, Catalogue catalogue, ReviewGuidelines guidelines,
            MessageSource messages, ExamRules rules, JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.records = records;
        this.manual = manual;
        this.catalogue = catalogue;
        this.guidelines = guidelines;
        this.messages = messages;
        this.rules = rules;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        tx.executeWithoutResult(status -> {
            Instant now = clock.instant();
            if (jdbc.sql("select count(*) from manual_question").query(Long.class).single() == 0) {
                int count = 0;
                for (BusinessTypeSummary summary : catalogue.types()) {
                    BusinessTypeDefinition type = catalogue.current(summary.code());
                    for (QuestionSeeds.Seed seed : QuestionSeeds.forChapter(type, guidelines.applicableTo(type).orElse(null),
                            catalogue.abolishedMaterials(), node -> messages.getMessage(node.messageKey(), null, java.util.Locale.CHINA))) {
                        records.insertQuestion(type.code(), seed.nodeCode(), seed.kind(), seed.stem(), seed.explanation(), seed.options(),
                                "admin", now);
                        count++;
                    }
                }
                log.info("Demo question banks: {} questions over {} chapters", count, catalogue.types().size());
            }
            if (jdbc.sql("select count(*) from manual_certification").query(Long.class).single() == 0) {
                int edition = manual.latestEdition().orElse(1);
                Instant until = now.atZone(clock.getZone()).plus(rules.validity()).toInstant();
                List<String> staff = jdbc.sql("select username from staff order by username").query(String.class).list();
                for (String username : staff) {
                    for (BusinessTypeSummary type : catalogue.types()) {
                        records.insertCertification(username, type.code(), null, edition, now, until);
                    }
                }
                log.info("Demo certifications: {} members of staff certified for every business type", staff.size());
            }
        });
    }
}
