# The two set-up commands the README names: `make demo` and `make test`.
SWIFT ?= swift

.PHONY: demo test build deps lint format check-deploy

deps:
	./scripts/install-deps.sh

build: deps
	$(SWIFT) build

# The whole flow on a local registry and a local git repository.
demo: deps
	$(SWIFT) build --product argocd-image-pr
	./scripts/demo.sh

# Every test: unit tests plus end-to-end tests against a real registry and real git servers.
test: deps
	$(SWIFT) build --build-tests
	./scripts/run-tests.sh

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests $(wildcard Benchmarks)

format:
	$(SWIFT) format format --in-place --recursive Package.swift Sources Tests $(wildcard Benchmarks)

# Deployment files: action inputs against CLI flags, workflows, manifests, runtime packages.
check-deploy: deps
	$(SWIFT) build --product argocd-image-pr
	python3 scripts/check-deploy-files.py .build/debug/argocd-image-pr
	./scripts/check-runtime-packages.sh .build/debug/argocd-image-pr
