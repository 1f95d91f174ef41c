package io.mapbench.operator.policy;

import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.styra.opa.wasm.OpaPolicy;
import com.styra.opa.wasm.OpaPolicyPool;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The admission policy, loaded from a {@link PolicyBundle} and evaluated in-process by the OPA
 * Java SDK (opa-java-wasm: the module runs on the Chicory WebAssembly runtime). Pure: no
 * Kubernetes client, no configuration lookup; thread-safe (a bounded pool of module instances).
 *
 * <pre>{@code
 * AdmissionPolicy policy = AdmissionPolicy.load(bundle, 2);     // throws PolicyUnavailableException
 * AdmissionDecision decision = policy.evaluate(inputJsonNode);  // throws PolicyUnavailableException
 * policy.close();                                               // when replaced by a new bundle
 * }</pre>
 *
 * Every failure (corrupt module, bad or incomplete data, missing builtin, evaluation error,
 * malformed result) is a {@link PolicyUnavailableException}; there is no path on which a failure
 * yields "allowed".
 */
public final class AdmissionPolicy implements AutoCloseable {
    /** The entrypoint policies/build.sh compiles. */
    public static final String ENTRYPOINT = "mapbench/admission/decision";

    /**
     * The rule the policy reports when its own data is incomplete: the policy is broken, not
     * the run, so it is "unavailable" rather than a denial.
     */
    public static final String POLICY_DATA_RULE = "policy-data-invalid";

    /** Initial linear memory of an instance, in 64 KiB pages; it grows on demand. */
    private static final int INITIAL_MEMORY_PAGES = 10;

    // The SDK copies JSON into the module's memory with a length counted in chars, not bytes:
    // non-ASCII text would be truncated. Escaping everything non-ASCII keeps text pure ASCII.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    private final PolicyBundle bundle;
    private final String data;
    private final int entrypoint;
    private final OpaPolicyPool pool;

    private AdmissionPolicy(PolicyBundle bundle, String data, int entrypoint, int poolSize) {
        this.bundle = bundle;
        this.data = data;
        this.entrypoint = entrypoint;
        this.pool = OpaPolicyPool.create(() -> newInstance(bundle.moduleBytes()), poolSize);
    }

