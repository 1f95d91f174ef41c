//go:build e2e

package e2e

// Fabric8 7.4.0 (the operator's client, taken from the built operator's libraries) configures
// itself in a pod from the token, CA and namespace files and variables the node agent provides.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func TestFabric8InClusterConfig(t *testing.T) {
	lib := filepath.Join(env.repo, "operator/target/quarkus-app/lib/main")
	matches, _ := filepath.Glob(filepath.Join(lib, "io.fabric8.kubernetes-client-api-*.jar"))
	if len(matches) == 0 {
		t.Skip("operator not built (no Fabric8 jars in operator/target/quarkus-app/lib/main); build it with Maven to run this test")
	}
	if _, err := os.Stat("/usr/bin/java"); err != nil {
		t.Skip("no java")
	}
	const cluster = "hub"
	ns := namespace(t, cluster)
	cs := env.clients[cluster]
	cs.CoreV1().ServiceAccounts(ns).Create(ctx, &corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Name: "fabric8"}}, metav1.CreateOptions{})
	cs.RbacV1().Roles(ns).Create(ctx, &rbacv1.Role{ObjectMeta: metav1.ObjectMeta{Name: "pods"},
		Rules: []rbacv1.PolicyRule{{APIGroups: []string{""}, Resources: []string{"pods", "pods/log"}, Verbs: []string{"get", "list"}}}}, metav1.CreateOptions{})
	if _, err := cs.RbacV1().RoleBindings(ns).Create(ctx, &rbacv1.RoleBinding{ObjectMeta: metav1.ObjectMeta{Name: "fabric8"},
		RoleRef:  rbacv1.RoleRef{APIGroup: "rbac.authorization.k8s.io", Kind: "Role", Name: "pods"},
		Subjects: []rbacv1.Subject{{Kind: "ServiceAccount", Name: "fabric8", Namespace: ns}}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	src, _ := filepath.Abs("testdata/FabricProbe.java")
	p := shellPod(ns, "fabric8-probe", "exec java -cp '"+lib+"/*' "+src)
	p.Spec.ServiceAccountName = "fabric8"
	createPod(t, cluster, p)
	start := time.Now()
	p = waitPod(t, cluster, ns, "fabric8-probe", 180*time.Second, "terminal", terminal)
	t.Logf("Fabric8 probe pod finished in %.0fs", time.Since(start).Seconds())
	out := podLog(t, cluster, ns, "fabric8-probe", &corev1.PodLogOptions{})
	for _, want := range []string{"master=https://127.0.0.1:", "namespace=" + ns, "pods=1", "secrets=403", "own-log-has-master=true"} {
		if !strings.Contains(out, want) {
			t.Errorf("Fabric8 probe output lacks %q:\n%s", want, tail(out, 3000))
		}
	}
	if p.Status.Phase != corev1.PodSucceeded {
		t.Errorf("phase %s", p.Status.Phase)
	}
}
