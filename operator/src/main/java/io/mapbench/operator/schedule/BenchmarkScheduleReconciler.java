package io.mapbench.operator.schedule;

import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.mapbench.operator.api.v1alpha1.BenchmarkResult;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkSchedule;
import io.mapbench.operator.api.v1alpha1.BenchmarkScheduleSpec;
import io.mapbench.operator.api.v1alpha1.BenchmarkScheduleStatus;
import io.mapbench.operator.api.v1alpha1.ChangePoint;
import io.mapbench.operator.api.v1alpha1.ChangePointSpec;
import io.mapbench.operator.api.v1alpha1.ConcurrencyPolicy;
import io.mapbench.operator.api.v1alpha1.ScheduleMetadata;

/**
 * Creates a BenchmarkSchedule's runs (DESIGN.md, "Schedules"): one per cron tick and one per new
 * run-now token, each under a deterministic name, so a repeated reconcile or a restarted operator
 * gets a conflict instead of a second run. Deletes runs beyond the history limits and results
 * beyond the change-point window, and mirrors the last finished run into the status. Never polls:
 * runs and results of the schedule (informers by the mapbench.io/schedule label) bring it back when
 * they change, and rescheduleAfter at the next tick.
 */
@ControllerConfiguration(name = BenchmarkScheduleReconciler.NAME,
        // The run-now annotation changes metadata only (no new generation) and must still reconcile.
        generationAwareEventProcessing = false)
public class BenchmarkScheduleReconciler implements Reconciler<BenchmarkSchedule> {
    public static final String NAME = "benchmarkschedule";
    static final int DEFAULT_WINDOW = 30;
    static final double DEFAULT_P_VALUE = 0.001;
    static final double DEFAULT_MIN_MAGNITUDE_PERCENT = 5;
    private static final long DEFAULT_STARTING_DEADLINE_SECONDS = 600;
    private static final Logger LOG = Logger.getLogger(BenchmarkScheduleReconciler.class);

    private final Clock clock;

    @Inject
    public BenchmarkScheduleReconciler() {
        this(Clock.systemUTC());
    }

    BenchmarkScheduleReconciler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, BenchmarkSchedule>> prepareEventSources(EventSourceContext<BenchmarkSchedule> context) {
        return List.of(bySchedule(BenchmarkRun.class, "scheduled-runs", context),
                bySchedule(BenchmarkResult.class, "scheduled-results", context));
    }

