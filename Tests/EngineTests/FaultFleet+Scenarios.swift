import Engine
import Foundation
import TestSupport
import Testing

extension FaultFleet {
    /// After a run during which someone kept moving `branch` (a pre-receive hook in `repository`): one error,
    /// naming the repository, for that Application only; whoever moved the branch last keeps it; the open request
    /// still describes `tag`; nothing else damaged. With the hook gone, the next run converges to `newer`.
    func expectKeptMoving(
        _ result: RunResult, app: String, branch: String, in repository: String, movedTo others: [String],
        since before: FleetSnapshot, describing tag: String, convergesTo newer: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let errors = errors(of: app, in: result)
        #expect(
            errors.count == 1 && errors[0].contains("kept moving") && errors[0].contains(repository),
            "\(result.plan.allErrors)", sourceLocation: sourceLocation)
        #expect(result.plan.allErrors.count == 1, sourceLocation: sourceLocation)
        let tip = try await snapshot().branches[repository]?[branch]
        #expect(tip.map(others.contains) == true, "branch tip \(tip ?? "none")", sourceLocation: sourceLocation)
        let request = try await openRequests(repository).first { $0.head == branch }
        #expect(request?.body.contains("`\(tag)`") == true, sourceLocation: sourceLocation)
        try await expectNoDamage(since: before, movedByOthers: [branch], sourceLocation: sourceLocation)
        expectNoSecret(in: result, sourceLocation: sourceLocation)

        try FaultFleetFiles.removeHook("pre-receive", in: try gitDirectory(repository))
        try await expectConverges(to: newer, sourceLocation: sourceLocation)
    }
}

extension FaultFleet {
    /// After a run whose pushes to `failed` broke off: each of its Applications has one push error naming it, no
    /// request was opened there, the Applications of `healthy` got theirs, and nothing was damaged or leaked.
    func expectPushFailedOnly(
        in failed: String, healthy: String, result: RunResult, since before: FleetSnapshot,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        for app in Self.apps[failed] ?? [] {
            let errors = errors(of: app, in: result)
            #expect(
                errors.count == 1 && errors[0].contains("push") && errors[0].contains(failed), "\(errors)",
                sourceLocation: sourceLocation)
        }
        for app in Self.apps[healthy] ?? [] {
            #expect(errors(of: app, in: result) == [], sourceLocation: sourceLocation)
        }
        #expect(try await openRequests(failed).isEmpty, sourceLocation: sourceLocation)
        #expect(
            try await openRequests(healthy).count == (Self.apps[healthy] ?? []).count, sourceLocation: sourceLocation)
        try await expectNoDamage(since: before, sourceLocation: sourceLocation)
        expectNoSecret(in: result, sourceLocation: sourceLocation)
    }
}
