package io.mapbench.operator.api.v1alpha1;

import static io.mapbench.operator.api.v1alpha1.Vocabulary.DURATION_MAX_LENGTH;
import static io.mapbench.operator.api.v1alpha1.Vocabulary.DURATION_PATTERN;
import static io.mapbench.operator.api.v1alpha1.Vocabulary.GO_VERSION_MAX_LENGTH;
import static io.mapbench.operator.api.v1alpha1.Vocabulary.GO_VERSION_PATTERN;
import static io.mapbench.operator.api.v1alpha1.Vocabulary.IMAGE_REPOSITORY_MAX_LENGTH;
import static io.mapbench.operator.api.v1alpha1.Vocabulary.IMAGE_REPOSITORY_PATTERN;
import static io.mapbench.operator.api.v1alpha1.Vocabulary.SCENARIO_ID_MAX_LENGTH;
import static io.mapbench.operator.api.v1alpha1.Vocabulary.SCENARIO_ID_PATTERN;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** What to benchmark, with which toolchains, where and how. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.suite) || has(self.scenarios)",
        message = "set spec.suite (smoke, quick or seed) or spec.scenarios (scenario IDs from `mapbench list`), or both",
        reason = "FieldValueRequired")
@ValidationRule(value = "!has(self.cleanup) || !has(self.cleanup.ttlAfterFinished) || !has(self.ttlAfterFinished)",
        message = "set spec.cleanup.ttlAfterFinished or the deprecated spec.ttlAfterFinished, not both")
public class BenchmarkRunSpec {
    @JsonPropertyDescription("Named scenario set of the workload catalog: smoke (about 3 s, for tests), quick (about 60 s) or"
            + " seed (all seed experiments). A suite picks scenarios and a default matrix; spec.scenarios and each"
            + " spec.matrix list that is set replace the suite's.")
    private Suite suite;

    @JsonPropertyDescription("Scenario IDs to run, as printed by `mapbench list` (kebab-case, at most 40 characters)."
            + " Replaces the suite's scenarios. Combinations a scenario cannot run are skipped and listed in the result.")
    @Size(min = 1, max = 100)
    @ItemSchema(pattern = SCENARIO_ID_PATTERN, maxLength = SCENARIO_ID_MAX_LENGTH)
    @ValidationRule(value = "self.all(x, self.exists_one(y, y == x))", message = "spec.scenarios must not repeat a scenario ID")
    private List<String> scenarios;

    @JsonPropertyDescription("Key types, value types and sizes to measure; each list that is set replaces the suite's.")
    private MatrixSpec matrix;

    @Required
    @JsonPropertyDescription("Go toolchains to run the workload with: `1.N` (resolved to the patch release listed in"
            + " workload/go-versions.txt) or `1.N.P`. One job per (cluster, Go version).")
    @Size(min = 1, max = 8)
    @ItemSchema(pattern = GO_VERSION_PATTERN, maxLength = GO_VERSION_MAX_LENGTH)
    @ValidationRule(value = "self.all(x, self.exists_one(y, y == x))", message = "spec.goVersions must not repeat a version")
    private List<String> goVersions;

    @JsonPropertyDescription("Image repository of the workload images `<repository>/mapbench-workload:go1.N.P`; default:"
            + " the operator's configured repository. Policy decides which repositories are allowed.")
    @Pattern(IMAGE_REPOSITORY_PATTERN)
    @Size(max = IMAGE_REPOSITORY_MAX_LENGTH)
    private String imageRepository;

    @JsonPropertyDescription("Samples per benchmark (go test -count); statistics need several. Default 10.")
    @Default("10")
    @Min(1)
    @Max(100)
    private Integer repetitions;

    @JsonPropertyDescription("Target time per sample, a Go duration such as `500ms` or `1s`, or an iteration count `<N>x`"
            + " such as `1000x` (go test -benchtime). Default: the suite's.")
    @Size(max = DURATION_MAX_LENGTH)
    @ValidationRule(value = "self.matches('^[1-9][0-9]*x$') || (self.matches('" + DURATION_PATTERN + "')"
            + " && duration(self) > duration('0s'))",
            message = "spec.benchtime must be a positive Go duration such as 500ms, 1s or 1m30s, or an iteration count such as 1000x")
    private String benchtime;

    @JsonPropertyDescription("GOMAXPROCS for the workload; default: derived from the pod's CPU limit.")
    @Min(1)
    @Max(256)
    private Integer gomaxprocs;

    @JsonPropertyDescription("GOGC percentage for the workload (-1 turns the garbage collector off); default: Go's 100.")
    @Min(-1)
    @Max(10000)
    private Integer gogc;

    @JsonPropertyDescription("Which member clusters run the benchmark.")
    private PlacementSpec placement;

    @JsonPropertyDescription("CPU and memory of each workload pod. Requests must equal limits (Guaranteed QoS) so"
            + " benchmarks get whole, unshared CPUs. Default: the operator's configured resources.")
    private ResourcesSpec resources;

