import CLibGit2

/// Branch names as the bot writes them: short names, valid for git, never an option or a full ref.
enum BranchName {
    static func validate(_ name: String, operation: String) throws {
        let refuse = { (why: String) in
            GitError(.invalidArgument, operation: operation, message: "invalid branch name '\(name)': \(why)")
        }
        guard !name.isEmpty else { throw refuse("empty") }
        guard !name.hasPrefix("-") else { throw refuse("starts with '-'") }
        guard !name.hasPrefix("refs/") else { throw refuse("give the short name, without refs/") }
        // Checked here, not left to libgit2: a NUL would end the C string early, so "main\0x" would be
        // validated (and written) as "main"; libgit2 1.5 also lets DEL through.
        guard !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw refuse("contains a control character")
        }
        var valid: Int32 = 0
        let code = git_reference_name_is_valid(&valid, "refs/heads/\(name)")
        guard code == 0, valid == 1 else { throw refuse("not a valid git reference name") }
    }

    static func reference(_ name: String) -> String {
        "refs/heads/\(name)"
    }
}
