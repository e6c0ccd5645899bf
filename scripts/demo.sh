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
