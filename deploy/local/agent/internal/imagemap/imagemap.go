// Package imagemap turns container image names into local commands, following the rules in
// deploy/local/images.yaml. The local clusters have no container runtime: an "image" is a program
// on this machine, and a rule says which one.
//
// Semantics follow Docker's ENTRYPOINT/CMD as Kubernetes applies them: a rule's entrypoint plays
// the image's ENTRYPOINT (images here have no default CMD); a container's `command` replaces it
// (only where the rule sets allowCommand, since a real image without a shell could not run an
// arbitrary command either) and its `args` are appended.
package imagemap

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"

	"sigs.k8s.io/yaml"
)

// File is the parsed images.yaml.
type File struct {
	Images []Rule `json:"images"`
	source string
}

// Rule maps the images matching Match to a command.
type Rule struct {
	// Name identifies the rule in messages.
	Name string `json:"name"`
	// Match is a regular expression over the whole image reference; named groups become
	// placeholders for Entrypoint.
	Match string `json:"match"`
	// Entrypoint is the image's ENTRYPOINT; placeholders {repo}, {arch}, {agentDir} and named
	// groups of Match are substituted.
	Entrypoint []string `json:"entrypoint"`
	// AllowCommand lets a container's `command` replace the entrypoint.
	AllowCommand bool `json:"allowCommand"`

	re *regexp.Regexp
}

// Vars are the placeholder values that do not come from the image name.
type Vars struct {
	Repo     string // repository root
	Arch     string // node architecture (amd64, arm64)
	AgentDir string // directory of the node-agent binary (its helper binaries live beside it)
}

// ErrUnknownImage is returned (wrapped) when no rule matches.
var ErrUnknownImage = errors.New("unknown image")

// ErrCommandNotAllowed is returned (wrapped) when a container sets `command` for an image whose
// rule does not allow it.
var ErrCommandNotAllowed = errors.New("command override not allowed")

var placeholder = regexp.MustCompile(`\{([A-Za-z][A-Za-z0-9]*)\}`)

// Load reads and validates an images.yaml file.
func Load(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("images: %w", err)
	}
	return Parse(data, path)
}

// Parse validates images.yaml content; source names the file in messages.
func Parse(data []byte, source string) (*File, error) {
	f := &File{source: source}
	if err := yaml.UnmarshalStrict(data, f); err != nil {
		return nil, fmt.Errorf("%s: %w", source, err)
	}
	if len(f.Images) == 0 {
		return nil, fmt.Errorf("%s: images: at least one rule is required", source)
	}
	for i := range f.Images {
		r := &f.Images[i]
		field := fmt.Sprintf("%s: images[%d]", source, i)
		if r.Name == "" {
			return nil, fmt.Errorf("%s.name: must not be empty", field)
		}
		re, err := regexp.Compile(r.Match)
		if err != nil || r.Match == "" {
			return nil, fmt.Errorf("%s (%s).match: %q is not a valid regular expression: %v", field, r.Name, r.Match, err)
		}
		r.re = re
		if len(r.Entrypoint) == 0 {
			return nil, fmt.Errorf("%s (%s).entrypoint: must name at least the program to run", field, r.Name)
		}
		known := map[string]bool{"repo": true, "arch": true, "agentDir": true}
		for _, g := range re.SubexpNames() {
			if g != "" {
				known[g] = true
			}
		}
		for _, word := range r.Entrypoint {
			for _, m := range placeholder.FindAllStringSubmatch(word, -1) {
				if !known[m[1]] {
					return nil, fmt.Errorf("%s (%s).entrypoint: placeholder {%s} is unknown; allowed: {repo}, {arch}, {agentDir} and the named groups of match", field, r.Name, m[1])
				}
			}
		}
	}
	return f, nil
}

// Resolved is the outcome of mapping one image.
type Resolved struct {
	Rule       *Rule
	Entrypoint []string
}

// Resolve finds the first rule whose Match covers the whole image reference.
func (f *File) Resolve(image string, v Vars) (*Resolved, error) {
	for i := range f.Images {
		r := &f.Images[i]
		m := r.re.FindStringSubmatch(image)
		if m == nil || m[0] != image {
			continue
		}
		values := map[string]string{"repo": v.Repo, "arch": v.Arch, "agentDir": v.AgentDir}
		for gi, g := range r.re.SubexpNames() {
			if g != "" {
				values[g] = m[gi]
			}
		}
		ep := make([]string, len(r.Entrypoint))
		for wi, word := range r.Entrypoint {
			ep[wi] = placeholder.ReplaceAllStringFunc(word, func(p string) string {
				return values[p[1:len(p)-1]]
			})
		}
		return &Resolved{Rule: r, Entrypoint: ep}, nil
	}
	names := make([]string, len(f.Images))
	for i, r := range f.Images {
		names[i] = r.Name
	}
	return nil, fmt.Errorf("%w: image %q matches no rule in %s (rules: %s); add a rule there or use a mapped image",
		ErrUnknownImage, image, f.source, strings.Join(names, ", "))
}

// Argv composes the process argument vector from the resolved image and the container's command
// and args, the way a container runtime combines ENTRYPOINT with Kubernetes command/args.
func (r *Resolved) Argv(image string, command, args []string) ([]string, error) {
	if len(command) > 0 {
		if !r.Rule.AllowCommand {
			return nil, fmt.Errorf("%w: image %q (rule %s) runs %q and does not allow `command`; set only `args`, or use an image whose rule sets allowCommand: true",
				ErrCommandNotAllowed, image, r.Rule.Name, r.Entrypoint[0])
		}
		return append(append([]string{}, command...), args...), nil
	}
	return append(append([]string{}, r.Entrypoint...), args...), nil
}
