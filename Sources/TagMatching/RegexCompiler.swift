/// Compiles a `RegexNode` into a `RegexProgram`, back to front: each node is emitted knowing the
/// instruction that follows it, so no patching of dangling exits is needed except for loops.
struct RegexCompiler {
    typealias Instruction = RegexProgram.Instruction

    private let pattern: String
    private var instructions: [Instruction] = []
    private var classes: [ScalarClass] = []

    private init(pattern: String) {
        self.pattern = pattern
    }

    static func compile(_ node: RegexNode, pattern: String) throws(TagMatchingError) -> RegexProgram {
        var compiler = RegexCompiler(pattern: pattern)
        let match = try compiler.append(.match)
        let start = try compiler.emit(node, next: match)
        return RegexProgram(
            instructions: compiler.instructions,
            classes: compiler.classes,
            start: start,
            isAnchoredAtStart: node.isAnchoredAtStart
        )
    }

    private mutating func append(_ instruction: Instruction) throws(TagMatchingError) -> Int {
        guard instructions.count < RegexProgram.maxInstructions else {
            throw .regexpTooLarge(
                pattern, "the compiled program exceeds \(RegexProgram.maxInstructions) instructions")
        }
        instructions.append(instruction)
        return instructions.count - 1
    }

    private mutating func emit(_ node: RegexNode, next: Int) throws(TagMatchingError) -> Int {
        switch node {
        case .empty:
            return next
        case .scalar(let value):
            return try append(.scalar(value, next: next))
        case .set(let scalarClass):
            classes.append(scalarClass)
            return try append(.set(classIndex: classes.count - 1, next: next))
        case .assertion(let assertion):
            return try append(.assertion(assertion, next: next))
        case .concat(let nodes):
            var entry = next
            for node in nodes.reversed() { entry = try emit(node, next: entry) }
            return entry
        case .alternate(let nodes):
            guard var entry = try nodes.last.map({ (node) throws(TagMatchingError) in try emit(node, next: next) })
            else { return next }
            for node in nodes.dropLast().reversed() {
                let branch = try emit(node, next: next)
                entry = try append(.split(branch, entry))
            }
            return entry
        case .repeated(let body, let min, let max, _):
            return try emitRepeat(body, min: min, max: max, next: next)
        }
    }

    private mutating func emitRepeat(
        _ body: RegexNode, min: Int, max: Int?, next: Int
    ) throws(TagMatchingError)
        -> Int
    {
        guard let max else {
            // x{n,} = n-1 copies, then x+ (one copy that loops back through a split).
            let loop = try append(.split(next, next))
            let bodyEntry = try emit(body, next: loop)
            instructions[loop] = .split(bodyEntry, next)
            var entry = min == 0 ? loop : bodyEntry
            for _ in 1..<Swift.max(min, 1) { entry = try emit(body, next: entry) }
            return entry
        }
        // x{n,m} = n copies, then m-n nested optional copies: x(x(x)?)?
        var entry = next
        for _ in 0..<(max - min) {
            let bodyEntry = try emit(body, next: entry)
            entry = try append(.split(bodyEntry, next))
        }
        for _ in 0..<min { entry = try emit(body, next: entry) }
        return entry
    }
}
