/// Works out the minimal registry requests of one whole-fleet plan from the generated fleet and the
/// tags the plan chose: one tag list per repository in use; semver: the chosen tag's manifest and
/// config (labels for the PR body); digest: the tracked tag's manifest; newest-build: manifest and
/// config of every `main-` candidate. Warm (dates cached by digest): manifests only.
struct FloorPlan: Sendable {
    let apps: [ApplicationModel]
    let repositories: [ImageRepositoryModel]
    let changes: [PlanChild.Change]

    func jobs(warm: Bool) -> [FloorRunner.Job] {
        var jobs: [FloorRunner.Job] = []
        var seen: Set<FloorRunner.Job> = []
        func add(_ job: FloorRunner.Job) {
            if seen.insert(job).inserted { jobs.append(job) }
        }
        let chosen = Dictionary(changes.map { ($0.application, $0.to) }) { first, _ in first }
        for app in apps {
            add(.tags(repository: repositories[app.repository].name))
        }
        for app in apps {
            let repository = repositories[app.repository]
            switch app.strategy {
            case .semver:
                if let tag = chosen[app.name] {
                    add(
                        warm
                            ? .manifest(repository: repository.name, tag: tag, head: false)
                            : .manifestAndConfig(repository: repository.name, tag: tag))
                }
            case .digest:
                let changed = chosen[app.name] != nil && !warm
                add(
                    changed
                        ? .manifestAndConfig(repository: repository.name, tag: app.constraint)
                        : .manifest(repository: repository.name, tag: app.constraint, head: false))
            case .newestBuild:
                for tag in repository.buildTags {
                    add(
                        warm
                            ? .manifest(repository: repository.name, tag: tag.name, head: true)
                            : .manifestAndConfig(repository: repository.name, tag: tag.name))
                }
            }
        }
        return jobs
    }
}
