/// A step of `run` that failed for one Application or repository, in one line.
struct RunError: Error, Sendable, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
