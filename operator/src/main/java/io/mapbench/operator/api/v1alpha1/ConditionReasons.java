package io.mapbench.operator.api.v1alpha1;

/** CamelCase condition reasons (machine-readable; the message says the rest to a human). */
public final class ConditionReasons {
    // Admitted
    public static final String POLICY_ALLOWED = "PolicyAllowed";
    public static final String POLICY_DENIED = "PolicyDenied";
    /** Policy missing or broken: nothing is created (fail closed). */
    public static final String POLICY_UNAVAILABLE = "PolicyUnavailable";
    /** mapbench.policy.enabled=false: admitted without asking the policy. */
    public static final String POLICY_DISABLED = "PolicyDisabled";
    // Scheduled
    public static final String ASSIGNED = "Assigned";
    public static final String WAITING_FOR_CAPACITY = "WaitingForCapacity";
    /** The namespace is at the policy's maxActiveRunsPerNamespace: admitted in creation order when one ends. */
    public static final String WAITING_FOR_QUOTA = "WaitingForQuota";
    public static final String NO_MATCHING_CLUSTER = "NoMatchingCluster";
    public static final String UNKNOWN_CLUSTER = "UnknownCluster";
    // Completed / Ready / Degraded
    public static final String JOBS_RUNNING = "JobsRunning";
    public static final String ALL_JOBS_SUCCEEDED = "AllJobsSucceeded";
    public static final String SOME_JOBS_FAILED = "SomeJobsFailed";
    public static final String ALL_JOBS_FAILED = "AllJobsFailed";
    public static final String JOB_FAILED = "JobFailed";
    public static final String JOB_TIMED_OUT = "JobTimedOut";
    public static final String CLUSTER_LOST = "ClusterLost";
    /** A Lost job was re-dispatched to another cluster (spec.placement.failover); the message names it. */
    public static final String REDISPATCHED = "Redispatched";
    /** A Lost job's failover found no other matching cluster (or the policy allowed none); it stays Lost. */
    public static final String NOT_REDISPATCHED = "NotRedispatched";
    public static final String INVALID_RESULT = "InvalidResult";
    /** A Job completed but its result could not be read (pod gone, log unreadable after bounded attempts). */
    public static final String RESULT_UNAVAILABLE = "ResultUnavailable";
    /** The remote Job disappeared before it finished (deleted by someone else). */
    public static final String JOB_DELETED = "JobDeleted";
    /** The last reconcile failed; the message says why (the operator retries with backoff). */
    public static final String RECONCILE_ERROR = "ReconcileError";
    public static final String INVALID_SPEC = "InvalidSpec";
    // Regressed (runs with spec.baseline; issue 12)
    /** A benchmark is significantly slower than its baseline by more than spec.baseline.regression.minEffectPercent. */
    public static final String REGRESSED = "Regressed";
    /** Compared with the baseline; nothing slower beyond the minimum effect. */
    public static final String NO_REGRESSION = "NoRegression";
    /** spec.baseline names nothing with a result for any of this run's (cluster, Go version) pairs. */
    public static final String NO_BASELINE = "NoBaseline";
    // MemberCluster Ready
    public static final String PROBE_SUCCEEDED = "ProbeSucceeded";
    public static final String UNREACHABLE = "Unreachable";
    public static final String UNAUTHORIZED = "Unauthorized";
    /** The member's RBAC denies something the operator needs; the message names it (e.g. pods/log get). */
    public static final String FORBIDDEN = "Forbidden";
    /** TLS handshake with the member failed (CA in the kubeconfig does not match, or not TLS at all). */
    public static final String TLS_ERROR = "TLSError";
    /** Connected, but the member's Job/Pod caches have not completed a first listing yet. */
    public static final String CACHES_NOT_SYNCED = "CachesNotSynced";
    public static final String SECRET_NOT_FOUND = "SecretNotFound";
    public static final String INVALID_KUBECONFIG = "InvalidKubeconfig";
    // MemberCluster Degraded (the member stays Ready: runs are still placed there)
    /** Median probe round trip over the window at or above mapbench.member.slow-probe. */
    public static final String SLOW_LINK = "SlowLink";
    /** At least two probes in the window could not reach the member, fewer than unreachable-after in a row. */
    public static final String INTERMITTENT_PROBE_FAILURES = "IntermittentProbeFailures";
    /** Degraded=False: probes answer fast enough and (almost) always. */
    public static final String LINK_HEALTHY = "LinkHealthy";

    private ConditionReasons() {
    }
}
