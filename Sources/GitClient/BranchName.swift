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
        var valid: Int32 = 0
        let code = git_reference_name_is_valid(&valid, "refs/heads/\(name)")
        guard code == 0, valid == 1 else { throw refuse("not a valid git reference name") }
    }

    static func reference(_ name: String) -> String {
        "refs/heads/\(name)"
    }
}
