package org.yekuo.identity.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.yekuo.shared.PublicAddress;

/**
 * On a start without any system administrator (a production database before its setup), prints a one-time token for
 * the setup page in this node's log: only someone who can read the server's log can set the company up.
 */
@Component
@Order(1)
class FirstStartToken implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstStartToken.class);

    private final FirstStartSetup setup;
    private final PublicAddress address;

    FirstStartToken(FirstStartSetup setup, PublicAddress address) {
        this.setup = setup;
        this.address = address;
    }

    @Override
    public void run(ApplicationArguments args) {
        setup.issueToken().ifPresent(token -> log.warn("""


                  Yekuo has no system administrator yet. Set the company up at {}
                  with this one-time setup token (valid {} hours, until the setup is done):

                      {}
                """, address.link("/setup"), FirstStartSetup.TOKEN_LIFETIME.toHours(), token));
    }
}
