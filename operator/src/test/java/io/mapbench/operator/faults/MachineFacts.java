package io.mapbench.operator.faults;

import java.nio.file.Path;
import java.util.Locale;

/** The facts a reader needs to compare figures: CPU, cores, memory, kernel, JVM. */
final class MachineFacts {
    private MachineFacts() {
    }

    static String describe() {
        String cpu = FaultTable.readText(Path.of("/proc/cpuinfo")).lines().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
        long memKiB = FaultTable.readText(Path.of("/proc/meminfo")).lines().filter(l -> l.startsWith("MemTotal:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
        String kernel = FaultTable.readText(Path.of("/proc/sys/kernel/osrelease")).strip();
        return String.format(Locale.ROOT, "%s, %d cores, %.0f GiB RAM, Linux %s, Java %s; local clusters (deploy/local, Kubernetes v1.36.3)",
                cpu, Runtime.getRuntime().availableProcessors(), memKiB / 1024.0 / 1024.0, kernel,
                System.getProperty("java.version"));
    }
}
