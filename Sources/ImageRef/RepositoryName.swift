/// Splits and normalises the `[registry/]repository` part of a reference the way Docker does.
struct RepositoryName: Sendable, Equatable {
    static let dockerHub = "docker.io"

    let registry: String
    let repository: String

    /// - Parameters:
    ///   - name: the part of the reference before any tag or digest.
    ///   - input: the whole reference, for error messages.
    init(parsing name: Substring, input: String) throws(ImageReferenceError) {
        guard !name.isEmpty else { throw .invalidRepository(input, String(name)) }
        var registry = Self.dockerHub
        var path = name
        if let slash = name.firstIndex(of: "/") {
            let first = name[..<slash]
            // Docker's rule: the first component names a registry when it cannot be a repository path
            // component, i.e. it has a dot, a port, is localhost, or has uppercase letters.
            if first.contains(".") || first.contains(":") || first == "localhost"
                || first.contains(where: { $0.isUppercase })
            {
                guard OCIGrammar.isValidRegistry(first) else { throw .invalidRegistry(input, String(first)) }
                registry = String(first)
                path = name[name.index(after: slash)...]
            }
        }
        try self.init(registry: registry, repository: String(path), input: input)
    }

    /// Normalises parts that are already split (`index.docker.io`, implicit `library/`) and validates them.
    init(registry: String, repository: String, input: String) throws(ImageReferenceError) {
        let registry = registry == "index.docker.io" ? Self.dockerHub : registry
        var repository = repository
        if registry == Self.dockerHub, !repository.contains("/") {
            repository = "library/" + repository
        }
        try Self.validate(registry: registry, repository: repository, input: input)
        self.registry = registry
        self.repository = repository
    }

    static func validate(registry: String, repository: String, input: String) throws(ImageReferenceError) {
        guard registry.utf8.count + 1 + repository.utf8.count <= OCIGrammar.maximumNameLength else {
            throw .tooLong(input, limit: OCIGrammar.maximumNameLength)
        }
        guard OCIGrammar.isValidRegistry(registry) else { throw .invalidRegistry(input, registry) }
        guard OCIGrammar.isValidRepository(repository) else {
            if OCIGrammar.isValidRepository(repository.lowercased()) {
                throw .uppercaseRepository(input, repository)
            }
            throw .invalidRepository(input, repository)
        }
    }

    static func validate(digest: String, input: String) throws(ImageReferenceError) {
        switch OCIGrammar.digestProblem(digest) {
        case nil: return
        case .malformed: throw .invalidDigest(input, digest)
        case .unsupportedAlgorithm(let algorithm): throw .unsupportedDigestAlgorithm(input, algorithm)
        }
    }

    /// Rejects input that could never be a reference before any splitting, so messages stay simple.
    static func precheck(_ input: String, limit: Int, allowSpaces: Bool) throws(ImageReferenceError) {
        guard !input.isEmpty else { throw .empty(input) }
        guard input.utf8.count <= limit else { throw .tooLong(input, limit: limit) }
        let forbidden = input.unicodeScalars.contains { scalar in
            scalar.value < 0x20 || scalar.value == 0x7F || (!allowSpaces && scalar == " ")
                || scalar.properties.isWhitespace && scalar != " "
        }
        if forbidden { throw .invalidCharacters(input) }
    }
}