    /** An informer on the objects labelled with a schedule, each mapped to that schedule (same namespace). */
    private static <R extends HasMetadata> InformerEventSource<R, BenchmarkSchedule> bySchedule(Class<R> type, String name,
            EventSourceContext<BenchmarkSchedule> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(type, BenchmarkSchedule.class)
                .withName(name)
                .withLabelSelector(ScheduleMetadata.SCHEDULE_LABEL)
                .withSecondaryToPrimaryMapper(r -> Set.of(new ResourceID(
                        r.getMetadata().getLabels().get(ScheduleMetadata.SCHEDULE_LABEL), r.getMetadata().getNamespace())))
                .build(), context);
    }

    @Override
    public UpdateControl<BenchmarkSchedule> reconcile(BenchmarkSchedule schedule, Context<BenchmarkSchedule> context) {
        Instant now = clock.instant();
        BenchmarkScheduleSpec spec = schedule.getSpec();
        BenchmarkScheduleStatus old = schedule.getStatus();
        long generation = schedule.getMetadata().getGeneration();
        CronSchedule cron;
        try {
            cron = CronSchedule.parse(spec.getSchedule(), spec.getTimeZone());
        } catch (InvalidScheduleException e) {
            // No runs and no reschedule: only a spec change can fix it, and that brings a new event.
            return write(schedule, ScheduleStatusComputer.invalid(old, generation, now, e), Optional.empty());
        }
        List<BenchmarkRun> runs = context.getSecondaryResources(BenchmarkRun.class).stream().toList();
        RunHistory history = new RunHistory(runs);
        Set<String> existing = new java.util.HashSet<>(runs.stream().map(r -> r.getMetadata().getName()).toList());
        List<String> active = new ArrayList<>(history.active().stream().map(r -> r.getMetadata().getName()).toList());

        String lastToken = old == null ? null : old.getLastRunNowToken();
        String token = annotation(schedule, ScheduleMetadata.RUN_NOW_ANNOTATION);
        if (token != null && !token.isEmpty() && !token.equals(lastToken)) {
            BenchmarkRun run = ScheduledRunFactory.forRunNow(schedule, token);
            createIfAbsent(run, existing, context, "run-now token " + token);
            active.add(run.getMetadata().getName());
            lastToken = token;
        }

        String lastScheduleTime = old == null ? null : old.getLastScheduleTime();
        Instant since = lastScheduleTime != null ? Instant.parse(lastScheduleTime)
                : Instant.parse(schedule.getMetadata().getCreationTimestamp());
        TickPlan plan = TickPlanner.plan(cron, since, now, startingDeadline(spec), Boolean.TRUE.equals(spec.getSuspend()));
        if (plan.due().isPresent()) {
            Instant tick = plan.due().get();
            BenchmarkRun run = ScheduledRunFactory.forTick(schedule, tick);
            List<BenchmarkRun> blocking = history.active();
            if (existing.contains(run.getMetadata().getName())) {
                lastScheduleTime = tick.toString();
            } else if (!blocking.isEmpty() && spec.getConcurrencyPolicy() != ConcurrencyPolicy.Replace) {
                // Forbid: the tick waits (until its starting deadline) for the active run to finish.
                LOG.debugf("schedule %s/%s: tick %s waits for active run(s) %s", namespace(schedule), name(schedule), tick,
                        active);
            } else {
                for (BenchmarkRun replaced : blocking) {
                    delete(context, replaced, "replaced by the run of tick " + tick);
                    active.remove(replaced.getMetadata().getName());
                }
                createIfAbsent(run, existing, context, "tick " + tick);
                active.add(run.getMetadata().getName());
                lastScheduleTime = tick.toString();
            }
        }
        plan.skipped().ifPresent(t -> LOG.debugf("schedule %s/%s: tick %s missed by more than startingDeadlineSeconds",
                namespace(schedule), name(schedule), t));

        history.beyondLimits(orDefault(spec.getSuccessfulRunsHistoryLimit(), 3), orDefault(spec.getFailedRunsHistoryLimit(), 1))
                .forEach(run -> delete(context, run, "beyond the schedule's history limit"));

        List<ChangePoint> changePoints = changePoints(spec.getChangePoints(),
                context.getSecondaryResources(BenchmarkResult.class).stream().toList(), context);

        BenchmarkScheduleStatus status = ScheduleStatusComputer.valid(old, generation, now, readyMessage(spec, cron),
                new ScheduleStatusComputer.Observed(lastScheduleTime, plan.next(), history, active, lastToken, changePoints));
        return write(schedule, status, plan.wakeUpAfter(now));
    }

    /** Prunes results beyond the window and finds the change points of what is kept. */
    private List<ChangePoint> changePoints(ChangePointSpec settings, List<BenchmarkResult> results,
            Context<BenchmarkSchedule> context) {
        int window = settings == null || settings.getWindow() == null ? DEFAULT_WINDOW : settings.getWindow();
        double pValue = settings == null || settings.getPValue() == null ? DEFAULT_P_VALUE : settings.getPValue();
        double minMagnitude = settings == null || settings.getMinMagnitudePercent() == null ? DEFAULT_MIN_MAGNITUDE_PERCENT
                : settings.getMinMagnitudePercent();
        ResultHistory history = new ResultHistory(results, window);
        history.beyondWindow().forEach(r -> delete(context, r, "beyond the schedule's change-point window"));
        return ScheduleChangePoints.find(history.series(), ChangePointDetection.eDivisive(pValue, minMagnitude));
    }

    private static UpdateControl<BenchmarkSchedule> write(BenchmarkSchedule schedule, BenchmarkScheduleStatus status,
            Optional<Duration> wakeUp) {
        UpdateControl<BenchmarkSchedule> control;
        if (ScheduleStatusComputer.same(schedule.getStatus(), status)) {
            control = UpdateControl.noUpdate();
        } else {
            BenchmarkSchedule patch = new BenchmarkSchedule();
            patch.setMetadata(schedule.getMetadata());
            patch.setStatus(status);
            control = UpdateControl.patchStatus(patch);
        }
        return wakeUp.map(control::rescheduleAfter).orElse(control);
    }

    private static void createIfAbsent(BenchmarkRun run, Set<String> existing, Context<BenchmarkSchedule> context,
            String why) {
        if (existing.contains(run.getMetadata().getName())) {
            return;
        }
        try {
            context.getClient().resource(run).create();
            LOG.infof("schedule %s/%s: created run %s for %s", run.getMetadata().getNamespace(),
                    run.getMetadata().getLabels().get(ScheduleMetadata.SCHEDULE_LABEL), run.getMetadata().getName(), why);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            // Created by an earlier reconcile whose status write did not happen (or is not cached yet).
        }
        existing.add(run.getMetadata().getName());
    }

    private static void delete(Context<BenchmarkSchedule> context, HasMetadata object, String why) {
        LOG.infof("deleting %s %s/%s: %s", object.getKind(), object.getMetadata().getNamespace(),
                object.getMetadata().getName(), why);
        // Deleting what is already gone is fine (idempotent reconcile, docs/CONVENTIONS.md §7).
        context.getClient().resource(object).delete();
    }

    private static String readyMessage(BenchmarkScheduleSpec spec, CronSchedule cron) {
        return "schedule \"" + spec.getSchedule() + "\" in time zone " + cron.zone().getId() + " is valid";
    }

    private static Duration startingDeadline(BenchmarkScheduleSpec spec) {
        return Duration.ofSeconds(spec.getStartingDeadlineSeconds() == null ? DEFAULT_STARTING_DEADLINE_SECONDS
                : spec.getStartingDeadlineSeconds());
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static String annotation(HasMetadata object, String key) {
        return object.getMetadata().getAnnotations() == null ? null : object.getMetadata().getAnnotations().get(key);
    }

    private static String namespace(HasMetadata object) {
        return object.getMetadata().getNamespace();
    }

    private static String name(HasMetadata object) {
        return object.getMetadata().getName();
    }
}
