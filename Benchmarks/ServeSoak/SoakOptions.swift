import Foundation

/// The soak's command line, parsed by hand (the target keeps to few dependencies).
struct SoakOptions: Sendable {
    /// Reconciles to trigger after the start-up run.
    var runs = 300
    /// A newer image is pushed before every `pushEvery`-th trigger, so that run updates the branch and PR.
    var pushEvery = 10
    /// The `argocd-image-pr` binary; release when built, else debug.
    var binary: String
    /// Where the Markdown report goes; nil prints only.
    var results: String? = "Benchmarks/ServeSoak/RESULTS.md"
    /// Longest wait for one reconcile.
    var runTimeout: Duration = .seconds(300)

    static let usage = """
        usage: serve-soak [--runs N] [--push-every K] [--binary PATH] [--results FILE|-] [--run-timeout SECONDS]
        """

    init(arguments: [String]) throws(SoakError) {
        let release = ".build/release/argocd-image-pr"
        binary = FileManager.default.isExecutableFile(atPath: release) ? release : ".build/debug/argocd-image-pr"
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw SoakError("\(flag) needs a value\n\(Self.usage)") }
            switch flag {
            case "--runs": runs = try Self.positive(value, flag)
            case "--push-every": pushEvery = try Self.positive(value, flag)
            case "--binary": binary = value
            case "--results": results = value == "-" ? nil : value
            case "--run-timeout": runTimeout = .seconds(try Self.positive(value, flag))
            default: throw SoakError("unknown option \(flag)\n\(Self.usage)")
            }
        }
        binary = URL(fileURLWithPath: binary).standardizedFileURL.path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw SoakError("no executable at \(binary); build it with `swift build --product argocd-image-pr`")
        }
    }

    private static func positive(_ text: String, _ flag: String) throws(SoakError) -> Int {
        guard let value = Int(text), value > 0 else { throw SoakError("\(flag) needs a positive integer, got \(text)") }
        return value
    }
}
