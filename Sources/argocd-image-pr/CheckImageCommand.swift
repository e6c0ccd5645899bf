import ArgumentParser
import Engine

/// `check-image`: ask the registry which tag the policy would choose for one image.
struct CheckImageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-image",
        abstract: "Show which tag and digest an image would move to under a policy.",
        discussion: """
            IMAGE uses the image-list syntax without alias: [registry/]repo[:tag-or-constraint][@digest]. \
            For semver the tag part is the constraint (nginx:~1.20); for digest it is the tag to track.
            """
    )

    @Argument(help: "The image, e.g. nginx:~1.20 or ghcr.io/org/app:latest.")
    var image: String

    @Option(name: .long, help: "Update strategy: semver, newest-build (latest), alphabetical (name) or digest.")
    var strategy: String = "semver"

    @Option(name: .long, help: "Only consider tags matching this: regexp:<expression> or any.")
    var allowTags: String?

    @Option(name: .long, help: "Ignore tags matching this glob (repeatable; commas separate several).")
    var ignoreTags: [String] = []

    @Option(name: .long, help: "Require this platform in multi-arch images: os/arch[/variant] (repeatable).")
    var platform: [String] = []

    @Option(name: .long, help: "Argo CD Image Updater registries.conf to read.")
    var registriesConf: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: CheckImageFormat = .text

    private var request: ImageCheckRequest {
        ImageCheckRequest(
            image: image, strategy: strategy, allowTags: allowTags, ignoreTags: ignoreTags, platforms: platform,
            registriesConf: registriesConf)
    }

    func validate() throws {
        for value in platform where !PlatformArgument.isValid(value) {
            throw ValidationError("--platform \(value): expected os/arch or os/arch/variant, e.g. linux/arm64/v8")
        }
        do {
            _ = try ImageChecker.validate(request)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        let checker = ImageChecker(logger: Console.logger(label: "check-image"), warn: Console.warning)
        let result: ImageCheckResult
        do {
            result = try await checker.check(request)
        } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
        print(format == .json ? result.json() : result.text())
        if let error = result.error {
            Console.error(error)
            throw ExitCode(1)
        }
    }
}
