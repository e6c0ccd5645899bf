import Forges
import Foundation
import TestSupport

/// What the fault fleets share: chart files, newer images, forge options, git inspection and server hooks.
enum FaultFleetFiles {
    static let botPrefix = "argocd-image-pr/"
    static let stateBranch = "argocd-image-pr/state"

    /// Real retry and rate-limit rules, with a short backoff so that a test waits out retries quickly.
    static let forgeOptions = ForgeHTTPOptions(requestTimeout: 20, retryBaseDelay: 0.05)

    /// A chart repository whose `argocd/<app>.yaml` Applications follow the seed's images in it.
    static func chart(_ apps: [String], registry: String, repoURL: String) -> [String: String] {
        var files = SeedFixture.chartFiles(registry: registry, repoURL: repoURL)
        files["argocd/example.yaml"] = nil
        for app in apps {
            files["argocd/\(app).yaml"] = SeedFixture.application(name: app, registry: registry, repoURL: repoURL)
        }
        return files
    }

    /// Pushes a newer `main-<sha>` build of both images.
    static func pushNewer(to registry: RegistryServer) async throws {
        let pusher = ImagePusher(registry: registry)
        for app in ["frontend", "backend"] {
            _ = try await pusher.push(
                SeedFixture.image(app, "2026-11-25T12:00:00Z", revision: "c0ffee1c0ffee1c0ffee1c0ffee1c0ffee1c0ffe"),
                repository: "lyzhang1999/\(app)", tag: SeedFixture.newerTag)
        }
    }

    /// Every branch of a bare repository and its commit.
    static func branches(of directory: URL) -> [String: String] {
        var result: [String: String] = [:]
        for branch in GitFixture.branches(of: directory) {
            result[branch] = GitFixture.head(of: branch, repository: directory)
        }
        return result
    }

    /// The parent of a branch's commit, nil when it has none or the branch does not exist.
    static func parent(of branch: String, in directory: URL) -> String? {
        let output = try? GitFixture.run([
            "--git-dir", directory.path, "rev-parse", "--verify", "--quiet", "\(branch)^",
        ])
        return output?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Installs a server-side hook (e.g. `pre-receive`) in a bare repository, as a forge's push rules are.
    static func installHook(_ name: String, script: String, in directory: URL) throws {
        let url = directory.appendingPathComponent("hooks").appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(("#!/bin/sh\n" + script).utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
    }

    static func removeHook(_ name: String, in directory: URL) throws {
        try FileManager.default.removeItem(at: directory.appendingPathComponent("hooks").appendingPathComponent(name))
    }

    /// A `pre-receive` hook refusing updates of one branch with a reason, as a push rule does.
    static func refusingHook(branch: String, reason: String) -> String {
        """
        while read old new ref; do
          if [ "$ref" = "refs/heads/\(branch)" ]; then
            echo "\(reason)" >&2
            exit 1
          fi
        done
        exit 0

        """
    }

    /// A `pre-receive` hook that, while the bot's update of `branch` is on its way, moves that branch to
    /// another commit (one of `commits`, never the one it is at) — another writer winning every race — so the
    /// server's own old-value check refuses the update. Ref updates are allowed outside git's quarantine only.
    static func movingHook(branch: String, commits: [String], times: Int) -> String {
        """
        count_file="$GIT_DIR/moved-count"
        count=$(cat "$count_file" 2>/dev/null || echo 0)
        while read old new ref; do
          if [ "$ref" = "refs/heads/\(branch)" ] && [ "$count" -lt \(times) ]; then
            count=$((count + 1))
            echo "$count" > "$count_file"
            now=$(git rev-parse --verify --quiet "refs/heads/\(branch)" || echo none)
            target=\(commits[0])
            if [ "$now" = "$target" ]; then target=\(commits[1]); fi
            env -u GIT_QUARANTINE_PATH git update-ref "refs/heads/\(branch)" "$target"
          fi
        done
        exit 0

        """
    }
}

/// Branches (name → commit) and open pull request numbers of every repository of a fleet at one moment.
struct FleetSnapshot: Sendable {
    var branches: [String: [String: String]] = [:]
    var openPullRequests: [String: [Int]] = [:]
}
