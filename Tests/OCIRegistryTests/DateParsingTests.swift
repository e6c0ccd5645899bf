import Foundation
import Testing

@testable import OCIRegistry

@Suite("RFC 3339 dates in image configs")
struct DateParsingTests {
    /// The formatter-based parser the hand parser replaced: the oracle for valid inputs.
    private static func formatterDate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        guard let dot = text.firstIndex(of: ".") else { return nil }
        let fractionEnd = text[dot...].dropFirst().firstIndex(where: { !$0.isNumber }) ?? text.endIndex
        let fraction = text[text.index(after: dot)..<fractionEnd].prefix(3)
        let trimmed = String(text[..<dot]) + "." + fraction + String(text[fractionEnd...])
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: trimmed)
    }

    @Test(
        "valid timestamps",
        arguments: [
            ("2024-05-01T10:00:00Z", 1_714_557_600.0),
            ("2024-05-01T12:00:00+02:00", 1_714_557_600.0),
            ("2024-05-01T05:30:00-04:30", 1_714_557_600.0),
            ("2024-05-01T10:00:00.5Z", 1_714_557_600.5),
            ("2024-05-01T10:00:00.123Z", 1_714_557_600.123),
            ("2024-05-01T10:00:00.123456789Z", 1_714_557_600.123),
            ("2024-05-01T10:00:00.999999999+00:00", 1_714_557_600.999),
            ("1970-01-01T00:00:00Z", 0.0),
            ("1969-12-31T23:59:59Z", -1.0),
            ("2000-02-29T00:00:00Z", 951_782_400.0),
            ("2100-12-31T23:59:59Z", 4_133_980_799.0),
            ("2024-12-31T23:59:59.001-00:00", 1_735_689_599.001),
        ]
    )
    func valid(text: String, seconds: Double) throws {
        let date = try #require(ImageConfig.parseDate(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.000_5)
        let oracle = try #require(Self.formatterDate(text))
        #expect(abs(date.timeIntervalSince1970 - oracle.timeIntervalSince1970) < 0.000_5)
    }

    @Test(
        "invalid timestamps",
        arguments: [
            "", "yesterday", "2024-05-01", "2024-05-01T10:00:00", "2024-05-01 10:00:00Z", "2024-5-01T10:00:00Z",
            "2024-13-01T10:00:00Z", "2024-00-10T10:00:00Z", "2023-02-29T10:00:00Z", "2024-04-31T10:00:00Z",
            "2024-05-01T24:00:00Z", "2024-05-01T10:60:00Z", "2024-05-01T10:00:60Z", "2024-05-01T10:00:00.Z",
            "2024-05-01T10:00:00+0200", "2024-05-01T10:00:00+02", "2024-05-01T10:00:00Zjunk",
            "2024-05-01T10:00:00.12a3Z", "２０２４-05-01T10:00:00Z", "2024-05-01T10:00:00+25:00",
        ]
    )
    func invalid(text: String) {
        #expect(ImageConfig.parseDate(text) == nil)
    }
}
