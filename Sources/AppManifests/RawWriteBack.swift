/// Write-back settings as written (annotations or `writeBackConfig`), each with where it was written.
struct RawWriteBack {
    struct Field {
        var value: String
        /// The annotation or field name, for error messages.
        var label: String
        var location: ManifestLocation
    }

    var method: Field?
    var target: Field?
    var branch: Field?
    var repository: Field?

    /// `self` with every field `more` sets taking precedence.
    func overridden(by more: RawWriteBack?) -> RawWriteBack {
        guard let more else { return self }
        return RawWriteBack(
            method: more.method ?? method,
            target: more.target ?? target,
            branch: more.branch ?? branch,
            repository: more.repository ?? repository
        )
    }
}
