package scenarios

import (
	"os"
	"testing"
)

// TestMain lets the test binary act as the concurrent-write child: the
// scenario re-executes os.Executable(), which here is the test binary.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == ChildCommand {
		os.Exit(RunConcurrentWriteChild(os.Args[2:]))
	}
	os.Exit(m.Run())
}
