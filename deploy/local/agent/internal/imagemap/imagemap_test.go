package imagemap

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestRepositoryImagesFile(t *testing.T) {
	f, err := Load("../../../images.yaml")
	if err != nil {
		t.Fatal(err)
	}
	vars := Vars{Repo: "/r", Arch: "arm64", AgentDir: "/cache/agent/h"}
	cases := []struct {
		image         string
		command, args []string
		want          []string
		wantErr       error
	}{
		{image: "ghcr.io/acme/mapbench-workload:go1.24.6", args: []string{"run", "--suite", "smoke"},
			want: []string{"/r/workload/bin/go1.24.6/arm64/mapbench", "run", "--suite", "smoke"}},
		{image: "mapbench-workload:go1.26.8", want: []string{"/r/workload/bin/go1.26.8/arm64/mapbench"}},
		{image: "localhost:5000/x/mapbench-workload:go1.26.8", want: []string{"/r/workload/bin/go1.26.8/arm64/mapbench"}},
		{image: "mapbench-workload:latest", wantErr: ErrUnknownImage},
		{image: "mapbench-workload:go1.26.8", command: []string{"/bin/sh"}, wantErr: ErrCommandNotAllowed},
		{image: "quay.io/mapbench/mapbench-operator:0.1.0-SNAPSHOT",
			want: []string{"java", "-jar", "/r/operator/target/quarkus-app/quarkus-run.jar"}},
		{image: "mapbench.local/shell", args: []string{"echo hi"}, want: []string{"/bin/sh", "-c", "echo hi"}},
		{image: "mapbench.local/shell:v1", command: []string{"sh", "-c", "exit 3"}, want: []string{"sh", "-c", "exit 3"}},
		{image: "mapbench.local/archprobe", args: []string{"--exit", "0"}, want: []string{"/cache/agent/h/archprobe-arm64", "--exit", "0"}},
		{image: "busybox", wantErr: ErrUnknownImage},
	}
	for _, c := range cases {
		t.Run(c.image, func(t *testing.T) {
			r, err := f.Resolve(c.image, vars)
			var argv []string
			if err == nil {
				argv, err = r.Argv(c.image, c.command, c.args)
			}
			if c.wantErr != nil {
				if !errors.Is(err, c.wantErr) {
					t.Fatalf("got %v, want %v", err, c.wantErr)
				}
				if !strings.Contains(err.Error(), c.image) {
					t.Fatalf("message does not name the image: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(argv, c.want) {
				t.Fatalf("argv %q, want %q", argv, c.want)
			}
		})
	}
}

func TestUnknownImageMessageNamesFile(t *testing.T) {
	f, err := Parse([]byte("images: [{name: a, match: 'x', entrypoint: [/bin/true]}]"), "deploy/local/images.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.Resolve("y", Vars{})
	if err == nil || !strings.Contains(err.Error(), "deploy/local/images.yaml") || !strings.Contains(err.Error(), `"y"`) {
		t.Fatalf("message: %v", err)
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct{ name, yaml, want string }{
		{"empty", "images: []", "at least one rule"},
		{"bad regexp", "images: [{name: a, match: '(', entrypoint: [x]}]", "match"},
		{"no entrypoint", "images: [{name: a, match: 'x'}]", "entrypoint: must name"},
		{"unknown placeholder", "images: [{name: a, match: 'x', entrypoint: ['{nope}']}]", "placeholder {nope} is unknown"},
		{"unknown field", "images: [{name: a, match: 'x', entrypoint: [x], cmd: [y]}]", "cmd"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse([]byte(c.yaml), "i.yaml")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want error containing %q", err, c.want)
			}
		})
	}
}
