package io.mapbench.operator.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A ServiceAccount token that really expired: signed (ES256) with the local cluster's own
 * service-account key (pki/sa.key, which `clusters up` writes), with the claims the API server
 * issues, but an `exp` one hour in the past. No TokenRequest can produce one (the shortest is
 * 10 minutes), and waiting that long is no test.
 */
public final class ExpiredServiceAccountToken {
    private static final String ISSUER = "https://kubernetes.default.svc.cluster.local";
    /** PKCS#8 AlgorithmIdentifier for an EC key on P-256 (id-ecPublicKey, prime256v1). */
    private static final byte[] EC_P256_ALGORITHM = HexFormat.of().parseHex("301306072a8648ce3d020106082a8648ce3d030107");

    private ExpiredServiceAccountToken() {
    }

    public static String sign(Path saKeyPem, String namespace, String serviceAccount, String uid) throws Exception {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"ES256\",\"typ\":\"JWT\"}";
        String claims = ("{\"iss\":\"%s\",\"aud\":[\"%s\"],\"sub\":\"system:serviceaccount:%s:%s\",\"iat\":%d,"
                + "\"nbf\":%d,\"exp\":%d,\"kubernetes.io\":{\"namespace\":\"%s\",\"serviceaccount\":{\"name\":\"%s\","
                + "\"uid\":\"%s\"}}}").formatted(ISSUER, ISSUER, namespace, serviceAccount, now - 7200, now - 7200,
                        now - 3600, namespace, serviceAccount, uid);
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format"); // JWS wants r||s, not DER
        es256.initSign(privateKey(saKeyPem));
        es256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64(es256.sign());
    }

    /** The "EC PRIVATE KEY" (SEC1) PEM wrapped into the PKCS#8 structure Java's KeyFactory reads. */
    private static PrivateKey privateKey(Path pem) throws Exception {
        String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] sec1 = Base64.getDecoder().decode(body);
        byte[] pkcs8 = der(0x30, concat(HexFormat.of().parseHex("020100"), EC_P256_ALGORITHM, der(0x04, sec1)));
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
