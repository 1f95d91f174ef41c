module mapbench.io/workload

// go 1.21 is the floor: the binary is built with Go 1.21.x, 1.23.x and 1.26.x
// (see go-versions.txt); non-test code uses the standard library only.
go 1.21

require github.com/santhosh-tekuri/jsonschema/v6 v6.0.2

require golang.org/x/text v0.14.0 // indirect
