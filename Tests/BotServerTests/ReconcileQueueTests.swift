import Testing

@testable import BotServer

@Suite("Reconcile queue")
struct ReconcileQueueTests {
    private let repoA = ReconcileTrigger.repository(url: "https://github.com/acme/a")
    private let repoB = ReconcileTrigger.repository(url: "https://github.com/acme/b.git")

    @Test("triggers for a waiting scope coalesce; a waiting full reconcile absorbs everything")
    func coalescing() async {
        let queue = ReconcileQueue()
        #expect(await queue.submit(repoA) == .queued)
        #expect(
            await queue.submit(.comment(repositoryURL: "https://github.com/acme/a.git", number: 1, commentID: 2))
                == .coalesced)
        #expect(await queue.submit(repoB) == .queued)
        #expect(await queue.submit(.scheduled) == .coalesced)
        #expect(await queue.submit(.image(repository: "ghcr.io/acme/x")) == .coalesced)
        let started = await queue.startReady()
        #expect(started.map(\.trigger) == [.scheduled])
    }

    @Test("a global run waits for running repository runs and holds back later ones")
    func globalExclusion() async {
        let queue = ReconcileQueue()
        await queue.submit(repoA)
        let first = await queue.startReady()
        #expect(first.map(\.trigger) == [repoA])
        await queue.submit(.image(repository: "ghcr.io/acme/x"))
        await queue.submit(repoB)
        #expect(await queue.startReady().isEmpty)
        await queue.finish(first[0])
        #expect(await queue.startReady().map(\.trigger) == [.image(repository: "ghcr.io/acme/x")])
        #expect(await queue.startReady().isEmpty)
    }

    @Test("a trigger for a running scope waits for one follow-up")
    func followUp() async {
        let queue = ReconcileQueue()
        await queue.submit(repoA)
        let running = await queue.startReady()
        #expect(await queue.submit(repoA) == .queued)
        #expect(await queue.submit(repoA) == .coalesced)
        #expect(await queue.startReady().isEmpty)
        await queue.finish(running[0])
        #expect(await queue.startReady().map(\.trigger) == [repoA])
    }

    @Test("a trigger the worker widens to a full run excludes every other run")
    func widenedScope() async {
        let unlisted = ReconcileTrigger.repository(url: "https://github.com/acme/charts")
        let queue = ReconcileQueue(scope: { $0 == unlisted ? .everything : $0.scope })
        await queue.submit(repoA)
        let running = await queue.startReady()
        #expect(await queue.submit(unlisted) == .queued)
        #expect(await queue.submit(repoB) == .coalesced)
        #expect(await queue.startReady().isEmpty)
        #expect(await queue.submit(.scheduled) == .coalesced)
        await queue.finish(running[0])
        #expect(await queue.startReady().map(\.trigger) == [.scheduled])
    }

    @Test("after close nothing is accepted or started")
    func closed() async {
        let queue = ReconcileQueue()
        await queue.submit(repoA)
        await queue.close()
        #expect(await queue.submit(repoB) == .closed)
        #expect(await queue.startReady().isEmpty)
    }

    @Test(
        "repository URLs that name the same repository share a key",
        arguments: [
            ("https://github.com/Acme/Charts.git", "https://github.com/acme/charts/"),
            ("git@github.com:acme/charts.git", "https://github.com/acme/charts"),
            ("http://localhost:8080/acme/charts", "localhost:8080/acme/charts"),
        ])
    func repositoryKey(left: String, right: String) {
        #expect(RepositoryKey(left) == RepositoryKey(right))
    }

    @Test("different repositories have different keys")
    func repositoryKeyDiffers() {
        #expect(RepositoryKey("https://github.com/acme/a") != RepositoryKey("https://github.com/acme/b"))
        #expect(RepositoryKey("https://github.com/acme/a") != RepositoryKey("https://gitlab.com/acme/a"))
    }
}
