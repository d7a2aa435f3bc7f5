package org.yekuo.shared;

import java.net.URI;
import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The address customers reach this deployment at ({@code yekuo.public-address}, e.g.
 * {@code https://yekuo.example-grid.cn}): the host of every link the product hands out, in SMS, QR codes
 * and progress links, whatever address a member of staff happens to use. SMS providers accept links only
 * in a template's fixed text, so it is configuration, never taken from a request. Under the {@code prod}
 * profile the product refuses to start without it; elsewhere it warns and links to localhost.
 */
@Component
public class PublicAddress {

    private static final Logger LOG = LoggerFactory.getLogger(PublicAddress.class);
    static final String PROPERTY = "yekuo.public-address";

    private final String base;

    PublicAddress(@Value("${" + PROPERTY + ":}") String configured, @Value("${server.port:8080}") int port, Environment environment) {
        String address = configured == null ? "" : configured.strip().replaceAll("/+$", "");
        if (address.isEmpty()) {
            if (Arrays.asList(environment.getActiveProfiles()).contains("prod")) {
                throw new IllegalStateException(PROPERTY + " is not set: links in SMS and QR codes would not reach customers. "
                        + "Set it (or YEKUO_PUBLIC_ADDRESS) to the address customers open, e.g. https://yekuo.example.cn");
            }
            address = "http://localhost:" + (port == 0 ? 8080 : port);
            LOG.warn("{} is not set: SMS and QR code links point to {}, which only this machine can open", PROPERTY, address);
        }
        URI uri = URI.create(address);
        if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
            throw new IllegalStateException(PROPERTY + " must be an http or https address, e.g. https://yekuo.example.cn, not " + address);
        }
        this.base = address;
    }

    /** The address without a trailing slash, e.g. {@code https://yekuo.example.cn}. */
    public String base() {
        return base;
    }

    /** An absolute link to a path of this deployment, e.g. {@code /s/<token>}. */
    public String link(String path) {
        return base + path;
    }
}
