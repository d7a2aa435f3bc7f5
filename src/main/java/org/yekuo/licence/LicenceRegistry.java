package org.yekuo.licence;

/**
 * The government data-sharing platform (电子证照共享平台) behind a port (ARCHITECTURE 4): a local simulator for
 * the default start and the tests, or the platform over HTTP ({@code yekuo.licence.registry}).
 */
public interface LicenceRegistry {

    /**
     * The current licence of {@code kind} held by {@code holderCode} (a checked credit code or ID number).
     *
     * @throws LicencePlatformException not found, unreachable or slow, or an answer that is not a licence
     */
    FetchedLicence fetch(LicenceKind kind, String holderCode);

    /** Whether the platform answers now, for the readiness probe; never throws. */
    boolean reachable();

    /** What the registry is, for the health details ({@code simulator} or {@code http}). */
    String name();
}
