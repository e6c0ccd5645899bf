#!/usr/bin/env bash
# The README demo: the seed's story end to end on a local registry and local git repositories.
# Needs: docker-registry, git, python3 (scripts/install-deps.sh) and a built argocd-image-pr.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${ARGOCD_IMAGE_PR:-$root/.build/debug/argocd-image-pr}"
work="$(mktemp -d "${TMPDIR:-/tmp}/argocd-image-pr-demo.XXXXXX")"
registry_pid=""

cleanup() {
    if [ -n "$registry_pid" ]; then kill "$registry_pid" 2>/dev/null || true; wait "$registry_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
show() { printf '$ %s\n' "$*"; "$@"; }

export GIT_AUTHOR_NAME=demo GIT_AUTHOR_EMAIL=demo@example.invalid
export GIT_COMMITTER_NAME=demo GIT_COMMITTER_EMAIL=demo@example.invalid
export XDG_CACHE_HOME="$work/cache"

step "Start a local registry (Debian's docker-registry) on a free loopback port"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
registry="127.0.0.1:$port"
cat >"$work/registry.yml" <<YAML
version: 0.1
log: {level: error}
storage: {filesystem: {rootdirectory: $work/registry-data}, delete: {enabled: true}}
http: {addr: $registry}
YAML
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 1 100); do
    python3 -c "import urllib.request; urllib.request.urlopen('http://$registry/v2/', timeout=1)" 2>/dev/null && break
    sleep 0.1
done
echo "registry at $registry"

push() { python3 "$root/scripts/push-image.py" "http://$registry" "$@"; }

step "CI pushes images: main-<sha> builds, a feature branch build and 'latest'"
for app in frontend backend; do
    push "lyzhang1999/$app" main-1f0c2d4 --created 2026-11-20T10:00:00Z \
        --label org.opencontainers.image.source=https://github.com/lyzhang1999/kubernetes-example \
        --label org.opencontainers.image.revision=1f0c2d4e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d
    push "lyzhang1999/$app" main-b99bc73 --created 2026-11-24T09:30:00Z \
        --label org.opencontainers.image.source=https://github.com/lyzhang1999/kubernetes-example \
        --label org.opencontainers.image.revision=b99bc73e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a
    push "lyzhang1999/$app" feature-x-77aa001 --created 2026-11-25T08:00:00Z
    push "lyzhang1999/$app" latest --created 2026-11-25T08:00:00Z
done

step "check-image: the newest build whose tag starts with 'main'"
show "$bin" check-image "$registry/lyzhang1999/frontend" --strategy newest-build --allow-tags 'regexp:^main'

step "The platform team's chart repository, shaped like kubernetes-example-helm, with the seed's Application"
chart="$work/kubernetes-example-helm"
git init -q -b main "$chart"
mkdir -p "$chart/templates" "$chart/argocd"
cat >"$chart/Chart.yaml" <<'YAML'
apiVersion: v2
name: kubernetes-example
version: 0.1.0
YAML
cat >"$chart/values.yaml" <<YAML
frontend:
  image: $registry/lyzhang1999/frontend
  tag: main-1f0c2d4
backend:
  image: $registry/lyzhang1999/backend
  tag: main-1f0c2d4
YAML
cat >"$chart/templates/frontend.yaml" <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: frontend
spec:
  template:
    spec:
      containers:
        - name: frontend
          image: "{{ .Values.frontend.image }}:{{ .Values.frontend.tag }}"
YAML
cat >"$chart/argocd/example.yaml" <<YAML
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: example
  namespace: argocd
  annotations:
    argocd-image-updater.argoproj.io/image-list: frontend=$registry/lyzhang1999/frontend,backend=$registry/lyzhang1999/backend
    argocd-image-updater.argoproj.io/update-strategy: latest
    argocd-image-updater.argoproj.io/write-back-method: git
    argocd-image-updater.argoproj.io/frontend.allow-tags: regexp:^main
    argocd-image-updater.argoproj.io/frontend.helm.image-name: frontend.image
    argocd-image-updater.argoproj.io/frontend.helm.image-tag: frontend.tag
    argocd-image-updater.argoproj.io/backend.allow-tags: regexp:^main
    argocd-image-updater.argoproj.io/backend.helm.image-name: backend.image
    argocd-image-updater.argoproj.io/backend.helm.image-tag: backend.tag
spec:
  project: default
  source:
    repoURL: file://$work/kubernetes-example-helm.git
    path: .
    targetRevision: main
  destination: {server: https://kubernetes.default.svc, namespace: example}
YAML
git -C "$chart" add -A
git -C "$chart" commit -q -m "Chart and Application"
git clone -q --bare "$chart" "$work/kubernetes-example-helm.git"
echo "chart repository at $work/kubernetes-example-helm.git (main), working copy at $chart"

step "plan: what the bot would propose (writes nothing)"
show "$bin" plan --repo "$chart"

step "run --forge none: push the branch argocd-image-pr/example and print the pull request it would open"
show "$bin" run --repo "$chart" --forge none

step "The proposed override file on the bot's branch (the base branch is untouched)"
show git --git-dir "$work/kubernetes-example-helm.git" show argocd-image-pr/example:.argocd-source-example.yaml
show git --git-dir "$work/kubernetes-example-helm.git" log --oneline main

step "CI pushes a newer main build; a feature build stays ignored"
for app in frontend backend; do
    push "lyzhang1999/$app" main-c0ffee1 --created 2026-11-25T12:00:00Z \
        --label org.opencontainers.image.source=https://github.com/lyzhang1999/kubernetes-example \
        --label org.opencontainers.image.revision=c0ffee1c0ffee1c0ffee1c0ffee1c0ffee1c0ffe
    push "lyzhang1999/$app" feature-y-99bb002 --created 2026-11-25T13:00:00Z
done

step "run again: the same branch is updated in place"
show "$bin" run --repo "$chart" --forge none
show git --git-dir "$work/kubernetes-example-helm.git" show argocd-image-pr/example:.argocd-source-example.yaml
show git --git-dir "$work/kubernetes-example-helm.git" log --oneline argocd-image-pr/example

step "run once more: nothing new, nothing pushed"
show "$bin" run --repo "$chart" --forge none

echo
echo "Demo finished: one branch per Application, updated in place, base branch untouched."
