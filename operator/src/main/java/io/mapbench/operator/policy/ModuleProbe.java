package io.mapbench.operator.policy;

import com.dylibso.chicory.runtime.ByteBufferMemory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.styra.opa.wasm.DefaultMappers;
import com.styra.opa.wasm.OpaBuiltin;
import com.styra.opa.wasm.OpaWasm;
import com.styra.opa.wasm.builtins.Provided;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a compiled module declares about itself: its OPA Wasm ABI version, its entrypoints, and
 * the builtins it calls back into the host for. OPA compiles most builtins into the module; the
 * rest (e.g. {@code sprintf}) must come from the SDK, which otherwise leaves an empty slot that
 * fails only when a rule first reaches it, so {@link AdmissionPolicy#load} checks them up front.
 * Read with Chicory's interpreter: instantiating it is much cheaper than compiling the module.
 */
record ModuleProbe(long abiVersion, long abiMinorVersion, Map<String, Integer> entrypoints, Set<String> builtins) {

    /** The ABI opa-java-wasm 1.0.4 implements (OpaPolicy refuses anything else). */
    static final long SUPPORTED_ABI_VERSION = 1;
    static final long SUPPORTED_ABI_MINOR_VERSION = 3;

    static ModuleProbe of(byte[] module, ObjectMapper json) throws IOException {
        OpaWasm wasm = OpaWasm.builder()
                .withInputStream(new ByteArrayInputStream(module))
                .withJsonMapper(json)
                .withYamlMapper(DefaultMappers.yamlMapper)
                .withMemory(new ByteBufferMemory(new MemoryLimits(10, MemoryLimits.MAX_PAGES)))
                .disableCompiler()
                .build();
        Map<String, Integer> entrypoints = json.readValue(dump(wasm, wasm.exports().entrypoints()),
                new TypeReference<TreeMap<String, Integer>>() {
                });
        Set<String> builtins = new TreeSet<>(json.readValue(dump(wasm, wasm.exports().builtins()),
                new TypeReference<TreeMap<String, Integer>>() {
                }).keySet());
        return new ModuleProbe(wasm.exports().opaWasmAbiVersion().getValue(),
                wasm.exports().opaWasmAbiMinorVersion().getValue(), Map.copyOf(entrypoints), Set.copyOf(builtins));
    }

    /** Names of the builtins opa-java-wasm provides by default. */
    static Set<String> sdkBuiltins() {
        return Arrays.stream(Provided.all()).map(OpaBuiltin.Builtin::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    boolean abiSupported() {
        return abiVersion == SUPPORTED_ABI_VERSION && abiMinorVersion == SUPPORTED_ABI_MINOR_VERSION;
    }

    /** Builtins the module needs that the SDK does not provide, sorted. */
    Set<String> missingBuiltins() {
        Set<String> missing = new TreeSet<>(builtins);
        missing.removeAll(sdkBuiltins());
        return missing;
    }

    private static String dump(OpaWasm wasm, int valueAddress) {
        int text = wasm.exports().opaJsonDump(valueAddress);
        return wasm.memory().readCString(text);
    }
}
