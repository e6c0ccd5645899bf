import Forges
import Foundation

extension BotState {
    /// Answered comment ids kept; the oldest are forgotten first (they are long past the watermark, so only an
    /// edit of a very old comment could bring one back).
    static let maxProcessedComments = 5000

    /// Records the comment as answered and moves the watermark up to it (never past `ceiling`: a comment left for
    /// a later run must stay in the window read next time). False when it was answered already.
    mutating func markAnswered(_ comment: ForgeComment, ceiling: Date?) -> Bool {
        guard !processedComments.contains(comment.id) else { return false }
        processedComments.append(comment.id)
        if processedComments.count > Self.maxProcessedComments {
            processedComments.removeFirst(processedComments.count - Self.maxProcessedComments)
        }
        advanceWatermark(to: min(comment.updatedAt, ceiling ?? .distantFuture))
        return true
    }

    /// Moves `commentsReadUntil` forward (never back); false when it already was that far.
    @discardableResult
    mutating func advanceWatermark(to date: Date) -> Bool {
        // Whole seconds: what forges answer, and what reads back the same from `state.yaml`.
        let date = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
        guard commentsReadUntil.map({ $0 < date }) ?? true else { return false }
        commentsReadUntil = date
        return true
    }
}
