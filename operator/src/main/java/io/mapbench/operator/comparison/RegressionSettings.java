package io.mapbench.operator.comparison;

import io.mapbench.operator.api.v1alpha1.RegressionSpec;

/** alpha and minimum effect of a comparison: spec.baseline.regression with the CRD's defaults for what is unset. */
public record RegressionSettings(double alpha, double minEffectPercent) {

    public static final double DEFAULT_ALPHA = 0.05;
    public static final double DEFAULT_MIN_EFFECT_PERCENT = 5;

    public RegressionSettings {
        if (!(alpha > 0 && alpha <= 0.5)) {
            throw new IllegalArgumentException("spec.baseline.regression.alpha is " + alpha + "; allowed: 0 < alpha <= 0.5");
        }
        if (!(minEffectPercent >= 0 && minEffectPercent <= 1000)) {
            throw new IllegalArgumentException("spec.baseline.regression.minEffectPercent is " + minEffectPercent
                    + "; allowed: 0..1000");
        }
    }

    public static RegressionSettings of(RegressionSpec spec) {
        return new RegressionSettings(
                spec == null || spec.getAlpha() == null ? DEFAULT_ALPHA : spec.getAlpha(),
                spec == null || spec.getMinEffectPercent() == null ? DEFAULT_MIN_EFFECT_PERCENT : spec.getMinEffectPercent());
    }
}
