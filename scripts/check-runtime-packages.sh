#!/usr/bin/env bash
# Checks that the Dockerfile's runtime stage provides every shared library the binary links.
#
#   scripts/check-runtime-packages.sh [BINARY] [DOCKERFILE]
#
# BINARY defaults to .build/debug/argocd-image-pr, DOCKERFILE to ./Dockerfile. Each library `ldd`
# resolves is mapped to its Debian package with `dpkg -S`; that package must be installed by the
# runtime stage's `apt-get install`, be pulled in by one of those packages (Depends/Pre-Depends,
# recursively), or be part of the slim base image (Priority required, or a dependency of apt).
# Swift runtime libraries (from the toolchain, owned by no package) are accepted only when the
# build stage links them statically with --static-swift-stdlib. SwiftPM resource bundles next to
# the binary must be copied into the image as well.
# Run it on the Debian release the runtime stage uses (bookworm); sonames differ between releases.
set -euo pipefail

binary="${1:-.build/debug/argocd-image-pr}"
dockerfile="${2:-Dockerfile}"
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

for tool in ldd dpkg dpkg-query apt-cache awk; do
    command -v "$tool" >/dev/null || { echo "check-runtime-packages: needs $tool (Debian/Ubuntu)" >&2; exit 2; }
done
[ -x "$binary" ] || { echo "check-runtime-packages: $binary: no such executable (swift build --product argocd-image-pr)" >&2; exit 2; }
[ -f "$dockerfile" ] || { echo "check-runtime-packages: $dockerfile: not found" >&2; exit 2; }

# The last stage of the Dockerfile, with line continuations joined.
runtime_stage="$(sed -e ':a' -e '/\\$/N; s/\\\n/ /; ta' "$dockerfile" | awk '/^FROM[ \t]/ { stage = "" } { stage = stage $0 "\n" } END { printf "%s", stage }')"
# Packages named after `apt-get install` in that stage (options and shell words after && dropped).
mapfile -t installed < <(printf '%s\n' "$runtime_stage" | grep -oE 'apt-get install[^&;|]*' \
    | sed -E 's/^apt-get install//' | tr -s ' \t' '\n' | grep -E '^[a-z0-9][a-z0-9.+-]+$' | sort -u)
if [ ${#installed[@]} -eq 0 ]; then
    fail "$dockerfile: the runtime stage installs no packages (no apt-get install found)"
fi
instructions="$(grep -v '^[[:space:]]*#' "$dockerfile")"   # comments do not count
static_stdlib=false
if grep -q -- '--static-swift-stdlib' <<< "$instructions"; then static_stdlib=true; fi
runtime_base="$(printf '%s\n' "$runtime_stage" | awk '/^FROM/ { print $2; exit }')"
base_image="$(grep -E '^ARG RUNTIME_IMAGE=' "$dockerfile" | head -1 | cut -d= -f2 || true)"
# shellcheck disable=SC2016 # the literal text of the FROM line
[ "$runtime_base" = '${RUNTIME_IMAGE}' ] && runtime_base="$base_image"
# shellcheck source=/dev/null
codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-unknown}")"
case "$runtime_base" in
    *"$codename"*) ;;
    *) echo "warning: runtime image $runtime_base is not this machine's release ($codename); sonames may differ" >&2 ;;
esac

# Everything apt would install for those packages, plus what the slim base already has.
deps_of() {
    apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
        --no-replaces --no-enhances "$@" 2>/dev/null | awk '/^[a-z0-9]/ { print $1 } /Depends:/ { print $2 }' \
        | tr -d '<>' | sed 's/:.*$//' | sort -u
}
mapfile -t covered < <({ printf '%s\n' "${installed[@]}"; deps_of "${installed[@]}" apt; } | sort -u)
is_covered() {
    local package="$1" p priority essential
    for p in "${covered[@]}"; do [ "$p" = "$package" ] && return 0; done
    priority="$(dpkg-query -W -f='${Priority}' "$package" 2>/dev/null || true)"
    essential="$(dpkg-query -W -f='${Essential}' "$package" 2>/dev/null || true)"
    [ "$priority" = required ] || [ "$essential" = yes ]
}

owner_of() {
    local path="$1" candidate
    for candidate in "$path" "/usr$path" "${path#/usr}" "$(readlink -f "$path")"; do
        dpkg -S "$candidate" 2>/dev/null | head -1 | cut -d: -f1 && return 0
    done
    return 1
}

checked=0
while read -r name arrow path _; do
    # ldd lines: `libx.so.1 => /path (0x...)`, or `/lib64/ld-linux... (0x...)`, or linux-vdso.
    if [ "$arrow" != "=>" ]; then continue; fi
    if [ "$path" = "not" ]; then
        fail "$name: not found by ldd on this machine"
        continue
    fi
    checked=$((checked + 1))
    if package="$(owner_of "$path")" && [ -n "$package" ]; then
        if is_covered "$package"; then
            echo "ok   $name -> $package"
        else
            fail "$name ($path) comes from package $package, which the runtime stage of $dockerfile does not install: add it to its apt-get install"
        fi
    elif [[ "$path" == */lib/swift/* ]]; then
        if [ "$static_stdlib" = true ]; then
            echo "ok   $name -> Swift runtime, linked statically in the image (--static-swift-stdlib)"
        else
            fail "$name is a Swift runtime library and $dockerfile neither links it statically (--static-swift-stdlib) nor copies it"
        fi
    else
        fail "$name ($path) belongs to no Debian package: the image cannot provide it"
    fi
done < <(ldd "$binary")

# SwiftPM resource bundles (Bundle.module) are looked up next to the executable.
for bundle in "$(dirname "$binary")"/argocd-image-pr_*.resources; do
    [ -d "$bundle" ] || continue
    case "$bundle" in *Tests.resources | *TestSupport.resources) continue ;; esac
    checked=$((checked + 1))
    if grep -qE '\*\.resources|'"$(basename "$bundle")" <<< "$instructions"; then
        echo "ok   $(basename "$bundle") copied next to the binary"
    else
        fail "$(basename "$bundle") sits next to the binary but $dockerfile does not copy it"
    fi
done

if [ "$checked" -eq 0 ]; then fail "ldd reported no libraries for $binary"; fi
echo "runtime packages: ${installed[*]}"
if [ "$failures" -gt 0 ]; then
    echo "check-runtime-packages: $failures problem(s)" >&2
    exit 1
fi
echo "check-runtime-packages: all $checked libraries and bundles covered"
