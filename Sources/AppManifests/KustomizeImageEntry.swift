/// An Argo CD `kustomize.images` entry: `[name=]newName[:tag][@digest]`.
struct KustomizeImageEntry {
    var alias: String?
    var reference: ImageReferenceParts

    init(_ text: String) {
        if let equals = text.firstIndex(of: "=") {
            alias = String(text[..<equals])
            reference = ImageReferenceParts(String(text[text.index(after: equals)...]))
        } else {
            alias = nil
            reference = ImageReferenceParts(text)
        }
    }

    /// Image Updater's rule: the same image name, and the same alias when both sides name one.
    func matches(alias wanted: String?, imageName: String) -> Bool {
        if let wanted, let alias {
            return wanted == alias
        }
        if let wanted, reference.name == wanted { return true }
        return ImageReferenceParts.sameRepository(reference.name, imageName)
    }
}
