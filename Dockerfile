# syntax=docker/dockerfile:1
# argocd-image-pr container image: build with the Swift image, run on Debian slim with only
# libgit2 and CA certificates added. The Swift runtime (stdlib, Foundation, Dispatch) is linked
# statically, so the runtime stage needs no Swift libraries. scripts/check-runtime-packages.sh
# checks that the packages installed below cover every shared library the binary links.
#
#   docker build -t argocd-image-pr .
#   docker run --rm argocd-image-pr version

ARG SWIFT_IMAGE=swift:6.1-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${SWIFT_IMAGE} AS build
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libgit2-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Dependencies first, so a source change does not refetch them.
COPY Package.* ./
RUN swift package resolve
COPY Sources ./Sources
# Package.swift declares the test targets too; SwiftPM wants their folders to exist.
COPY Tests ./Tests
# The *.resources folders (the built-in PR templates) must sit next to the binary: that is where
# Bundle.module looks for them at run time.
RUN swift build -c release --product argocd-image-pr --static-swift-stdlib \
    && bin="$(swift build -c release --show-bin-path)" \
    && install -D -m 0755 "$bin/argocd-image-pr" /out/argocd-image-pr \
    && cp -R "$bin"/*.resources /out/

FROM ${RUNTIME_IMAGE}
# libgit2-1.5 is the package behind libgit2-dev in bookworm; it pulls in its own libraries
# (libssh2, mbedtls, http-parser, pcre2, krb5).
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libgit2-1.5 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 --user-group --create-home --home-dir /home/argocd-image-pr argocd-image-pr
COPY --from=build /out/ /usr/local/bin/
USER 10001:10001
WORKDIR /home/argocd-image-pr
ENV XDG_CACHE_HOME=/home/argocd-image-pr/.cache
EXPOSE 8080
ENTRYPOINT ["argocd-image-pr"]
CMD ["serve"]
