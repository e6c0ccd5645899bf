import AsyncHTTPClient
import Foundation
import Logging

/// GitHub App authentication as the environment asks for it: `GITHUB_APP_ID`, the key in
/// `GITHUB_APP_PRIVATE_KEY` (PEM text) or `GITHUB_APP_PRIVATE_KEY_FILE` (a path), and optionally
/// `GITHUB_APP_INSTALLATION_ID`.
public struct GitHubAppConfiguration: Sendable, CustomStringConvertible {
    public let credentials: GitHubAppCredentials
    /// A fixed installation for every repository; nil looks it up per repository.
    public let installationID: Int?

    public init(credentials: GitHubAppCredentials, installationID: Int? = nil) {
        self.credentials = credentials
        self.installationID = installationID
    }

    /// The app configured in `environment`, nil when none of its variables is set; a partial or contradictory
    /// setting is an error naming the variable.
    public static func fromEnvironment(_ environment: [String: String]) throws(GitHubAppError) -> Self? {
        func value(_ name: String) -> String? {
            environment[name].flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        }
        let appID = value("GITHUB_APP_ID")
        let inline = value("GITHUB_APP_PRIVATE_KEY")
        let file = value("GITHUB_APP_PRIVATE_KEY_FILE")
        let installation = value("GITHUB_APP_INSTALLATION_ID")
        guard let appID else {
            if inline != nil || file != nil || installation != nil {
                throw .configuration(
                    "GITHUB_APP_PRIVATE_KEY, GITHUB_APP_PRIVATE_KEY_FILE or GITHUB_APP_INSTALLATION_ID is set but "
                        + "GITHUB_APP_ID is not")
            }
            return nil
        }
        let pem: String
        switch (inline, file) {
        case (let text?, nil): pem = text
        case (nil, let path?): pem = try readKeyFile(path.trimmingCharacters(in: .whitespacesAndNewlines))
        case (.some, .some):
            throw .configuration("set GITHUB_APP_PRIVATE_KEY or GITHUB_APP_PRIVATE_KEY_FILE, not both")
        case (nil, nil):
            throw .configuration(
                "GITHUB_APP_ID is set but neither GITHUB_APP_PRIVATE_KEY nor "
                    + "GITHUB_APP_PRIVATE_KEY_FILE is")
        }
        var installationID: Int?
        if let installation {
            guard let number = Int(installation.trimmingCharacters(in: .whitespaces)), number > 0 else {
                throw .configuration("GITHUB_APP_INSTALLATION_ID must be a positive whole number")
            }
            installationID = number
        }
        return Self(
            credentials: try GitHubAppCredentials(appID: appID, privateKeyPEM: pem), installationID: installationID)
    }

    /// A token provider for the GitHub instance whose REST API is at `apiBaseURL`.
    public func tokenProvider(
        apiBaseURL: String, httpClient: HTTPClient = .shared, options: ForgeHTTPOptions = ForgeHTTPOptions(),
        logger: Logger = Logger(label: "argocd-image-pr.forge.github-app")
    ) -> GitHubAppTokenProvider {
        GitHubAppTokenProvider(
            credentials: credentials, apiBaseURL: apiBaseURL, installationID: installationID, httpClient: httpClient,
            options: options, logger: logger)
    }

    public var description: String {
        "\(credentials)" + (installationID.map { ", installation \($0)" } ?? "")
    }

    private static func readKeyFile(_ path: String) throws(GitHubAppError) -> String {
        let url = URL(fileURLWithPath: path)
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            data = try handle.read(upToCount: 64 << 10) ?? Data()
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
            throw .configuration("GITHUB_APP_PRIVATE_KEY_FILE \(path) \(reason)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