    @JsonPropertyDescription("Maximum run time of one job, a Go duration (becomes the Job's activeDeadlineSeconds). Default 30m.")
    @Default("30m")
    @Size(max = DURATION_MAX_LENGTH)
    @ValidationRule(value = "self.matches('" + DURATION_PATTERN + "') && duration(self) >= duration('1s')",
            message = "spec.timeout must be a Go duration of at least 1s, such as 90s, 30m or 1h")
    private String timeout;

    @JsonPropertyDescription("How often a failed job pod is retried (the Job's backoffLimit). Invalid input (exit code 2)"
            + " is never retried. Default 1.")
    @Default("1")
    @Min(0)
    @Max(5)
    private Integer retries;

    @JsonPropertyDescription("Protection of running benchmark pods against voluntary eviction (node drains).")
    @Default("{}")
    private DisruptionSpec disruption;

    @JsonPropertyDescription("Deprecated: use spec.cleanup.ttlAfterFinished. How long remote objects (Jobs, pods,"
            + " budgets) are kept in member clusters after the run finished, a Go duration. Default 1h.")
    @Size(max = DURATION_MAX_LENGTH)
    @ValidationRule(value = "self.matches('^0s?$') || self.matches('" + DURATION_PATTERN + "')",
            message = "spec.ttlAfterFinished must be a Go duration such as 0s, 10m or 24h")
    private String ttlAfterFinished;

    @JsonPropertyDescription("What happens to the run's objects in member clusters once it finished: ttlAfterFinished"
            + " and keepFailed.")
    private CleanupSpec cleanup;

    @JsonPropertyDescription("What happens to the run's BenchmarkResults when the run is deleted: Delete (default,"
            + " owned by the run) or Retain.")
    @Default("Delete")
    private ResultRetention resultRetention;

    @JsonPropertyDescription("What this run's results are compared with when it finishes (a named run, or the previous run"
            + " of a schedule); the comparison is stored in each BenchmarkResult and summarised in status.comparison.")
    private BaselineSpec baseline;

    public Suite getSuite() {
        return suite;
    }

    public void setSuite(Suite suite) {
        this.suite = suite;
    }

    public List<String> getScenarios() {
        return scenarios;
    }

    public void setScenarios(List<String> scenarios) {
        this.scenarios = scenarios;
    }

    public MatrixSpec getMatrix() {
        return matrix;
    }

    public void setMatrix(MatrixSpec matrix) {
        this.matrix = matrix;
    }

    public List<String> getGoVersions() {
        return goVersions;
    }

    public void setGoVersions(List<String> goVersions) {
        this.goVersions = goVersions;
    }

    public String getImageRepository() {
        return imageRepository;
    }

    public void setImageRepository(String imageRepository) {
        this.imageRepository = imageRepository;
    }

    public Integer getRepetitions() {
        return repetitions;
    }

    public void setRepetitions(Integer repetitions) {
        this.repetitions = repetitions;
    }

    public String getBenchtime() {
        return benchtime;
    }

    public void setBenchtime(String benchtime) {
        this.benchtime = benchtime;
    }

    public Integer getGomaxprocs() {
        return gomaxprocs;
    }

    public void setGomaxprocs(Integer gomaxprocs) {
        this.gomaxprocs = gomaxprocs;
    }

    public Integer getGogc() {
        return gogc;
    }

    public void setGogc(Integer gogc) {
        this.gogc = gogc;
    }

    public PlacementSpec getPlacement() {
        return placement;
    }

    public void setPlacement(PlacementSpec placement) {
        this.placement = placement;
    }

    public ResourcesSpec getResources() {
        return resources;
    }

    public void setResources(ResourcesSpec resources) {
        this.resources = resources;
    }

    public String getTimeout() {
        return timeout;
    }

    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }

    public Integer getRetries() {
        return retries;
    }

    public void setRetries(Integer retries) {
        this.retries = retries;
    }

    public DisruptionSpec getDisruption() {
        return disruption;
    }

    public void setDisruption(DisruptionSpec disruption) {
        this.disruption = disruption;
    }

    public String getTtlAfterFinished() {
        return ttlAfterFinished;
    }

    public void setTtlAfterFinished(String ttlAfterFinished) {
        this.ttlAfterFinished = ttlAfterFinished;
    }

    public CleanupSpec getCleanup() {
        return cleanup;
    }

    public void setCleanup(CleanupSpec cleanup) {
        this.cleanup = cleanup;
    }

    public ResultRetention getResultRetention() {
        return resultRetention;
    }

    public void setResultRetention(ResultRetention resultRetention) {
        this.resultRetention = resultRetention;
    }

    public BaselineSpec getBaseline() {
        return baseline;
    }

    public void setBaseline(BaselineSpec baseline) {
        this.baseline = baseline;
    }
}