    /**
     * Validates the bundle and prepares a pool of at most {@code poolSize} module instances
     * (each one is created on first concurrent use and kept).
     *
     * @throws PolicyUnavailableException when the data is not a JSON object, the module cannot
     *         be loaded, lacks the entrypoint, or needs a builtin the SDK does not provide
     */
    public static AdmissionPolicy load(PolicyBundle bundle, int poolSize) throws PolicyUnavailableException {
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, got " + poolSize);
        }
        String data = normalizedData(bundle.data());
        ModuleProbe probe;
        try {
            probe = ModuleProbe.of(bundle.moduleBytes(), JSON);
        } catch (RuntimeException | IOException | LinkageError e) {
            throw new PolicyUnavailableException("policy module " + bundle.revision() + " cannot be loaded", e);
        }
        if (!probe.abiSupported()) {
            throw new PolicyUnavailableException("policy module " + bundle.revision() + " has OPA Wasm ABI "
                    + probe.abiVersion() + "." + probe.abiMinorVersion() + "; the OPA Java SDK runs "
                    + ModuleProbe.SUPPORTED_ABI_VERSION + "." + ModuleProbe.SUPPORTED_ABI_MINOR_VERSION
                    + " (compile with the opa pinned in hack/tools/opa.sh)");
        }
        Integer entrypoint = probe.entrypoints().get(ENTRYPOINT);
        if (entrypoint == null) {
            throw new PolicyUnavailableException("policy module " + bundle.revision() + " has no entrypoint "
                    + ENTRYPOINT + " (it has " + probe.entrypoints().keySet() + "); compile it with policies/build.sh");
        }
        if (!probe.missingBuiltins().isEmpty()) {
            throw new PolicyUnavailableException("policy module " + bundle.revision()
                    + " needs builtins the OPA Java SDK does not provide: " + String.join(", ", probe.missingBuiltins())
                    + " (rewrite the rules without them; see policies/README.md)");
        }
        AdmissionPolicy policy = new AdmissionPolicy(bundle, data, entrypoint, poolSize);
        policy.warmUp();
        return policy;
    }

    /**
     * Creates the first pooled instance now (compiling the module to JVM bytecode takes about a
     * second), so that a module Chicory cannot compile fails at load, not on the first run.
     */
    private void warmUp() throws PolicyUnavailableException {
        try (OpaPolicyPool.Loan loan = pool.borrow()) {
            loan.policy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PolicyUnavailableException("interrupted while loading the policy", e);
        } catch (RuntimeException | LinkageError e) {
            pool.close();
            throw new PolicyUnavailableException("policy module " + bundle.revision() + " cannot be loaded", e);
        }
    }

    /** The revision ({@link PolicyBundle#revision()}) every decision of this policy carries. */
    public String revision() {
        return bundle.revision();
    }

    /** Evaluates the input document described in policies/README.md. */
    public AdmissionDecision evaluate(JsonNode input) throws PolicyUnavailableException {
        try {
            return evaluate(JSON.writeValueAsString(input));
        } catch (JsonProcessingException e) {
            throw new PolicyUnavailableException("policy input cannot be serialized", e);
        }
    }

    /** Evaluates an input document given as JSON text. */
    public AdmissionDecision evaluate(String inputJson) throws PolicyUnavailableException {
        String raw = evaluateRaw(asciiJson(inputJson));
        try {
            return parseDecision(JSON.readTree(raw));
        } catch (JsonProcessingException e) {
            throw new PolicyUnavailableException("policy " + revision() + " returned malformed JSON", e);
        }
    }

    private String evaluateRaw(String inputJson) throws PolicyUnavailableException {
        OpaPolicyPool.Loan loan;
        try {
            loan = pool.borrow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PolicyUnavailableException("interrupted while waiting for a policy instance", e);
        } catch (RuntimeException | LinkageError e) {
            throw new PolicyUnavailableException("policy " + revision() + " cannot be instantiated", e);
        }
        boolean healthy = false;
        try {
            // The pool resets data and entrypoint when an instance is returned, so both are set
            // on every evaluation (the data document is small; parsing it costs microseconds).
            String result = loan.policy().entrypoint(entrypoint).data(data).input(inputJson).evaluate();
            healthy = true;
            return result;
        } catch (RuntimeException | StackOverflowError e) {
            throw new PolicyUnavailableException("evaluating policy " + revision() + " failed", e);
        } finally {
            if (healthy) {
                loan.close();
            } else {
                loan.discard(); // its memory may be in any state: never reuse it
            }
        }
    }

    /**
     * Checks the result against the decision document's shape: a policy that returns anything
     * else is broken, and a broken policy must not admit.
     */
    private AdmissionDecision parseDecision(JsonNode results) throws PolicyUnavailableException {
        // The SDK returns OPA's result set: [{"result": <value of the entrypoint>}], or [] when
        // the entrypoint is undefined for this input.
        if (!results.isArray() || results.size() != 1 || !results.get(0).has("result")) {
            throw malformed("expected one result, got " + abbreviate(results));
        }
        JsonNode decision = results.get(0).get("result");
        JsonNode allowed = decision.get("allowed");
        JsonNode violations = decision.get("violations");
        if (allowed == null || !allowed.isBoolean() || violations == null || !violations.isArray()) {
            throw malformed("expected {allowed: boolean, violations: array}, got " + abbreviate(decision));
        }
        List<AdmissionDecision.Violation> parsed = new ArrayList<>();
        for (JsonNode v : violations) {
            if (!v.path("rule").isTextual() || !v.path("field").isTextual() || !v.path("message").isTextual()) {
                throw malformed("expected violations of {rule, field, message} strings, got " + abbreviate(v));
            }
            parsed.add(new AdmissionDecision.Violation(
                    v.get("rule").asText(), v.get("field").asText(), v.get("message").asText()));
        }
        if (allowed.booleanValue() != parsed.isEmpty()) {
            throw malformed("allowed is " + allowed.booleanValue() + " with " + parsed.size() + " violations");
        }
        List<String> dataProblems = parsed.stream().filter(v -> v.rule().equals(POLICY_DATA_RULE))
                .map(AdmissionDecision.Violation::message).toList();
        if (!dataProblems.isEmpty()) {
            throw new PolicyUnavailableException("policy " + revision() + ": " + String.join("; ", dataProblems));
        }
        return new AdmissionDecision(allowed.booleanValue(), parsed, revision());
    }

    private PolicyUnavailableException malformed(String what) {
        return new PolicyUnavailableException("policy " + revision() + " returned a malformed decision: " + what);
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /** The same JSON with non-ASCII characters escaped (see {@link #JSON}). */
    private static String asciiJson(String json) throws PolicyUnavailableException {
        if (json.chars().allMatch(c -> c < 0x80)) {
            return json;
        }
        try {
            return JSON.writeValueAsString(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new PolicyUnavailableException("policy input is not valid JSON", e);
        }
    }

    private static String normalizedData(String dataJson) throws PolicyUnavailableException {
        try {
            JsonNode data = JSON.readTree(dataJson);
            if (data == null || !data.isObject()) {
                throw new PolicyUnavailableException("policy data must be a JSON object (the whole data document)");
            }
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new PolicyUnavailableException("policy data is not valid JSON", e);
        }
    }

    private static OpaPolicy newInstance(byte[] module) {
        return OpaPolicy.builder()
                .withPolicy(module)
                .withJsonMapper(JSON)
                .withInitialMemory(INITIAL_MEMORY_PAGES)
                .withMaxMemory(MemoryLimits.MAX_PAGES)
                .build();
    }

    /**
     * Makes the pool hold {@code instances} module instances (up to its size) by borrowing them
     * all at once: for the benchmark's memory figure and for callers that want no compile
     * latency on a burst of decisions.
     */
    void fillPool(int instances) throws PolicyUnavailableException {
        List<OpaPolicyPool.Loan> loans = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                loans.add(pool.borrow());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PolicyUnavailableException("interrupted while filling the policy pool", e);
        } finally {
            loans.forEach(OpaPolicyPool.Loan::close);
        }
    }

    /** Releases the pool; decisions in flight finish, new ones fail. */
    @Override
    public void close() {
        pool.close();
    }
}
