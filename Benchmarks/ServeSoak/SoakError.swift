/// A soak failure, said in one line.
struct SoakError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = "serve-soak: \(description)"
    }
}
