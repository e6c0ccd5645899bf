/// GitLab's draft marker: a merge request is a draft while its title starts with `Draft:` (or `[Draft]`,
/// `(Draft)`), so drafts are opened, kept and read through the title.
enum DraftTitle {
    static let marker = "Draft: "

    /// The title without a leading draft marker, so that a draft's title compares equal to the rendered one.
    static func removingMarker(_ title: String) -> String {
        let lowered = title.lowercased()
        for prefix in ["draft:", "[draft]", "(draft)", "draft -"] where lowered.hasPrefix(prefix) {
            return String(title.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        }
        return title
    }

    static func adding(to title: String) -> String {
        marker + removingMarker(title)
    }
}
