package org.yekuo.review.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.springframework.stereotype.Component;
import org.yekuo.review.SignatureProvider;
import org.yekuo.review.SignedStatement;

/**
 * The development and test signer: one software SM2 key pair per running application, made at start.
 * Each statement keeps its public key, so it verifies from its stored bytes after a restart too; a CA
 * adapter replaces this bean where U-keys sign.
 */
@Component
public class SoftwareSm2Signatures implements SignatureProvider {

    static final String ALGORITHM = "SM3withSM2";
    private static final Provider BC = new BouncyCastleProvider();

    private final KeyPair keys;
    private final Clock clock;

    SoftwareSm2Signatures(Clock clock) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
        generator.initialize(new ECGenParameterSpec("sm2p256v1"));
        this.keys = generator.generateKeyPair();
        this.clock = clock;
    }

    @Override
    public SignedStatement sign(String signer, String payload) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM, BC);
            signature.initSign(keys.getPrivate());
            signature.update(payload.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder base64 = Base64.getEncoder();
            return new SignedStatement(ALGORITHM, signer, clock.instant(), payload, base64.encodeToString(signature.sign()),
                    base64.encodeToString(keys.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SM2 signing failed", e);
        }
    }

    @Override
    public boolean verify(SignedStatement statement) {
        try {
            PublicKey key = KeyFactory.getInstance("EC", BC)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(statement.publicKey())));
            Signature signature = Signature.getInstance(statement.algorithm(), BC);
            signature.initVerify(key);
            signature.update(statement.payload().getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(statement.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
