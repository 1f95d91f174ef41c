package podenv

import (
	"fmt"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

type objects struct {
	cms     map[string]*corev1.ConfigMap
	secrets map[string]*corev1.Secret
}

func (o objects) ConfigMap(ns, name string) (*corev1.ConfigMap, error) {
	if cm, ok := o.cms[ns+"/"+name]; ok {
		return cm, nil
	}
	return nil, fmt.Errorf("configmaps %q not found", name)
}

func (o objects) Secret(ns, name string) (*corev1.Secret, error) {
	if s, ok := o.secrets[ns+"/"+name]; ok {
		return s, nil
	}
	return nil, fmt.Errorf("secrets %q not found", name)
}

func fieldEnv(name, path string) corev1.EnvVar {
	return corev1.EnvVar{Name: name, ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{FieldPath: path}}}
}

func resEnv(name, res, divisor string) corev1.EnvVar {
	sel := &corev1.ResourceFieldSelector{Resource: res}
	if divisor != "" {
		sel.Divisor = resource.MustParse(divisor)
	}
	return corev1.EnvVar{Name: name, ValueFrom: &corev1.EnvVarSource{ResourceFieldRef: sel}}
}

func TestBuild(t *testing.T) {
	yes := true
	pod := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "p", Namespace: "ns", UID: "u-1", Labels: map[string]string{"app": "bench"}},
		Spec:       corev1.PodSpec{NodeName: "n1", ServiceAccountName: "sa"},
	}
	c := corev1.Container{
		Name: "bench",
		Resources: corev1.ResourceRequirements{Limits: corev1.ResourceList{
			corev1.ResourceCPU: resource.MustParse("1500m"), corev1.ResourceMemory: resource.MustParse("512Mi")}},
		EnvFrom: []corev1.EnvFromSource{{Prefix: "CM_", ConfigMapRef: &corev1.ConfigMapEnvSource{LocalObjectReference: corev1.LocalObjectReference{Name: "cfg"}}}},
		Env: []corev1.EnvVar{
			fieldEnv("POD", "metadata.name"), fieldEnv("NS", "metadata.namespace"), fieldEnv("UID", "metadata.uid"),
			fieldEnv("APP", "metadata.labels['app']"), fieldEnv("NODE", "spec.nodeName"), fieldEnv("IP", "status.podIP"),
			resEnv("GOMAXPROCS", "limits.cpu", ""), resEnv("MILLI", "limits.cpu", "1m"),
			resEnv("GOMEMLIMIT", "limits.memory", ""), resEnv("MEM_MI", "limits.memory", "1Mi"),
			resEnv("NODE_MEM", "limits.ephemeral-storage", ""), resEnv("REQ_CPU", "requests.cpu", "1m"),
			{Name: "GREETING", Value: "hello $(POD) in $(NS), $$(POD) and $(UNDEFINED)"},
			{Name: "SECRET", ValueFrom: &corev1.EnvVarSource{SecretKeyRef: &corev1.SecretKeySelector{LocalObjectReference: corev1.LocalObjectReference{Name: "s"}, Key: "k"}}},
			{Name: "MISSING_OK", ValueFrom: &corev1.EnvVarSource{SecretKeyRef: &corev1.SecretKeySelector{LocalObjectReference: corev1.LocalObjectReference{Name: "nope"}, Key: "k", Optional: &yes}}},
		},
	}
	pod.Spec.Containers = []corev1.Container{c}
	in := Input{
		Pod: pod, Container: &pod.Spec.Containers[0], HostIP: "127.0.0.1",
		Allocatable: corev1.ResourceList{corev1.ResourceEphemeralStorage: resource.MustParse("1Gi")},
		Base:        []Var{{"PATH", "/usr/bin"}},
		Lookup: objects{
			cms:     map[string]*corev1.ConfigMap{"ns/cfg": {Data: map[string]string{"B": "2", "A": "1"}}},
			secrets: map[string]*corev1.Secret{"ns/s": {Data: map[string][]byte{"k": []byte("v")}}},
		},
	}
	vars, values, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"PATH": "/usr/bin", "CM_A": "1", "CM_B": "2", "POD": "p", "NS": "ns", "UID": "u-1", "APP": "bench", "NODE": "n1",
		"IP": "127.0.0.1", "GOMAXPROCS": "2", "MILLI": "1500", "GOMEMLIMIT": "536870912", "MEM_MI": "512",
		"NODE_MEM": "1073741824", "REQ_CPU": "1500", "GREETING": "hello p in ns, $(POD) and $(UNDEFINED)", "SECRET": "v",
	}
	for k, v := range want {
		if values[k] != v {
			t.Errorf("%s = %q, want %q", k, values[k], v)
		}
	}
	if _, ok := values["MISSING_OK"]; ok {
		t.Error("optional missing secret must leave the variable unset")
	}
	if vars[0].Name != "PATH" || vars[1].Name != "CM_A" {
		t.Errorf("order: %v", vars[:2])
	}
}

func TestBuildErrors(t *testing.T) {
	cases := []struct {
		env  corev1.EnvVar
		want string
	}{
		{fieldEnv("X", "spec.hostname"), `fieldRef "spec.hostname" is not supported`},
		{resEnv("X", "limits.gpu", ""), `resource "gpu" is not supported`},
		{resEnv("X", "cpu", ""), "allowed: limits.cpu"},
		{corev1.EnvVar{Name: "X", ValueFrom: &corev1.EnvVarSource{ConfigMapKeyRef: &corev1.ConfigMapKeySelector{LocalObjectReference: corev1.LocalObjectReference{Name: "gone"}, Key: "k"}}}, "env X: configMapKeyRef gone"},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			pod := &corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Env: []corev1.EnvVar{c.env}}}}}
			_, _, err := Build(Input{Pod: pod, Container: &pod.Spec.Containers[0], Lookup: objects{}})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want %q", err, c.want)
			}
		})
	}
}

func TestExpand(t *testing.T) {
	v := map[string]string{"A": "x", "B": ""}
	cases := map[string]string{
		"$(A)": "x", "$(B)y": "y", "$$(A)": "$(A)", "$(C)": "$(C)", "a$": "a$", "$(A": "$(A", "$A": "$A", "p$$q": "p$q",
	}
	for in, want := range cases {
		if got := Expand(in, v); got != want {
			t.Errorf("Expand(%q) = %q, want %q", in, got, want)
		}
	}
}
