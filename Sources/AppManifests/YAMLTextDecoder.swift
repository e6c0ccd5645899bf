import Foundation

/// Turns file bytes into text: UTF-8 (with or without BOM), and UTF-16/32 when a BOM says so.
enum YAMLTextDecoder {
    static func decode(_ data: Data) -> String? {
        let bytes = [UInt8](data.prefix(4))
        func starts(_ prefix: [UInt8]) -> Bool { bytes.starts(with: prefix) }

        let text: String?
        // UTF-32 LE shares its first two bytes with UTF-16 LE, so it is tested first.
        if starts([0xFF, 0xFE, 0x00, 0x00]) {
            text = String(data: data.dropFirst(4), encoding: .utf32LittleEndian)
        } else if starts([0x00, 0x00, 0xFE, 0xFF]) {
            text = String(data: data.dropFirst(4), encoding: .utf32BigEndian)
        } else if starts([0xFF, 0xFE]) {
            text = String(data: data.dropFirst(2), encoding: .utf16LittleEndian)
        } else if starts([0xFE, 0xFF]) {
            text = String(data: data.dropFirst(2), encoding: .utf16BigEndian)
        } else if starts([0xEF, 0xBB, 0xBF]) {
            text = String(data: data.dropFirst(3), encoding: .utf8)
        } else {
            text = String(data: data, encoding: .utf8)
        }
        guard let text else { return nil }
        // A NUL would end the text early inside libyaml; it is never valid YAML anyway.
        if text.utf8.contains(0) { return nil }
        return text
    }
}
