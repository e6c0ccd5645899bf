import Foundation
import Yams

/// Reads and writes `state.yaml`: sorted keys so that a change shows as a small diff in the audit log.
enum StateFile {
    static let path = "state.yaml"
    /// Larger than any real state; a bigger file is refused rather than parsed.
    static let maxBytes = 1 << 20

    static let header = """
        # argocd-image-pr state for this repository: declined versions, pins and skips per Application.
        # Written by the bot, one commit per change (the history is the audit log).

        """

    static func encode(_ state: BotState) throws(StateFileError) -> Data {
        let encoder = YAMLEncoder()
        encoder.options.sortKeys = true
        encoder.options.width = -1
        do {
            return Data((header + (try encoder.encode(state))).utf8)
        } catch {
            throw StateFileError("cannot encode the state: \(error)")
        }
    }

    /// The state in `data`; an empty file is an empty state.
    static func decode(_ data: Data, origin: String) throws(StateFileError) -> BotState {
        guard data.count <= maxBytes else {
            throw StateFileError("\(origin): \(data.count) bytes, more than the \(maxBytes) allowed")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw StateFileError("\(origin): not UTF-8 text")
        }
        // The bot never writes anchors or aliases, and no name or tag can hold these characters: refusing them
        // rules out alias-expansion bombs in a hand-edited file.
        if text.contains("&") || text.contains("*") {
            throw StateFileError("\(origin): YAML anchors or aliases (`&`, `*`) are not allowed in the state file")
        }
        let meaningful = text.split(whereSeparator: \.isNewline).contains {
            let line = $0.trimmingCharacters(in: .whitespaces)
            return !line.isEmpty && !line.hasPrefix("#")
        }
        guard meaningful else { return BotState() }
        let state: BotState
        do {
            state = try YAMLDecoder().decode(BotState.self, from: text)
        } catch {
            throw StateFileError("\(origin): not a valid state file: \(Self.oneLine(error))")
        }
        guard state.version <= BotState.currentVersion else {
            throw StateFileError(
                "\(origin): version \(state.version) was written by a newer argocd-image-pr; refusing to change it")
        }
        return state
    }

    private static func oneLine(_ error: any Error) -> String {
        "\(error)".split(whereSeparator: \.isNewline).first.map(String.init) ?? "\(error)"
    }
}

/// A state file that cannot be read or written.
struct StateFileError: Error, Sendable, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
