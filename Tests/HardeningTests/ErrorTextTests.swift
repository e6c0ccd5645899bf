import ImageRef
import TagMatching
import Testing
import UpdatePolicy

@testable import GitClient
@testable import OCIRegistry

/// Regression tests for one bug the fuzz loops found: error messages escaped only C0 controls, so
/// NEL (U+0085), CSI (U+009B) and the line/paragraph separators (U+2028, U+2029) from hostile input
/// or a server's answer reached the terminal, breaking the "one line per error" rule.
@Suite("error messages stay one safe line")
struct ErrorTextTests {
    static let breakers = ["\u{85}", "\u{9B}31m", "\u{2028}", "\u{2029}", "\u{1B}[2J", "\r\n"]

    @Test(arguments: breakers)
    func imageReference(_ breaker: String) {
        for input in ["nginx\(breaker)", "ghcr.io/app:v\(breaker)1", "app@sha256:\(breaker)"] {
            #expect {
                _ = try ImageReference(parsing: input)
            } throws: { error in
                HostilePieces.isOneSafeLine(String(describing: error))
            }
        }
    }

    @Test(arguments: breakers)
    func constraint(_ breaker: String) {
        #expect {
            _ = try VersionConstraint(">=1.\(breaker)0")
        } throws: { error in
            HostilePieces.isOneSafeLine(String(describing: error))
        }
    }

    @Test(arguments: breakers)
    func regexAndGlob(_ breaker: String) {
        #expect {
            _ = try SafeRegex("(\(breaker)")
        } throws: { error in
            HostilePieces.isOneSafeLine(String(describing: error))
        }
        #expect {
            _ = try TagGlob("[\(breaker)")
        } throws: { error in
            HostilePieces.isOneSafeLine(String(describing: error))
        }
    }

    @Test(arguments: breakers)
    func registryServerText(_ breaker: String) {
        #expect(HostilePieces.isOneSafeLine(RegistryError.oneLine("denied\(breaker)by policy")))
    }

    @Test(arguments: breakers)
    func gitServerText(_ breaker: String) {
        let error = GitError(.rejected, operation: "push refs/heads/x", message: "hook said\(breaker)no")
        #expect(HostilePieces.isOneSafeLine(error.description), "\(error.description.debugDescription)")
        #expect(error.description.contains("hook said"))
    }
}
