import AppManifests
import Foundation
import ImageRef
import OCIRegistry
import UpdatePolicy

/// Plans one Application: what it runs now, what its images should move to, and the new file text.
struct ApplicationPlanner: Sendable {
    let registry: RegistryClient
    let argocdNamespace: String
    let holds: Holds
    /// Best tags shared by the Applications this planner plans.
    var shared = SharedSelections()

    /// Pins and skips per Application and alias (from comment commands and declined pull requests).
    struct Holds: Sendable {
        var pinned: [String: [String: String]] = [:]
        var skipped: [String: [String: Set<String>]] = [:]
    }

    func plan(_ app: ApplicationSpec, files: some RepositoryFiles) async -> ApplicationPlan {
        let location = app.location.description
        let baseBranch = app.baseBranch ?? "HEAD"
        var plan = ApplicationPlan(
            name: app.name, manifest: location,
            target: PlanTarget(repo: app.targetRepoURL, branch: baseBranch, path: app.primarySource.path ?? "."))
        let resolver = CurrentImageResolver(argocdNamespace: argocdNamespace)
        let currents: [String: CurrentImage]
        do {
            currents = try await resolver.resolve(app: app, files: files)
        } catch {
            plan.errors.append("\(error)")
            return plan
        }

        // Every image is asked about at once; the registry client shares identical requests.
        let outcomes = await withTaskGroup(of: (Int, Result<ImageChange?, ImagePlanError>).self) { group in
            for (index, image) in app.images.enumerated() {
                group.addTask {
                    (index, await self.change(for: image, app: app, current: currents[image.alias]))
                }
            }
            var results: [(Int, Result<ImageChange?, ImagePlanError>)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
        for outcome in outcomes {
            switch outcome {
            case .success(let change?): plan.changes.append(change)
            case .success(nil): break
            case .failure(let error): plan.errors.append("\(location): application \(app.name): \(error)")
            }
        }
        guard !plan.changes.isEmpty else { return plan }
        do {
            if let file = try await FileRenderer(app: app, resolver: resolver).render(plan.changes, files: files) {
                plan.files.append(file)
            }
        } catch {
            plan.errors.append("\(error)")
            plan.changes = []
        }
        return plan
    }

    private func change(
        for image: ImageConfig, app: ApplicationSpec, current: CurrentImage?
    ) async -> Result<
        ImageChange?, ImagePlanError
    > {
        let settings: ImageSettings
        do {
            settings = try ImageSettings(image)
        } catch {
            return .failure(ImagePlanError(error.description))
        }
        var policy = settings.policy
        policy.pinnedTag = holds.pinned[app.name]?[image.alias]
        policy.skippedTags = holds.skipped[app.name]?[image.alias] ?? []
        // The image-list tag is a constraint (semver) or the followed tag, not evidence of what runs.
        let currentTag: String? =
            if let current, current.source != .imageList || policy.strategy == .digest {
                current.tag.flatMap { OCIGrammar.isValidTag($0) ? $0 : nil }
            } else {
                nil
            }
        do {
            let key = SharedSelections.Key(
                reference: settings.reference.description, strategy: policy.strategy.rawValue,
                constraint: policy.constraint, allowTags: image.allowTags, ignoreTags: image.ignoreTags,
                pinnedTag: policy.pinnedTag, skippedTags: policy.skippedTags.sorted(),
                platforms: settings.platforms.map(\.description), pullSecret: settings.pullSecret)
            let outcome = try await UpdateFinder(registry: registry).find(
                settings.reference, policy: policy, platforms: settings.platforms, pullSecret: settings.pullSecret,
                current: currentTag, currentDigest: current?.digest, wantLabels: true, sharing: (shared, key))
            guard outcome.selection.isUpdate, let chosen = outcome.selection.chosen else { return .success(nil) }
            return .success(
                ImageChange(
                    alias: image.alias, image: image.imageName, from: currentTag, to: chosen.tag,
                    digest: outcome.chosen?.digest ?? chosen.digest, created: outcome.chosen?.created ?? chosen.created,
                    labels: outcome.chosen?.labels ?? [:], writesDigest: policy.strategy == .digest,
                    fromSource: currentTag == nil ? nil : current.map { Self.describe($0.source) }))
        } catch {
            let pullSecretNote =
                (error as? RegistryError)?.isAuthenticationFailure == true && settings.pullSecret != nil
                ? " (pull-secret annotation \"\(settings.pullSecret ?? "")\" could not be used outside a cluster)" : ""
            return .failure(ImagePlanError("image \(image.alias) (\(image.image)): \(error)\(pullSecretNote)"))
        }
    }
}

extension ApplicationPlanner {
    /// Where the current tag was read, for `plan`'s summary.
    static func describe(_ source: CurrentImage.Source) -> String {
        switch source {
        case .overrideFile(let path), .helmValues(let path), .kustomization(let path): path
        case .applicationSpec: "the Application's spec"
        case .imageList: "the image-list annotation"
        }
    }
}

/// One image that could not be planned.
struct ImagePlanError: Error, Sendable, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
