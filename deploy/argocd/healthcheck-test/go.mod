module mapbench.io/deploy/argocd/healthcheck-test

go 1.26

require github.com/yuin/gopher-lua v1.1.2

require gopkg.in/yaml.v3 v3.0.1
