package io.mapbench.operator.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A compiled admission policy: the WebAssembly module and the data document it is evaluated with
 * (policies/dist/policy.wasm and policies/dist/data.json, or the same two from the policy
 * ConfigMaps). Its {@link #revision()} identifies exactly this pair.
 */
public final class PolicyBundle {
    /** File names written by policies/build.sh. */
    public static final String MODULE_FILE = "policy.wasm";
    public static final String DATA_FILE = "data.json";

    private final byte[] module;
    private final String data;
    private final String revision;

    private PolicyBundle(byte[] module, String data) {
        this.module = module.clone();
        this.data = data;
        this.revision = digest(this.module, data);
    }

    /** A bundle from the module's bytes and the data document's JSON text. */
    public static PolicyBundle of(byte[] module, String dataJson) {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(dataJson, "dataJson");
        return new PolicyBundle(module, dataJson);
    }

    /** Reads {@value #MODULE_FILE} and {@value #DATA_FILE} from a directory such as policies/dist. */
    public static PolicyBundle fromDirectory(Path dir) throws IOException {
        return of(Files.readAllBytes(dir.resolve(MODULE_FILE)),
                Files.readString(dir.resolve(DATA_FILE), StandardCharsets.UTF_8));
    }

    public byte[] module() {
        return module.clone();
    }

    public String data() {
        return data;
    }

    /**
     * {@code sha256:<hex>} over the module bytes followed by the data's UTF-8 bytes: the policy
     * revision recorded with each decision. Any change to either gives a new revision.
     */
    public String revision() {
        return revision;
    }

    byte[] moduleBytes() {
        return module;
    }

    private static String digest(byte[] module, String data) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(module);
            sha256.update(data.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
