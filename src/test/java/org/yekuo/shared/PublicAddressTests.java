package org.yekuo.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Links customers receive go to the configured public address of the deployment. */
class PublicAddressTests {

    @Test
    @DisplayName("R-DOC-4 under the prod profile the product refuses to start without its public address")
    void prodNeedsThePublicAddress() {
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("prod");
        assertThatThrownBy(() -> new PublicAddress(" ", 8080, prod)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("yekuo.public-address");
        assertThat(new PublicAddress("https://yekuo.example-grid.cn/", 8080, prod).link("/s/abc"))
                .isEqualTo("https://yekuo.example-grid.cn/s/abc");
    }

    @Test
    @DisplayName("R-DOC-4 elsewhere it links to this machine's port, and refuses an address that is no web address")
    void developmentFallsBackToLocalhost() {
        assertThat(new PublicAddress(null, 8116, new MockEnvironment()).base()).isEqualTo("http://localhost:8116");
        assertThatThrownBy(() -> new PublicAddress("yekuo.example.cn", 8080, new MockEnvironment()))
                .isInstanceOf(IllegalStateException.class);
    }
}
