package mapbench.admission

# policies/data/*.json load under data.data (see admission.rego).
import data.data as config

# Workload images come only from repositories the platform owners trust
# (policies/data/images.json); exact match, so "ghcr.io/mapbench-evil" is not "ghcr.io/mapbench".
# An unset imageRepository means the operator's configured default, which is not judged here.

violation contains {"rule": "image-repository", "field": "spec.imageRepository", "message": msg} if {
	repository := input.run.spec.imageRepository
	not repository in {r | some r in config.allowedImageRepositories}
	msg := sprintf(
		"image repository %s is not allowed: set spec.imageRepository to one of %s, or leave it unset to use the operator's default",
		[_display(repository), concat(", ", sort(config.allowedImageRepositories))],
	)
}
