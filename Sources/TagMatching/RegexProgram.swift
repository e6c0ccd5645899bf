/// A compiled `SafeRegex`: a Thompson NFA whose instructions are run by `PikeVM`.
struct RegexProgram: Sendable {
    enum Instruction: Sendable {
        case scalar(UInt32, next: Int)
        case set(classIndex: Int, next: Int)
        case assertion(RegexAssertion, next: Int)
        case split(Int, Int)
        case match
    }

    /// Matching costs O(text length × program size), so bounding the program bounds every match.
    static let maxInstructions = 10_000

    let instructions: [Instruction]
    let classes: [ScalarClass]
    let start: Int
    let isAnchoredAtStart: Bool
}
