//go:build (go1.24 && goexperiment.swissmap) || go1.26

package environ

// MapImpl is "swiss" (Swiss tables): Go 1.24 and 1.25 by default (the
// swissmap experiment is on), and Go 1.26+, which has no other map.
const MapImpl = "swiss"
