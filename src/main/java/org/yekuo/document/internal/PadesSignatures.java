package org.yekuo.document.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.yekuo.document.PdfSignature;
import org.yekuo.document.SigningCertificates;
import org.yekuo.document.SigningCertificates.Signer;

/**
 * PAdES signatures (ETSI.CAdES.detached, baseline B) on PDFs, added as incremental updates so that each
 * earlier signature stays valid, and read back the way any verifier does: the CMS over the signed byte
 * ranges, checked against the certificate it carries (R-DOC-3).
 */
@Component
public class PadesSignatures {

    private static final Provider BC = new BouncyCastleProvider();
    private static final Logger log = LoggerFactory.getLogger(PadesSignatures.class);

    private final SigningCertificates authority;

    PadesSignatures(SigningCertificates authority) {
        this.authority = authority;
    }

    /** {@code pdf} with one more signature by {@code signer}, made at {@code at} for {@code reason}. */
    public byte[] sign(byte[] pdf, Signer signer, String name, String reason, Instant at) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
            signature.setName(name);
            signature.setReason(reason);
            Calendar when = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
            when.setTimeInMillis(at.toEpochMilli());
            signature.setSignDate(when);
            try (SignatureOptions options = new SignatureOptions()) {
                options.setPreferredSignatureSize(12_000);
                document.addSignature(signature, content -> cms(content.readAllBytes(), signer), options);
                ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 16_384);
                document.saveIncremental(out);
                return out.toByteArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot sign the PDF", e);
        }
    }

    /** Every signature in the PDF at {@code file}, in the order they were made. */
    public List<PdfSignature> verify(Path file) {
        List<PdfSignature> found = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(file.toFile(), "", null, null, IOUtils.createTempFileOnlyStreamCache())) {
            long length = Files.size(file);
            for (PDSignature signature : document.getSignatureDictionaries()) {
                int[] range = signature.getByteRange();
                byte[] signedContent;
                try (InputStream in = Files.newInputStream(file)) {
                    signedContent = signature.getSignedContent(in);
                }
                found.add(check(signature, signedContent, range != null && range.length == 4 && (long) range[2] + range[3] == length));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the PDF's signatures", e);
        }
        return found;
    }

    private PdfSignature check(PDSignature signature, byte[] signedContent, boolean whole) {
        Instant at = signature.getSignDate() == null ? null : signature.getSignDate().toInstant();
        try {
            // The /Contents string is padded with zeros after the CMS; read the one DER object it holds.
            ContentInfo content;
            try (ASN1InputStream in = new ASN1InputStream(signature.getContents())) {
                content = ContentInfo.getInstance(in.readObject());
            }
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signedContent), content);
            SignerInformation info = cms.getSignerInfos().getSigners().iterator().next();
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> matches = cms.getCertificates().getMatches(info.getSID());
            X509CertificateHolder certificate = matches.iterator().next();
            boolean intact = info.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(certificate));
            boolean trusted = false;
            for (X509Certificate anchor : authority.trustAnchors()) {
                X509CertificateHolder root = new JcaX509CertificateHolder(anchor);
                trusted |= certificate.getIssuer().equals(root.getSubject()) && certificate.isSignatureValid(
                        new JcaContentVerifierProviderBuilder().setProvider(BC).build(root));
            }
            return new PdfSignature(rdn(certificate.getSubject(), BCStyle.CN), rdn(certificate.getSubject(), BCStyle.UID),
                    rdn(certificate.getIssuer(), BCStyle.CN), at, intact, whole, trusted);
        } catch (CMSException | OperatorCreationException | GeneralSecurityException | org.bouncycastle.cert.CertException | IOException | RuntimeException e) {
            log.warn("A signature by {} cannot be checked", signature.getName(), e);
            return new PdfSignature(signature.getName(), null, null, at, false, whole, false);
        }
    }

    private static String rdn(X500Name name, ASN1ObjectIdentifier type) {
        var rdns = name.getRDNs(type);
        return rdns.length == 0 ? null : IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }

    /** A detached CMS over {@code content}: signed attributes with the signing certificate (v2), no signing time (PAdES). */
    private static byte[] cms(byte[] content, Signer signer) throws IOException {
        try {
            X509Certificate certificate = signer.chain().get(0);
            AlgorithmIdentifier algorithm = new DefaultSignatureAlgorithmIdentifierFinder().find(signer.algorithm());
            ContentSigner contentSigner = new ContentSigner() {
                private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

                @Override
                public AlgorithmIdentifier getAlgorithmIdentifier() {
                    return algorithm;
                }

                @Override
                public OutputStream getOutputStream() {
                    return buffer;
                }

                @Override
                public byte[] getSignature() {
                    return signer.sign(buffer.toByteArray());
                }
            };
            byte[] certificateHash = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            ESSCertIDv2 id = new ESSCertIDv2(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256), certificateHash,
                    new IssuerSerial(new GeneralNames(new GeneralName(X500Name.getInstance(
                            certificate.getIssuerX500Principal().getEncoded()))), certificate.getSerialNumber()));
            AttributeTable signingCertificate = new AttributeTable(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                    new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {id}))));
            CMSAttributeTableGenerator attributes = new DefaultSignedAttributeTableGenerator(signingCertificate) {
                @Override
                @SuppressWarnings({"rawtypes", "unchecked"})
                protected Hashtable createStandardAttributeTable(Map parameters) {
                    Hashtable table = super.createStandardAttributeTable(parameters);
                    table.remove(CMSAttributes.signingTime);
                    return table;
                }
            };
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new SignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(BC).build())
                    .setSignedAttributeGenerator(attributes)
                    .build(contentSigner, new JcaX509CertificateHolder(certificate)));
            generator.addCertificates(new JcaCertStore(signer.chain()));
            return generator.generate(new CMSProcessableByteArray(content), false).toASN1Structure().getEncoded(ASN1Encoding.DER);
        } catch (GeneralSecurityException | OperatorCreationException | CMSException e) {
            throw new IOException("Cannot build the CMS signature", e);
        }
    }
}
