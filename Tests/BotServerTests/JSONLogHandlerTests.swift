import BotServer
import Foundation
import Logging
import Testing

@Suite("JSON logs")
struct JSONLogHandlerTests {
    private final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [Data] = []
        func append(_ data: Data) { lock.withLock { storage.append(data) } }
        var all: [Data] { lock.withLock { storage } }
    }

    @Test("one JSON object per line with level, message and metadata keys")
    func oneObjectPerLine() throws {
        let lines = Lines()
        var logger = Logger(label: "test") { label in JSONLogHandler(label: label, write: { lines.append($0) }) }
        logger[metadataKey: "webhook.source"] = "github"
        logger.info("webhook queued", metadata: ["repo.url": "https://github.com/acme/charts"])
        logger.debug("not shown at info")
        let written = lines.all
        try #require(written.count == 1)
        #expect(written[0].last == UInt8(ascii: "\n"))
        #expect(written[0].dropLast().contains(UInt8(ascii: "\n")) == false)
        let object = try #require(try JSONSerialization.jsonObject(with: written[0]) as? [String: Any])
        #expect(object["level"] as? String == "info")
        #expect(object["message"] as? String == "webhook queued")
        #expect(object["webhook.source"] as? String == "github")
        #expect(object["repo.url"] as? String == "https://github.com/acme/charts")
        #expect(object["time"] is String)
    }

    @Test("secrets print redacted")
    func redacted() throws {
        let secret = try #require(WebhookSecret("hunter2"))
        #expect("\(secret)" == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        #expect(secret.matches("hunter2"))
        #expect(!secret.matches("hunter3"))
        #expect(!secret.matches(""))
        #expect(WebhookSecret("") == nil)
    }
}
