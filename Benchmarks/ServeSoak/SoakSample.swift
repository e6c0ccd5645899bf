/// One reconcile of the soak and the service's memory right after it.
struct SoakSample: Sendable {
    /// 0 is the run the service makes at start; 1… are the soak's triggers.
    let run: Int
    /// The service's `VmRSS` in KiB after the run finished.
    let rssKiB: Int
    /// Open file descriptors of the service after the run.
    let openFiles: Int
    /// Wall time from trigger to the run counter moving.
    let seconds: Double
    /// True when a newer image was pushed just before this run's trigger.
    let pushedImage: Bool
    /// The run's result as `/metrics` counted it.
    let result: String
}
