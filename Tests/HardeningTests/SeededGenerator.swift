import Foundation

/// SplitMix64: tiny and deterministic, so every fuzz run tries exactly the same inputs and a failure
/// can be replayed from its iteration number.
struct SeededGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`.
    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(max(bound, 1)))
    }

    mutating func chance(_ percent: Int) -> Bool {
        below(100) < percent
    }

    mutating func element<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// Up to `count` pieces joined together.
    mutating func join(_ pieces: [String], upTo count: Int, separator: String = "") -> String {
        (0..<below(count + 1)).map { _ in element(pieces) }.joined(separator: separator)
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
    }

    /// Replaces, inserts or deletes one character of `text` with one of `alphabet`.
    mutating func mutate(_ text: String, alphabet: [String]) -> String {
        var characters = Array(text).map(String.init)
        let position = below(characters.count + 1)
        switch below(3) {
        case 0 where position < characters.count: characters[position] = element(alphabet)
        case 1 where position < characters.count: characters.remove(at: position)
        default: characters.insert(element(alphabet), at: position)
        }
        return characters.joined()
    }
}

/// Counts inputs per parser so the suite can print what it tried (the issue's closing note wants the numbers).
enum FuzzTally {
    static func report(_ parser: String, tried: Int, accepted: Int) {
        print("fuzz: \(parser): \(tried) inputs tried, \(accepted) accepted, \(tried - accepted) refused")
    }

    /// For parsers that answer "nothing found" rather than refusing.
    static func report(_ parser: String, tried: Int) {
        print("fuzz: \(parser): \(tried) inputs tried")
    }
}

/// Characters a hostile input likes: separators, quotes, control characters, non-ASCII, shell metacharacters.
enum HostilePieces {
    static let characters: [String] = [
        "a", "Z", "0", "9", "_", "-", ".", ":", "/", "@", " ", "\t", "\n", "\r", "\0", "\u{7F}", "\u{1B}",
        "'", "\"", "`", "$", "(", ")", "{", "}", "[", "]", "<", ">", "|", "&", ";", "*", "?", "!", "#", "%",
        "+", "=", "~", "^", ",", "\\", "é", "ß", "İ", "\u{200B}", "\u{FEFF}", "\u{202E}", "😀", "\u{10FFFF}",
        "\u{85}", "\u{2028}", "\u{2029}", "\u{9B}", "\r\n", "\u{0B}", "\u{0C}",
    ]

    /// One line a terminal shows as one line: no Unicode line break of any kind and no C0/C1 control
    /// character (ESC and CSI could rewrite what the terminal shows).
    static func isOneSafeLine(_ text: String) -> Bool {
        !text.unicodeScalars.contains { scalar in
            scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028
                || scalar.value == 0x2029
        }
    }
}

/// Elapsed wall time of `body`, to bound each parser call.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Duration) {
    let start = ContinuousClock.now
    let value = try body()
    return (value, ContinuousClock.now - start)
}
