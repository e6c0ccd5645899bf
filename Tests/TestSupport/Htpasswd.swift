import Foundation

/// Writes bcrypt htpasswd files, the only kind registry 2.8 accepts.
enum Htpasswd {
    /// Cost 4 keeps every authenticated request fast in tests.
    static func write(user: String, password: String, to file: URL) async throws -> String {
        guard !user.contains(":"), !user.isEmpty else {
            throw TestSupportError.invalidArgument("htpasswd: user name must be non-empty and contain no ':'")
        }
        let line = try await Command.run("/usr/bin/htpasswd", ["-Bbn", "-C", "4", user, password])
        let entry = line.trimmingCharacters(in: .whitespacesAndNewlines)
        try Data((entry + "\n").utf8).write(to: file)
        return file.path
    }
}
