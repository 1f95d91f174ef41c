package io.mapbench.operator.reconciler;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

import io.mapbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.mapbench.operator.api.v1alpha1.Condition;
import io.mapbench.operator.api.v1alpha1.ConditionReasons;
import io.mapbench.operator.api.v1alpha1.ConditionStatus;
import io.mapbench.operator.api.v1alpha1.ConditionTypes;
import io.mapbench.operator.api.v1alpha1.JobPhase;
import io.mapbench.operator.api.v1alpha1.JobStatus;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.operator.api.v1alpha1.RunPhase;

/**
 * Run phase and conditions from the jobs' phases (pure). Conditions keep their
 * lastTransitionTime while their status stays the same and are kept in a stable order
 * (Admitted, Scheduled, Completed, Ready, Degraded) so an unchanged run never rewrites its status.
 */
final class RunConditions {
    private static final List<String> ORDER = List.of(ConditionTypes.ADMITTED, ConditionTypes.SCHEDULED,
            ConditionTypes.COMPLETED, ConditionTypes.READY, ConditionTypes.DEGRADED);

    private RunConditions() {
    }

    static void set(BenchmarkRunStatus status, String type, ConditionStatus value, String reason, String message,
            Long generation, Instant now) {
        List<Condition> conditions = status.getConditions();
        Condition existing = conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        String transition = existing != null && existing.getStatus() == value ? existing.getLastTransitionTime()
                : now.truncatedTo(ChronoUnit.SECONDS).toString();
        Condition updated = new Condition(type, value, reason, message, generation, transition);
        if (existing != null) {
            conditions.set(conditions.indexOf(existing), updated);
        } else {
            conditions.add(updated);
        }
        conditions.sort(Comparator.comparingInt(c -> ORDER.indexOf(c.getType())));
    }

    /** Phase, Completed/Ready/Degraded, jobsSummary and completionTime from status.jobs. */
    static void summarize(BenchmarkRunStatus status, Long generation, Instant now) {
        List<JobStatus> jobs = status.getJobs();
        long succeeded = count(jobs, JobPhase.Succeeded);
        long failed = count(jobs, JobPhase.Failed);
        long timedOut = count(jobs, JobPhase.TimedOut);
        long lost = count(jobs, JobPhase.Lost);
        long running = count(jobs, JobPhase.Running);
        long finished = succeeded + failed + timedOut + lost;
        status.setJobsSummary(succeeded + "/" + jobs.size() + " succeeded"
                + (failed + timedOut + lost > 0 ? ", " + (failed + timedOut + lost) + " not" : "")
                + (running > 0 ? ", " + running + " running" : ""));
        boolean done = !jobs.isEmpty() && finished == jobs.size();
        if (done) {
            status.setPhase(succeeded == jobs.size() ? RunPhase.Succeeded
                    : succeeded > 0 ? RunPhase.PartiallySucceeded : RunPhase.Failed);
            if (status.getCompletionTime() == null) {
                status.setCompletionTime(now.truncatedTo(ChronoUnit.SECONDS).toString());
            }
        } else {
            status.setPhase(running > 0 || finished > 0 ? RunPhase.Running : RunPhase.Scheduled);
        }
        set(status, ConditionTypes.COMPLETED, done ? ConditionStatus.True : ConditionStatus.False,
                done ? (succeeded == jobs.size() ? ConditionReasons.ALL_JOBS_SUCCEEDED
                        : succeeded > 0 ? ConditionReasons.SOME_JOBS_FAILED : ConditionReasons.ALL_JOBS_FAILED)
                        : ConditionReasons.JOBS_RUNNING,
                status.getJobsSummary(), generation, now);
        boolean ready = done && succeeded == jobs.size();
        set(status, ConditionTypes.READY, ready ? ConditionStatus.True : ConditionStatus.False,
                ready ? ConditionReasons.ALL_JOBS_SUCCEEDED : done ? ConditionReasons.SOME_JOBS_FAILED
                        : ConditionReasons.JOBS_RUNNING,
                status.getJobsSummary(), generation, now);
        JobStatus worst = jobs.stream().filter(j -> j.getPhase() == JobPhase.Lost).findFirst()
                .or(() -> jobs.stream().filter(j -> j.getPhase() == JobPhase.TimedOut).findFirst())
                .or(() -> jobs.stream().filter(j -> j.getPhase() == JobPhase.Failed).findFirst())
                .orElse(null);
        if (worst == null) {
            set(status, ConditionTypes.DEGRADED, ConditionStatus.False,
                    done ? ConditionReasons.ALL_JOBS_SUCCEEDED : ConditionReasons.JOBS_RUNNING, "no job failed",
                    generation, now);
        } else {
            String reason = switch (worst.getPhase()) {
                case Lost -> ConditionReasons.CLUSTER_LOST;
                case TimedOut -> ConditionReasons.JOB_TIMED_OUT;
                default -> worst.getMessage() != null && worst.getMessage().startsWith("result document")
                        ? ConditionReasons.INVALID_RESULT : ConditionReasons.JOB_FAILED;
            };
            set(status, ConditionTypes.DEGRADED, ConditionStatus.True, reason,
                    worst.getCluster() + " Go " + worst.getGoVersion() + ": " + worst.getMessage(), generation, now);
        }
    }

    static boolean isReady(MemberCluster mc) {
        return readyCondition(mc) != null && readyCondition(mc).getStatus() == ConditionStatus.True;
    }

    /**
     * Since when the member has not been Ready: its Ready condition's last transition. A deleted
     * MemberCluster counts as gone for ever (its jobs are Lost at once).
     */
    static Instant notReadySince(MemberCluster mc, Instant now) {
        if (mc == null) {
            return Instant.EPOCH;
        }
        Condition ready = readyCondition(mc);
        if (ready == null || ready.getStatus() == ConditionStatus.True || ready.getLastTransitionTime() == null) {
            return now; // Ready but caches not synced yet (operator start): not unreachable
        }
        return Instant.parse(ready.getLastTransitionTime());
    }

    private static Condition readyCondition(MemberCluster mc) {
        if (mc == null || mc.getStatus() == null || mc.getStatus().getConditions() == null) {
            return null;
        }
        return mc.getStatus().getConditions().stream().filter(c -> ConditionTypes.READY.equals(c.getType()))
                .findFirst().orElse(null);
    }

    private static long count(List<JobStatus> jobs, JobPhase phase) {
        return jobs.stream().filter(j -> j.getPhase() == phase).count();
    }
}
