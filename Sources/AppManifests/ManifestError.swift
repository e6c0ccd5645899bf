/// A problem with a manifest, an annotation, or a file the bot would read or write.
///
/// The description is always one line, `path:line: message`, so it can be printed to stderr as is.
public struct ManifestError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Sendable, Equatable {
        case unreadable
        case tooLarge
        case invalidYAML
        case limitExceeded
        case invalidAnnotation
        case invalidName
        case invalidPath
        case unsupported
        case notEditable
    }

    private let code: Code
    /// Where the problem comes from.
    public let location: ManifestLocation
    /// The Application the problem belongs to, when known.
    public let application: String?
    /// Where that Application's manifest starts (the problem itself may be on a later line).
    public private(set) var applicationLocation: ManifestLocation?
    /// What went wrong, without the location.
    public let message: String

    private init(_ code: Code, _ location: ManifestLocation, _ message: String, application: String? = nil) {
        self.code = code
        self.location = location
        self.message = ManifestError.oneLine(message)
        self.application = application
    }

    public var description: String { "\(location): \(message)" }

    /// Errors tied to reading files are about the file as a whole; the others are about one Application.
    public var isFileError: Bool {
        switch code {
        case .unreadable, .tooLarge, .invalidYAML, .limitExceeded: true
        default: false
        }
    }

    public static func unreadable(_ location: ManifestLocation, _ message: String) -> Self {
        Self(.unreadable, location, message)
    }

    public static func tooLarge(_ location: ManifestLocation, limit: Int) -> Self {
        Self(.tooLarge, location, "file is larger than \(limit) bytes; refused")
    }

    static func invalidYAML(_ location: ManifestLocation, _ message: String) -> Self {
        Self(.invalidYAML, location, message)
    }

    static func limitExceeded(_ location: ManifestLocation, _ message: String) -> Self {
        Self(.limitExceeded, location, message)
    }

    static func invalidAnnotation(
        _ location: ManifestLocation,
        _ annotation: String,
        _ message: String,
        application: String? = nil
    ) -> Self {
        Self(.invalidAnnotation, location, "annotation \(annotation): \(message)", application: application)
    }

    /// A setting that is not an annotation (an `ImageUpdater` field); `label` names it.
    static func invalidSetting(_ location: ManifestLocation, _ label: String, _ message: String) -> Self {
        Self(.invalidAnnotation, location, "\(label): \(message)")
    }

    static func invalidName(_ location: ManifestLocation, _ message: String, application: String? = nil) -> Self {
        Self(.invalidName, location, message, application: application)
    }

    public static func invalidPath(_ location: ManifestLocation, _ message: String, application: String? = nil) -> Self
    {
        Self(.invalidPath, location, message, application: application)
    }

    static func unsupported(_ location: ManifestLocation, _ message: String, application: String? = nil) -> Self {
        Self(.unsupported, location, message, application: application)
    }

    static func notEditable(_ location: ManifestLocation, _ message: String) -> Self {
        Self(.notEditable, location, message)
    }

    func forApplication(_ name: String, at manifest: ManifestLocation) -> Self {
        var error = Self(code, location, message, application: name)
        error.applicationLocation = manifest
        return error
    }

    /// Messages may quote user input; keep them to one printable line of bounded length.
    private static func oneLine(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if result.unicodeScalars.count >= 400 {
                result += "…"
                break
            }
            if scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" {
                result += " "
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
