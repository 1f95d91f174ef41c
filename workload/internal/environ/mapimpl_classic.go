//go:build !go1.24 || (go1.24 && !go1.26 && !goexperiment.swissmap)

package environ

// MapImpl is "classic" (bucket) maps: every toolchain before Go 1.24, and
// Go 1.24/1.25 built with GOEXPERIMENT=noswissmap.
const MapImpl = "classic"
