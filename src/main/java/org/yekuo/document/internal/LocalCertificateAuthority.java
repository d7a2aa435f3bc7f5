package org.yekuo.document.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.document.SigningCertificates;
import org.yekuo.shared.PersonalDataCipher;

/**
 * The product's own certificate authority, for development, tests and a utility without a CA of its own
 * (R-DOC-3): an ECDSA P-256 root made once, and a key and certificate per member of staff made the first
 * time they sign, valid for two years and then renewed. Keys are kept in {@code signing_credential},
 * sealed with the personal-data key, so every node of a cluster signs as the same person. P-256 with
 * SHA-256 is what standard PDF verifiers (poppler's pdfsig, Adobe Reader) check; see ADR 0009 for SM2.
 */
@Component
class LocalCertificateAuthority implements SigningCertificates {

    static final String AUTHORITY = "#authority";
    static final String ALGORITHM = "SHA256withECDSA";
    private static final Duration AUTHORITY_LIFE = Duration.ofDays(3653);
    private static final Duration PERSON_LIFE = Duration.ofDays(730);
    /** A credential this close to its end is renewed before it signs, so that no signature is made at its last moment. */
    private static final Duration RENEW_BEFORE = Duration.ofDays(1);
    private static final Provider BC = new BouncyCastleProvider();

    private record Credential(X509Certificate certificate, PrivateKey key) {
    }

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Credential> cache = new ConcurrentHashMap<>();

    LocalCertificateAuthority(JdbcClient jdbc, PersonalDataCipher cipher, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @Override
    public Signer signerFor(String username, String displayName) {
        Credential authority = credential(AUTHORITY, () -> rootCredential());
        Credential own = credential(username, () -> personalCredential(authority, username, displayName));
        List<X509Certificate> chain = List.of(own.certificate(), authority.certificate());
        return new Signer() {
            @Override
            public List<X509Certificate> chain() {
                return chain;
            }

            @Override
            public String algorithm() {
                return ALGORITHM;
            }

            @Override
            public byte[] sign(byte[] data) {
                try {
                    Signature signature = Signature.getInstance(ALGORITHM, BC);
                    signature.initSign(own.key());
                    signature.update(data);
                    return signature.sign();
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("Signing as " + username + " failed", e);
                }
            }
        };
    }

    @Override
    public List<X509Certificate> trustAnchors() {
        return List.of(credential(AUTHORITY, this::rootCredential).certificate());
    }

    private interface Issue {
        Credential issue() throws GeneralSecurityException, OperatorCreationException, IOException;
    }

    /**
     * The holder's current credential: from memory, else from the table, else issued and stored in a
     * transaction of its own (a signature must not wait for the caller's). Two nodes issuing at once meet
     * the unique index; the loser takes the winner's.
     */
    private Credential credential(String holder, Issue issue) {
        Instant renewAt = clock.instant().plus(RENEW_BEFORE);
        Credential cached = cache.get(holder);
        if (cached != null && cached.certificate().getNotAfter().toInstant().isAfter(renewAt)) {
            return cached;
        }
        Credential current = stored(holder).filter(c -> c.certificate().getNotAfter().toInstant().isAfter(renewAt))
                .orElseGet(() -> {
                    try {
                        Credential issued = issue.issue();
                        ownTransaction.executeWithoutResult(status -> {
                            jdbc.sql("delete from signing_credential where holder = ?").param(holder).update();
                            jdbc.sql("""
                                    insert into signing_credential (holder, certificate, private_key, not_after, issued_at)
                                    values (?, ?, ?, ?, ?)""")
                                    .params(holder, base64(issued.certificate()),
                                            cipher.encrypt(Base64.getEncoder().encodeToString(issued.key().getEncoded())),
                                            Timestamp.from(issued.certificate().getNotAfter().toInstant()),
                                            Timestamp.from(clock.instant()))
                                    .update();
                        });
                        return issued;
                    } catch (DuplicateKeyException e) {
                        return stored(holder).orElseThrow(() -> e);
                    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
                        throw new IllegalStateException("Cannot issue a signing credential for " + holder, e);
                    }
                });
        cache.put(holder, current);
        return current;
    }

    private Optional<Credential> stored(String holder) {
        return ownTransaction.execute(status -> jdbc.sql("select certificate, private_key from signing_credential where holder = ?")
                .param(holder).query((rs, row) -> {
                    try {
                        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(rs.getString("certificate"))));
                        PrivateKey key = KeyFactory.getInstance("EC", BC).generatePrivate(
                                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(cipher.decrypt(rs.getString("private_key")))));
                        return new Credential(certificate, key);
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException("The signing credential of " + holder + " cannot be read", e);
                    }
                }).optional());
    }

    private Credential rootCredential() throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPair keys = newKeys();
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "CN").addRDN(BCStyle.O, "Yekuo")
                .addRDN(BCStyle.CN, "Yekuo Signing CA").build();
        Instant now = clock.instant();
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(AUTHORITY_LIFE)), name, keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
        return new Credential(certificate(builder, keys.getPrivate()), keys.getPrivate());
    }

    private Credential personalCredential(Credential authority, String username, String displayName)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPair keys = newKeys();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "CN").addRDN(BCStyle.O, "Yekuo")
                .addRDN(BCStyle.CN, displayName).addRDN(BCStyle.UID, username).build();
        Instant now = clock.instant();
        Instant end = now.plus(PERSON_LIFE);
        if (end.isAfter(authority.certificate().getNotAfter().toInstant())) {
            end = authority.certificate().getNotAfter().toInstant();
        }
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(authority.certificate(), serial(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(end), subject, keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        extensions.createAuthorityKeyIdentifier(authority.certificate()));
        return new Credential(certificate(builder, authority.key()), keys.getPrivate());
    }

    private static KeyPair newKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private BigInteger serial() {
        return new BigInteger(63, random).add(BigInteger.ONE);
    }

    private static X509Certificate certificate(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        return new JcaX509CertificateConverter().setProvider(BC)
                .getCertificate(builder.build(new JcaContentSignerBuilder(ALGORITHM).setProvider(BC).build(issuerKey)));
    }

    private static String base64(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
