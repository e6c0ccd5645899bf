/// What a verified webhook asks for.
enum WebhookDecision: Sendable, Equatable {
    /// Queue these triggers.
    case trigger([ReconcileTrigger])
    /// Nothing to do; the reason goes back in the 202 body.
    case ignore(String)
    /// GitHub's `ping`: answered 200.
    case pong
}
