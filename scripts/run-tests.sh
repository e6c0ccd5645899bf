#!/usr/bin/env bash
# Runs the test targets one after another. Each target's tests run in parallel, but the targets
# that start real servers and child processes (registries, git, the CLI, the service) do not all
# compete for the 2 cores at once, which keeps the timing-sensitive tests meaningful.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2

targets=(
    ImageRefTests TagMatchingTests UpdatePolicyTests AppManifestsTests GitClientTests TestSupportTests
    OCIRegistryTests ForgesTests BotServerTests EngineTests HardeningTests
)
failed=()
tests_passed=0
tests_failed=0
for target in "${targets[@]}"; do
    echo "== $target"
    if swift test --skip-build --filter "^${target}\\." 2>&1 | tee "/tmp/argocd-image-pr-test-$target.log" | grep -E "^(✘|✔ Test run|✘ Test run)|error:"; then :; fi
    log="/tmp/argocd-image-pr-test-$target.log"
    count=$(sed -n 's/.*Test run with \([0-9]*\) test.*/\1/p' "$log" | tail -1)
    broken=$(grep -c "^✘ Test .* failed after" "$log" || true)
    if grep -q "✔ Test run with" "$log" && ! grep -q "✘ Test run" "$log"; then
        tests_passed=$((tests_passed + ${count:-0}))
    else
        failed+=("$target")
        tests_failed=$((tests_failed + (broken > 0 ? broken : 1)))
        tests_passed=$((tests_passed + ${count:-0} - broken))
    fi
done
echo "${#targets[@]} test targets, ${#failed[@]} failing"
echo "$tests_passed passed, $tests_failed failed"
if [ ${#failed[@]} -gt 0 ]; then
    echo "failed targets: ${failed[*]}"
    exit 1
fi
