package io.mapbench.operator.cluster;

/** Why a member is not Ready: the condition reason (CamelCase) and a message saying what to do. */
record ReadyProblem(String reason, String message) {
}
