/// A value from a webhook body, made fit for a one-line reason or a log line.
///
/// Why: ignore reasons quote fields of the body (an action, a ref, a type) and go into the reply and the log; a
/// line break or escape sequence there would forge log lines, and a megabyte-long field would be echoed whole.
enum PayloadText {
    /// Longest quoted value, in characters.
    static let limit = 80

    /// `text` with control characters and Unicode line breaks replaced by `?`, clipped to ``limit`` characters.
    static func shown(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var count = 0
        for scalar in text.unicodeScalars {
            guard count < limit else {
                scalars.append("…")
                break
            }
            let value = scalar.value
            let unsafe = value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
            scalars.append(unsafe ? "?" : scalar)
            count += 1
        }
        return String(scalars)
    }
}
