package crilog

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func writeLog(t *testing.T, lines map[string]string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "0.log")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := NewWriter(f)
	tick := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	w.now = func() time.Time { tick = tick.Add(time.Second); return tick }
	if err := w.Copy("stdout", strings.NewReader(lines["stdout"])); err != nil {
		t.Fatal(err)
	}
	if err := w.Copy("stderr", strings.NewReader(lines["stderr"])); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestStreamOptions(t *testing.T) {
	path := writeLog(t, map[string]string{"stdout": "one\ntwo\nthree\n", "stderr": "oops"})
	since := time.Date(2026, 1, 2, 3, 4, 8, 0, time.UTC)
	two, five := int64(2), int64(5)
	cases := []struct {
		name string
		opts Options
		want string
	}{
		{"all", Options{}, "one\ntwo\nthree\noops\n"},
		{"tail", Options{TailLines: &two}, "three\noops\n"},
		{"limit", Options{LimitBytes: &five}, "one\nt"},
		{"timestamps", Options{TailLines: &two, Timestamps: true}, "2026-01-02T03:04:08Z three\n2026-01-02T03:04:09Z oops\n"},
		{"since", Options{SinceTime: &since}, "three\noops\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Stream(context.Background(), path, c.opts, &b, func() bool { return true }); err != nil {
				t.Fatal(err)
			}
			if b.String() != c.want {
				t.Fatalf("got %q, want %q", b.String(), c.want)
			}
		})
	}
}

func TestLongLinesArePartial(t *testing.T) {
	long := strings.Repeat("x", maxLine+10)
	path := writeLog(t, map[string]string{"stdout": long + "\nend\n"})
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), " stdout P ") {
		t.Fatalf("no partial record in %q...", data[:80])
	}
	var b bytes.Buffer
	if err := Stream(context.Background(), path, Options{}, &b, func() bool { return true }); err != nil {
		t.Fatal(err)
	}
	if b.String() != long+"\nend\n" {
		t.Fatalf("reassembled output differs (len %d)", b.Len())
	}
}

func TestFollowUntilDone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "0.log")
	f, _ := os.Create(path)
	w := NewWriter(f)
	finished := make(chan struct{})
	go func() {
		w.Copy("stdout", strings.NewReader("first\n"))
		time.Sleep(300 * time.Millisecond)
		w.Copy("stdout", strings.NewReader("second\n"))
		f.Close()
		close(finished)
	}()
	var b bytes.Buffer
	done := func() bool {
		select {
		case <-finished:
			return true
		default:
			return false
		}
	}
	if err := Stream(context.Background(), path, Options{Follow: true}, &b, done); err != nil {
		t.Fatal(err)
	}
	if b.String() != "first\nsecond\n" {
		t.Fatalf("got %q", b.String())
	}
}

func TestTail(t *testing.T) {
	path := writeLog(t, map[string]string{"stdout": "a\nb\nc\n"})
	got, err := Tail(path, 2, 3)
	if err != nil || got != "\nc\n" {
		t.Fatalf("got %q, %v", got, err)
	}
}
