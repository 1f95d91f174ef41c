// Package podenv computes a container's environment the way the kubelet does: env and envFrom,
// values from fieldRef / resourceFieldRef (limits default to the node's allocatable, as the
// kubelet does), ConfigMap and Secret keys, and $(VAR) expansion in env values, command and args.
package podenv

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
)

// Lookup fetches the objects env may refer to.
type Lookup interface {
	ConfigMap(namespace, name string) (*corev1.ConfigMap, error)
	Secret(namespace, name string) (*corev1.Secret, error)
}

// Input is everything the environment depends on.
type Input struct {
	Pod         *corev1.Pod
	Container   *corev1.Container
	Allocatable corev1.ResourceList // node allocatable: the value of an unset limit
	HostIP      string
	Base        []Var // variables every container gets first (PATH, HOME, KUBERNETES_SERVICE_*)
	Lookup      Lookup
}

// Var is one environment variable.
type Var struct{ Name, Value string }

// Build returns the environment in order (later entries override earlier ones of the same name
// when handed to exec, as in a container runtime) and the final name->value map for expansion.
func Build(in Input) ([]Var, map[string]string, error) {
	vars := append([]Var{}, in.Base...)
	values := map[string]string{}
	for _, v := range in.Base {
		values[v.Name] = v.Value
	}
	set := func(name, value string) {
		vars = append(vars, Var{name, value})
		values[name] = value
	}
	ns := in.Pod.Namespace
	for _, from := range in.Container.EnvFrom {
		var data map[string]string
		switch {
		case from.ConfigMapRef != nil:
			cm, err := in.Lookup.ConfigMap(ns, from.ConfigMapRef.Name)
			if err != nil {
				if isOptional(from.ConfigMapRef.Optional) {
					continue
				}
				return nil, nil, fmt.Errorf("envFrom configMapRef %q: %v", from.ConfigMapRef.Name, err)
			}
			data = cm.Data
		case from.SecretRef != nil:
			s, err := in.Lookup.Secret(ns, from.SecretRef.Name)
			if err != nil {
				if isOptional(from.SecretRef.Optional) {
					continue
				}
				return nil, nil, fmt.Errorf("envFrom secretRef %q: %v", from.SecretRef.Name, err)
			}
			data = map[string]string{}
			for k, v := range s.Data {
				data[k] = string(v)
			}
		}
		keys := make([]string, 0, len(data))
		for k := range data {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			set(from.Prefix+k, data[k])
		}
	}
	for _, e := range in.Container.Env {
		if e.ValueFrom == nil {
			set(e.Name, Expand(e.Value, values))
			continue
		}
		v, skip, err := valueFrom(in, e.ValueFrom)
		if err != nil {
			return nil, nil, fmt.Errorf("env %s: %v", e.Name, err)
		}
		if !skip {
			set(e.Name, v)
		}
	}
	return vars, values, nil
}

func isOptional(b *bool) bool { return b != nil && *b }

func valueFrom(in Input, src *corev1.EnvVarSource) (value string, skip bool, err error) {
	pod := in.Pod
	switch {
	case src.FieldRef != nil:
		v, err := fieldValue(pod, in.HostIP, src.FieldRef.FieldPath)
		return v, false, err
	case src.ResourceFieldRef != nil:
		v, err := resourceValue(in, src.ResourceFieldRef)
		return v, false, err
	case src.ConfigMapKeyRef != nil:
		ref := src.ConfigMapKeyRef
		cm, err := in.Lookup.ConfigMap(pod.Namespace, ref.Name)
		if err != nil {
			return "", isOptional(ref.Optional), optionalErr(ref.Optional, fmt.Errorf("configMapKeyRef %s: %v", ref.Name, err))
		}
		v, ok := cm.Data[ref.Key]
		if !ok {
			return "", isOptional(ref.Optional), optionalErr(ref.Optional, fmt.Errorf("configMapKeyRef %s: key %q not found", ref.Name, ref.Key))
		}
		return v, false, nil
	case src.SecretKeyRef != nil:
		ref := src.SecretKeyRef
		s, err := in.Lookup.Secret(pod.Namespace, ref.Name)
		if err != nil {
			return "", isOptional(ref.Optional), optionalErr(ref.Optional, fmt.Errorf("secretKeyRef %s: %v", ref.Name, err))
		}
		v, ok := s.Data[ref.Key]
		if !ok {
			return "", isOptional(ref.Optional), optionalErr(ref.Optional, fmt.Errorf("secretKeyRef %s: key %q not found", ref.Name, ref.Key))
		}
		return string(v), false, nil
	}
	return "", false, fmt.Errorf("valueFrom: none of fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef is set")
}

