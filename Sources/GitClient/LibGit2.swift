import CLibGit2

/// Process-wide libgit2 facts: initialisation and the linked version.
public enum LibGit2 {
    /// libgit2 keeps global state that must be set up once before any other call;
    /// `git_libgit2_init` is reference counted, so calling it once and never
    /// shutting down is the simplest correct use for a process. Connections get an idle timeout from the start.
    private static let initialised: Bool = {
        git_libgit2_init()
        _ = IdleTimeoutStream.register()
        // Planning reads branches of every chart repository straight from their packs, and the handles stay
        // open for the run: bound the pack files held open at once (libgit2's default is no bound).
        _ = clibgit2_set_mwindow_file_limit(maximumOpenPackFiles)
        return true
    }()

    /// Pack files kept open across all repositories; older ones are closed and reopened on demand.
    static let maximumOpenPackFiles = 128

    /// Makes sure libgit2 is initialised; cheap after the first call.
    public static func ensureInitialised() {
        _ = initialised
    }

    /// The version of the libgit2 library linked at run time, e.g. `1.5.1`.
    public static var version: String {
        var major: Int32 = 0
        var minor: Int32 = 0
        var revision: Int32 = 0
        git_libgit2_version(&major, &minor, &revision)
        return "\(major).\(minor).\(revision)"
    }
}
