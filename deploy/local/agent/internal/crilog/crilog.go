// Package crilog writes and reads container output in the CRI logging format the kubelet uses:
// one record per line, "<RFC3339Nano time> <stdout|stderr> <F|P> <content>", where P marks a
// partial line (split because it was longer than the buffer). Keeping the time of every record
// is what makes the kubelet log endpoint's timestamps, sinceTime and tailLines answerable.
package crilog

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

const maxLine = 16 * 1024

// Writer appends records to one log file; stdout and stderr copiers share it.
type Writer struct {
	mu  sync.Mutex
	out io.Writer
	now func() time.Time
}

// NewWriter writes records to out.
func NewWriter(out io.Writer) *Writer { return &Writer{out: out, now: time.Now} }

// Copy reads a stream until EOF and records each line.
func (w *Writer) Copy(stream string, r io.Reader) error {
	br := bufio.NewReaderSize(r, maxLine)
	for {
		line, err := br.ReadSlice('\n')
		if len(line) > 0 {
			tag := "F"
			if line[len(line)-1] == '\n' {
				line = line[:len(line)-1]
			} else if errors.Is(err, bufio.ErrBufferFull) {
				tag = "P"
			}
			if werr := w.record(stream, tag, line); werr != nil {
				return werr
			}
		}
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
}

func (w *Writer) record(stream, tag string, content []byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	var b bytes.Buffer
	b.WriteString(w.now().UTC().Format(time.RFC3339Nano))
	b.WriteByte(' ')
	b.WriteString(stream)
	b.WriteByte(' ')
	b.WriteString(tag)
	b.WriteByte(' ')
	b.Write(content)
	b.WriteByte('\n')
	_, err := w.out.Write(b.Bytes())
	return err
}

// Record is one parsed log record.
type Record struct {
	Time    time.Time
	Stream  string
	Partial bool
	Content string
}

// Parse parses one record line (without its newline).
func Parse(line string) (Record, error) {
	parts := strings.SplitN(line, " ", 4)
	if len(parts) < 3 {
		return Record{}, fmt.Errorf("malformed log record %q", line)
	}
	t, err := time.Parse(time.RFC3339Nano, parts[0])
	if err != nil {
		return Record{}, fmt.Errorf("malformed log record time %q: %v", parts[0], err)
	}
	r := Record{Time: t, Stream: parts[1], Partial: parts[2] == "P"}
	if len(parts) == 4 {
		r.Content = parts[3]
	}
	return r, nil
}

// Options are the kubelet log endpoint's query parameters.
type Options struct {
	Follow     bool
	TailLines  *int64
	LimitBytes *int64
	Timestamps bool
	SinceTime  *time.Time
}

// Render writes one record as the log endpoint shows it.
func (r Record) Render(w io.Writer, timestamps bool) (int, error) {
	var b strings.Builder
	if timestamps {
		b.WriteString(r.Time.UTC().Format(time.RFC3339Nano))
		b.WriteByte(' ')
	}
	b.WriteString(r.Content)
	if !r.Partial {
		b.WriteByte('\n')
	}
	return io.WriteString(w, b.String())
}

// Stream writes the log file at path to w according to opts. With Follow it keeps reading new
// records until done() reports that no more output can come (the process exited) or ctx ends.
func Stream(ctx context.Context, path string, opts Options, w io.Writer, done func() bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var remaining int64 = -1
	if opts.LimitBytes != nil {
		remaining = *opts.LimitBytes
	}
	emit := func(r Record) (bool, error) {
		if opts.SinceTime != nil && r.Time.Before(*opts.SinceTime) {
			return true, nil
		}
		var b bytes.Buffer
		r.Render(&b, opts.Timestamps)
		out := b.Bytes()
		if remaining >= 0 && int64(len(out)) > remaining {
			out = out[:remaining]
		}
		if _, err := w.Write(out); err != nil {
			return false, err
		}
		if fl, ok := w.(interface{ Flush() }); ok {
			fl.Flush()
		}
		if remaining >= 0 {
			remaining -= int64(len(out))
			if remaining == 0 {
				return false, nil
			}
		}
		return true, nil
	}

	br := bufio.NewReader(f)
	var pending []Record // only used for tailLines: the last N records before following
	var carry string     // an incomplete line at the current end of the file
	readAvailable := func(handle func(Record) (bool, error)) (bool, error) {
		for {
			chunk, err := br.ReadString('\n')
			carry += chunk
			if err != nil {
				if errors.Is(err, io.EOF) {
					return true, nil
				}
				return false, err
			}
			line := strings.TrimSuffix(carry, "\n")
			carry = ""
			rec, perr := Parse(line)
			if perr != nil {
				continue
			}
			if cont, herr := handle(rec); !cont || herr != nil {
				return false, herr
			}
		}
	}
	if opts.TailLines != nil {
		n := int(*opts.TailLines)
		if _, err := readAvailable(func(r Record) (bool, error) {
			pending = append(pending, r)
			if len(pending) > n {
				pending = pending[len(pending)-n:]
			}
			return true, nil
		}); err != nil {
			return err
		}
		if n == 0 {
			pending = nil
		}
		for _, r := range pending {
			if cont, err := emit(r); !cont || err != nil {
				return err
			}
		}
	} else if cont, err := readAvailable(emit); !cont || err != nil {
		return err
	}
	if !opts.Follow {
		return nil
	}
	for {
		finished := done()
		cont, err := readAvailable(emit)
		if !cont || err != nil {
			return err
		}
		if finished {
			return nil
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// Tail returns the content of the last n lines of a log file, at most maxBytes long (for
// terminationMessagePolicy FallbackToLogsOnError).
func Tail(path string, n int, maxBytes int) (string, error) {
	var b bytes.Buffer
	tl := int64(n)
	if err := Stream(context.Background(), path, Options{TailLines: &tl}, &b, func() bool { return true }); err != nil {
		return "", err
	}
	out := b.Bytes()
	if len(out) > maxBytes {
		out = out[len(out)-maxBytes:]
	}
	return string(out), nil
}
