/// Runs a `RegexProgram` over a text by Thompson simulation: all NFA states are advanced together
/// one scalar at a time, each state at most once per position, so the cost is
/// O(text length × program size) whatever the pattern (no backtracking, no blow-up on `(a+)+$`).
struct PikeVM {
    private let program: RegexProgram
    private let input: [Unicode.Scalar]
    private var stack: [Int] = []

    private init(program: RegexProgram, text: String) {
        self.program = program
        self.input = Array(text.unicodeScalars)
    }

    /// Whether the program matches anywhere in `text`.
    static func matches(_ program: RegexProgram, in text: String) -> Bool {
        var machine = PikeVM(program: program, text: text)
        return machine.run()
    }

    private mutating func run() -> Bool {
        var current = ThreadSet(capacity: program.instructions.count)
        var next = ThreadSet(capacity: program.instructions.count)
        for position in 0...input.count {
            // Unanchored search: a new thread starts at every position.
            if position == 0 || !program.isAnchoredAtStart {
                if addThread(program.start, at: position, to: &current) { return true }
            } else if current.isEmpty {
                return false
            }
            guard position < input.count else { break }
            let scalar = input[position]
            next.removeAll()
            for slot in 0..<current.count {
                switch program.instructions[current[slot]] {
                case .scalar(let value, let target) where value == scalar.value:
                    if addThread(target, at: position + 1, to: &next) { return true }
                case .set(let classIndex, let target) where program.classes[classIndex].contains(scalar):
                    if addThread(target, at: position + 1, to: &next) { return true }
                default:
                    continue
                }
            }
            swap(&current, &next)
        }
        return false
    }

    /// Follows empty transitions from `pc`; returns `true` as soon as a match state is reached.
    private mutating func addThread(_ pc: Int, at position: Int, to threads: inout ThreadSet) -> Bool {
        stack.removeAll(keepingCapacity: true)
        stack.append(pc)
        while let pc = stack.popLast() {
            guard threads.insert(pc) else { continue }
            switch program.instructions[pc] {
            case .match:
                return true
            case .split(let first, let second):
                stack.append(second)
                stack.append(first)
            case .assertion(let assertion, let target):
                let previous = position > 0 ? input[position - 1] : nil
                let following = position < input.count ? input[position] : nil
                if assertion.holds(before: previous, after: following) { stack.append(target) }
            case .scalar, .set:
                continue
            }
        }
        return false
    }
}

/// A sparse set of instruction indices with O(1) insert, membership and clear.
private struct ThreadSet {
    private var dense: [Int]
    private var sparse: [Int]
    private(set) var count = 0

    init(capacity: Int) {
        dense = Array(repeating: 0, count: capacity)
        sparse = Array(repeating: 0, count: capacity)
    }

    var isEmpty: Bool { count == 0 }

    subscript(slot: Int) -> Int { dense[slot] }

    mutating func insert(_ pc: Int) -> Bool {
        let slot = sparse[pc]
        if slot < count && dense[slot] == pc { return false }
        sparse[pc] = count
        dense[count] = pc
        count += 1
        return true
    }

    mutating func removeAll() {
        count = 0
    }
}
