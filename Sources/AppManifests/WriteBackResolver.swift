/// Turns raw write-back settings into a checked `WriteBackConfig`, with paths resolved as Image Updater does:
/// relative to the source path, or to the repository root when they start with `/`.
struct WriteBackResolver {
    let raw: RawWriteBack
    let sourcePath: String?
    let appName: String
    let namespace: String?
    let argocdNamespace: String
    let location: ManifestLocation

    private static let kustomizationNames: Set<String> = ["kustomization.yaml", "kustomization.yml", "Kustomization"]

    func resolve() -> Result<WriteBackConfig, ManifestErrors> {
        var errors: [ManifestError] = []
        let credentials = resolveCredentials(&errors)
        let target = resolveTarget(&errors)
        var base: String? = nil
        var write: String? = nil
        if let branch = raw.branch {
            let parts = branch.value.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            if parts.count > 2 {
                errors.append(fieldError(branch, "'\(branch.value)' is not 'branch' or 'base:target'"))
            } else {
                base = parts[0].isEmpty ? nil : parts[0]
                write = parts.count == 2 && !parts[1].isEmpty ? parts[1] : nil
                if let base, let problem = NameRules.branchProblem(base) {
                    errors.append(fieldError(branch, "\(problem): '\(base)'"))
                }
                // The target half may be a Go template that Image Updater expands; only literal names are checked.
                if let write, !write.contains("{{"), let problem = NameRules.branchProblem(write) {
                    errors.append(fieldError(branch, "\(problem): '\(write)'"))
                }
            }
        }
        if let repository = raw.repository,
            repository.value.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F })
        {
            errors.append(fieldError(repository, "repository URL contains spaces or control characters"))
        }
        guard errors.isEmpty, let credentials, let target else {
            return .failure(ManifestErrors(errors))
        }
        return .success(
            WriteBackConfig(
                credentials: credentials,
                target: target,
                gitRepository: raw.repository?.value,
                baseBranch: base,
                writeBranch: write
            )
        )
    }

    private func resolveCredentials(_ errors: inout [ManifestError]) -> WriteBackConfig.Credentials? {
        // Without a method Image Updater would use `argocd`; a PR bot can only write through git, so git it is.
        guard let method = raw.method else { return .repositoryCredentials }
        let value = method.value
        if value == "argocd" {
            errors.append(fieldError(method, "'argocd' is unsupported for a PR bot (use 'git')"))
            return nil
        }
        if value == "git" || value == "git:repocreds" { return .repositoryCredentials }
        if value.hasPrefix("git:secret:") {
            let reference = value.dropFirst("git:secret:".count).split(separator: "/", omittingEmptySubsequences: false)
            if reference.count == 2, NameRules.isLabel(String(reference[0])),
                NameRules.isSubdomain(String(reference[1]))
            {
                return .secret(namespace: String(reference[0]), name: String(reference[1]))
            }
            errors.append(fieldError(method, "expected 'git:secret:<namespace>/<name>'"))
            return nil
        }
        errors.append(fieldError(method, "unknown write-back-method '\(value)'"))
        return nil
    }

    private func resolveTarget(_ errors: inout [ManifestError]) -> WriteTarget? {
        let overrideName = ApplicationSpec.overrideFileName(
            name: appName,
            namespace: namespace,
            argocdNamespace: argocdNamespace
        )
        guard let target = raw.target else {
            return inSource(overrideName, kind: .overrideFile, &errors)
        }
        let value = target.value
        if value == "helmvalues" { return inSource("values.yaml", kind: .helmValues, &errors) }
        if value == "kustomization" { return inSource(".", kind: .kustomization, &errors) }
        for (prefix, kind) in [("helmvalues:", WriteTarget.Kind.helmValues), ("kustomization:", .kustomization)]
        where value.hasPrefix(prefix) {
            let path = String(value.dropFirst(prefix.count))
            if path.isEmpty {
                errors.append(fieldError(target, "'\(value)' names no path"))
                return nil
            }
            return path.hasPrefix("/")
                ? checked(path, base: ".", kind: kind, target, &errors)
                : inSource(path, kind: kind, &errors, field: target)
        }
        let last = value.split(separator: "/").last.map(String.init) ?? value
        if Self.kustomizationNames.contains(last) {
            errors.append(
                fieldError(target, "'\(value)' is a kustomization file; use 'kustomization:<dir>' to edit it")
            )
            return nil
        }
        // A bare target is an override file path from the repository root, as Image Updater joins it.
        return checked(value, base: ".", kind: .overrideFile, target, &errors)
    }

    private func inSource(
        _ path: String,
        kind: WriteTarget.Kind,
        _ errors: inout [ManifestError],
        field: RawWriteBack.Field? = nil
    ) -> WriteTarget? {
        guard let sourcePath else {
            errors.append(
                ManifestError.invalidPath(
                    field?.location ?? location,
                    "the source has no path (a Helm repository chart); nothing in git to write \(path) to"
                )
            )
            return nil
        }
        return checked(path, base: sourcePath, kind: kind, field, &errors)
    }

    private func checked(
        _ path: String,
        base: String,
        kind: WriteTarget.Kind,
        _ field: RawWriteBack.Field?,
        _ errors: inout [ManifestError]
    ) -> WriteTarget? {
        guard let normalized = RepoPath.normalize(path, relativeTo: base) else {
            let message = "write-back path '\(path)' leaves the repository"
            errors.append(field.map { fieldError($0, message) } ?? ManifestError.invalidPath(location, message))
            return nil
        }
        return WriteTarget(kind: kind, path: normalized)
    }

    private func fieldError(_ field: RawWriteBack.Field, _ message: String) -> ManifestError {
        ManifestError.invalidSetting(field.location, field.label, message)
    }
}

/// Several errors at once, for steps that report everything they find.
struct ManifestErrors: Error {
    let errors: [ManifestError]
    init(_ errors: [ManifestError]) { self.errors = errors }
}
