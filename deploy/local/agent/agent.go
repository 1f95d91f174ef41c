package main

// The Agent watches the pods bound to its nodes and hands each to a worker.

import (
	"context"
	"log"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"

	"mapbench.io/local/agent/internal/imagemap"
	"mapbench.io/local/agent/internal/topology"
)

// Agent is the node agent of one cluster.
type Agent struct {
	cs         kubernetes.Interface
	nodes      map[string]topology.Node
	images     *imagemap.File
	imagesPath string
	repoRoot   string
	agentDir   string
	stateDir   string
	selfExe    string
	hostArch   string
	apiServer  string // https://host:port of the API server, for pods
	apiHost    string
	apiPort    string
	caData     []byte

	ctx     context.Context
	mu      sync.Mutex
	workers map[types.UID]*worker
}

func (a *Agent) allocatable(node string) corev1.ResourceList {
	n := a.nodes[node]
	return corev1.ResourceList{
		corev1.ResourceCPU:    resource.MustParse(n.CPU),
		corev1.ResourceMemory: resource.MustParse(n.Memory),
	}
}

// watch starts one pod informer per node (field selector spec.nodeName) and returns when ctx ends.
func (a *Agent) watch(ctx context.Context) {
	a.ctx = ctx
	a.workers = map[types.UID]*worker{}
	for name := range a.nodes {
		factory := informers.NewSharedInformerFactoryWithOptions(a.cs, 0,
			informers.WithTweakListOptions(func(o *metav1.ListOptions) {
				o.FieldSelector = fields.OneTermEqualSelector("spec.nodeName", name).String()
			}))
		inf := factory.Core().V1().Pods().Informer()
		inf.AddEventHandler(cache.ResourceEventHandlerFuncs{
			AddFunc:    func(obj any) { a.sync(obj.(*corev1.Pod)) },
			UpdateFunc: func(_, obj any) { a.sync(obj.(*corev1.Pod)) },
			DeleteFunc: func(obj any) {
				if d, ok := obj.(cache.DeletedFinalStateUnknown); ok {
					obj = d.Obj
				}
				if p, ok := obj.(*corev1.Pod); ok {
					a.gone(p)
				}
			},
		})
		factory.Start(ctx.Done())
		log.Printf("watching pods on node %s", name)
	}
	<-ctx.Done()
}

func (a *Agent) sync(pod *corev1.Pod) {
	a.mu.Lock()
	w := a.workers[pod.UID]
	if w == nil {
		w = newWorker(a, pod)
		a.workers[pod.UID] = w
		go w.run(a.ctx)
	}
	a.mu.Unlock()
	w.update(pod, false)
}

func (a *Agent) gone(pod *corev1.Pod) {
	a.mu.Lock()
	w := a.workers[pod.UID]
	a.mu.Unlock()
	if w != nil {
		w.update(nil, true)
	}
}

func (a *Agent) forget(w *worker) {
	a.mu.Lock()
	defer a.mu.Unlock()
	pod, _ := w.latest()
	if a.workers[pod.UID] == w {
		delete(a.workers, pod.UID)
	}
}

// find returns the worker of namespace/name (the log endpoint addresses pods by name).
func (a *Agent) find(namespace, name string) *worker {
	a.mu.Lock()
	defer a.mu.Unlock()
	var best *worker
	var bestPod *corev1.Pod
	for _, w := range a.workers {
		p, gone := w.latest()
		if p.Namespace == namespace && p.Name == name && !gone {
			if best == nil || p.CreationTimestamp.After(bestPod.CreationTimestamp.Time) {
				best, bestPod = w, p
			}
		}
	}
	return best
}

// apiLookup reads ConfigMaps and Secrets for env through the API.
type apiLookup struct{ cs kubernetes.Interface }

func (l apiLookup) ConfigMap(ns, name string) (*corev1.ConfigMap, error) {
	return l.cs.CoreV1().ConfigMaps(ns).Get(context.Background(), name, metav1.GetOptions{})
}

func (l apiLookup) Secret(ns, name string) (*corev1.Secret, error) {
	return l.cs.CoreV1().Secrets(ns).Get(context.Background(), name, metav1.GetOptions{})
}

// stopAll stops the processes of every pod (agent shutdown without --keep-pods-on-exit).
func (a *Agent) stopAll(grace time.Duration) {
	a.mu.Lock()
	ws := make([]*worker, 0, len(a.workers))
	for _, w := range a.workers {
		ws = append(ws, w)
	}
	a.mu.Unlock()
	var wg sync.WaitGroup
	for _, w := range ws {
		wg.Add(1)
		go func() { defer wg.Done(); w.stopForShutdown(grace) }()
	}
	wg.Wait()
}