func optionalErr(optional *bool, err error) error {
	if isOptional(optional) {
		return nil
	}
	return err
}

func fieldValue(pod *corev1.Pod, hostIP, path string) (string, error) {
	if key, ok := subscript(path, "metadata.labels"); ok {
		return pod.Labels[key], nil
	}
	if key, ok := subscript(path, "metadata.annotations"); ok {
		return pod.Annotations[key], nil
	}
	switch path {
	case "metadata.name":
		return pod.Name, nil
	case "metadata.namespace":
		return pod.Namespace, nil
	case "metadata.uid":
		return string(pod.UID), nil
	case "spec.nodeName":
		return pod.Spec.NodeName, nil
	case "spec.serviceAccountName":
		return pod.Spec.ServiceAccountName, nil
	case "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs":
		// Pods share the node's loopback network.
		return hostIP, nil
	}
	return "", fmt.Errorf("fieldRef %q is not supported; supported: metadata.name, metadata.namespace, metadata.uid, metadata.labels['k'], metadata.annotations['k'], spec.nodeName, spec.serviceAccountName, status.hostIP(s), status.podIP(s)", path)
}

func subscript(path, prefix string) (string, bool) {
	if !strings.HasPrefix(path, prefix+"['") || !strings.HasSuffix(path, "']") {
		return "", false
	}
	return path[len(prefix)+2 : len(path)-2], true
}

func resourceValue(in Input, ref *corev1.ResourceFieldSelector) (string, error) {
	c := in.Container
	if ref.ContainerName != "" && ref.ContainerName != c.Name {
		found := false
		for i := range in.Pod.Spec.Containers {
			if in.Pod.Spec.Containers[i].Name == ref.ContainerName {
				c, found = &in.Pod.Spec.Containers[i], true
			}
		}
		if !found {
			return "", fmt.Errorf("resourceFieldRef: container %q is not in the pod", ref.ContainerName)
		}
	}
	kind, name, ok := strings.Cut(ref.Resource, ".")
	if !ok || (kind != "limits" && kind != "requests") {
		return "", fmt.Errorf("resourceFieldRef %q: allowed: limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu, requests.memory, requests.ephemeral-storage", ref.Resource)
	}
	rn := corev1.ResourceName(name)
	var q resource.Quantity
	var have bool
	if kind == "limits" {
		q, have = c.Resources.Limits[rn]
		if !have {
			q, have = in.Allocatable[rn]
		}
	} else {
		q, have = c.Resources.Requests[rn]
		if !have {
			// An unset request defaults to the limit (API defaulting), else to zero.
			q, have = c.Resources.Limits[rn]
		}
		if !have {
			q = resource.Quantity{}
		}
	}
	divisor := ref.Divisor
	if divisor.IsZero() {
		divisor = resource.MustParse("1")
	}
	switch rn {
	case corev1.ResourceCPU:
		return strconv.FormatInt(int64(math.Ceil(float64(q.MilliValue())/float64(divisor.MilliValue()))), 10), nil
	case corev1.ResourceMemory, corev1.ResourceEphemeralStorage:
		return strconv.FormatInt(int64(math.Ceil(float64(q.Value())/float64(divisor.Value()))), 10), nil
	}
	return "", fmt.Errorf("resourceFieldRef %q: resource %q is not supported; allowed: cpu, memory, ephemeral-storage", ref.Resource, name)
}

// Expand replaces $(NAME) by the value of NAME when it is defined and $$ by $, leaving undefined
// references as they are (Kubernetes' rules for env values, command and args).
func Expand(s string, values map[string]string) string {
	if !strings.Contains(s, "$") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '$' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		switch s[i+1] {
		case '$':
			b.WriteByte('$')
			i++
		case '(':
			end := strings.IndexByte(s[i+2:], ')')
			if end < 0 {
				b.WriteString(s[i:])
				return b.String()
			}
			name := s[i+2 : i+2+end]
			if v, ok := values[name]; ok {
				b.WriteString(v)
			} else {
				b.WriteString(s[i : i+3+end])
			}
			i += 2 + end
		default:
			b.WriteByte('$')
		}
	}
	return b.String()
}

// ExpandAll expands every word.
func ExpandAll(ws []string, values map[string]string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = Expand(w, values)
	}
	return out
}
