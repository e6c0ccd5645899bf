import ImageRef

/// Picks the credential for an image: the `pull-secret` annotation, then registries.conf `credentials`
/// (`env:`, or an `ext:` script), then docker config.json, then anonymous.
///
/// Kubernetes secrets (`pullsecret:`, `secret:`) cannot be read outside a cluster: they give a warning once
/// and the next source is tried, and the note is kept so a later 401 names the annotation.
struct CredentialResolver: Sendable {
    let dockerConfig: DockerConfig?
    let environment: [String: String]
    let warnings: WarningLog

    func choose(
        for reference: ImageReference,
        entry: RegistryEntry?,
        pullSecret: String?
    ) async throws -> CredentialChoice {
        var notes: [String] = []
        var sources: [CredentialSource] = []
        if let pullSecret, !pullSecret.isEmpty {
            sources.append(try CredentialSource(parsing: pullSecret, origin: .annotation))
        }
        if let configured = entry?.credentials { sources.append(configured) }
        for source in sources {
            switch source.kind {
            case .environment(let variable):
                return CredentialChoice(credential: try environmentCredential(variable, source: source), note: nil)
            case .pullSecret, .secret:
                let place = source.origin == .annotation ? "pull-secret annotation" : "registries.conf credentials"
                let message =
                    "\(place) \(CredentialSource.quoted(source.text)) names a Kubernetes secret, which cannot be "
                    + "read outside a cluster; using other credentials for \(reference.registry) (registries.conf, "
                    + "docker config.json) or anonymous access — use env:VAR to pass credentials"
                await warnings.warn(message, key: "secret|\(source.text)|\(reference.registry)")
                notes.append("the \(place) \(CredentialSource.quoted(source.text)) could not be read outside a cluster")
            case .external(let script):
                return CredentialChoice(
                    credential: try await ExternalCredentialScript.run(script, registry: reference.registry),
                    note: nil
                )
            }
        }
        let note = notes.isEmpty ? nil : notes.joined(separator: "; ")
        if let dockerConfig, let credential = try dockerConfig.credential(for: reference.registry) {
            return CredentialChoice(credential: credential, note: note)
        }
        return CredentialChoice(credential: nil, note: note)
    }

    private func environmentCredential(_ variable: String, source: CredentialSource) throws -> RegistryCredential {
        guard let value = environment[variable], !value.isEmpty else {
            throw RegistryError(
                .credentials(
                    detail:
                        "credentials \(CredentialSource.quoted(source.text)): environment variable \(variable) is not set"
                )
            )
        }
        guard let credential = RegistryCredential.parse(value, origin: "env:\(variable)") else {
            throw RegistryError(
                .credentials(
                    detail:
                        "credentials \(CredentialSource.quoted(source.text)): the value of \(variable) is not user:password"
                )
            )
        }
        return credential
    }
}
