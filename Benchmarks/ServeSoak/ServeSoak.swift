import AsyncHTTPClient
import Foundation
import TestSupport

/// `serve-soak`: the real `argocd-image-pr serve` reconciling one repository hundreds of times, with its
/// resident memory sampled after every run (a benchmark, not a test).
@main
struct ServeSoak {
    static func main() async {
        do {
            let options = try SoakOptions(arguments: Array(CommandLine.arguments.dropFirst()))
            try await run(options)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            exit(1)
        }
    }

    static func run(_ options: SoakOptions) async throws {
        let loadBefore = MachineDescription.loadAverage()
        let started = ContinuousClock.now
        let fixture = try await SoakFixture.start()
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        var server: ServeProcess?
        do {
            let port = try FreePort.loopback()
            server = try ServeProcess(
                binary: options.binary, configuration: try fixture.writeConfiguration(), port: port,
                environment: fixture.environment, log: fixture.root.appendingPathComponent("serve.log"))
            let service = server!
            let client = ServeClient(client: http, baseURL: "http://127.0.0.1:\(port)", token: fixture.triggerToken)
            let driver = SoakDriver(fixture: fixture, service: service, client: client, options: options)
            let samples = try await driver.run()
            let outcome = try await fixture.outcome(builds: driver.builds(for: options.runs))
            let report = SoakReport(
                samples: samples, options: options,
                command: CommandLine.arguments.joined(separator: " "),
                peakKiB: ResidentMemory.peak(of: service.pid), elapsed: (ContinuousClock.now - started).seconds,
                outcome: outcome)
            await service.stop()
            server = nil
            print(report.table)
            print()
            print(report.summary)
            if let path = options.results {
                let machine = MachineDescription.current(
                    loadBefore: loadBefore, loadAfter: MachineDescription.loadAverage())
                try report.markdown(machine: machine).write(toFile: path, atomically: true, encoding: .utf8)
                print("\nwrote \(path)")
            }
        } catch {
            if let server {
                FileHandle.standardError.write(Data("serve log (last lines):\n\(server.logTail())\n".utf8))
                await server.stop()
            }
            try? await http.shutdown()
            await fixture.stop()
            throw error
        }
        try? await http.shutdown()
        await fixture.stop()
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
