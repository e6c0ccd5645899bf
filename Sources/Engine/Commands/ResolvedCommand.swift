/// A comment command checked against its Application, every default filled in: what it changes in the state
/// and what it asks of the pull request.
enum ResolvedCommand: Sendable, Equatable {
    case pin(TagHold)
    case unpin(alias: String)
    /// `/skip <alias> [tag]`, or `/skip` alone (`closes`: every proposed tag, then the pull request is closed).
    case skip([TagHold], closes: Bool)
    case unskip(alias: String, tag: String?)
    case rebase
    case recreate
    case help

    /// Applies the command to the Application's state; false when nothing changed. A command that closes the
    /// pull request records it as read, so that the close is never taken for "not these versions".
    func apply(to state: inout ApplicationState, pullRequest: Int) -> Bool {
        let before = state
        switch self {
        case .pin(let hold):
            if state.pins.contains(where: { $0.alias == hold.alias && $0.tag == hold.tag }) { return false }
            state.pins.removeAll { $0.alias == hold.alias }
            state.pins.append(hold)
        case .unpin(let alias):
            state.pins.removeAll { $0.alias == alias }
        case .skip(let holds, let closes):
            for hold in holds where !state.skips.contains(where: { $0.alias == hold.alias && $0.tag == hold.tag }) {
                state.skips.append(hold)
            }
            if closes { Self.markRead(pullRequest, in: &state) }
        case .unskip(let alias, let tag):
            func matches(_ hold: TagHold) -> Bool { hold.alias == alias && (tag == nil || hold.tag == tag) }
            state.skips.removeAll(where: matches)
            state.declined.removeAll(where: matches)
        case .recreate:
            Self.markRead(pullRequest, in: &state)
        case .rebase, .help:
            break
        }
        return state != before
    }

    /// Whether the command closes the pull request once applied.
    var closesPullRequest: Bool {
        switch self {
        case .skip(_, let closes): closes
        case .recreate: true
        default: false
        }
    }

    /// Whether the head branch is written anew (a fresh commit on the current base).
    var rebuildsBranch: Bool {
        self == .rebase || self == .recreate
    }

    private static func markRead(_ pullRequest: Int, in state: inout ApplicationState) {
        if !state.processedPullRequests.contains(pullRequest) { state.processedPullRequests.append(pullRequest) }
    }
}
