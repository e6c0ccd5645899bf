// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "argocd-image-pr",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "argocd-image-pr", targets: ["argocd-image-pr"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.29.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.10.0"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.25.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.1.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.1.0"),
    ],
    targets: [
        // libgit2 from Debian's libgit2-dev, reached through pkg-config.
        .systemLibrary(
            name: "CLibGit2",
            path: "Sources/CLibGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        // Image references and image-list entries (pure, no I/O).
        .target(name: "ImageRef", path: "Sources/ImageRef"),
        // Linear-time regular expressions and tag globs (pure).
        .target(name: "TagMatching", path: "Sources/TagMatching"),
        // Strategies, semver constraints, filters, pins and skips (pure).
        .target(
            name: "UpdatePolicy",
            dependencies: ["TagMatching"],
            path: "Sources/UpdatePolicy"
        ),
        // OCI distribution client, auth, registries.conf, metadata cache.
        .target(
            name: "OCIRegistry",
            dependencies: [
                "ImageRef",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Sources/OCIRegistry"
        ),
        // Applications, Image Updater annotations, override files, YAML edits.
        .target(
            name: "AppManifests",
            dependencies: [
                "ImageRef",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/AppManifests"
        ),
        // libgit2 wrapper: clone, fetch, commit, push with lease.
        .target(
            name: "GitClient",
            dependencies: [
                "CLibGit2",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/GitClient"
        ),
        // GitHub and GitLab behind one protocol.
        .target(
            name: "Forges",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ],
            path: "Sources/Forges"
        ),
        // The run: plan, reconcile, comment commands, state, output.
        .target(
            name: "Engine",
            dependencies: [
                "ImageRef", "UpdatePolicy", "OCIRegistry", "AppManifests", "GitClient", "Forges",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Sources/Engine",
            resources: [.copy("DefaultTemplates")]
        ),
        // Long-running service: scheduler, webhooks, metrics.
        .target(
            name: "BotServer",
            dependencies: [
                "Engine",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/BotServer"
        ),
        // The executable: argument parsing and printing only.
        .executableTarget(
            name: "argocd-image-pr",
            dependencies: [
                "Engine", "BotServer", "GitClient", "ImageRef", "TagMatching", "UpdatePolicy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/argocd-image-pr"
        ),
        // Benchmark: our registry client against a plain HTTP loop on a local registry (not a test).
        .executableTarget(
            name: "registry-bench",
            dependencies: [
                "OCIRegistry", "ImageRef", "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/RegistryBench",
            exclude: ["RESULTS.md"]
        ),
        // Benchmark: whole-fleet plan against the request floor on a local registry (not a test).
        .executableTarget(
            name: "fleet-bench",
            dependencies: [
                "Engine", "OCIRegistry", "TestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/FleetBench",
            exclude: ["RESULTS.md"]
        ),
        // Benchmark: the real `serve` over many reconciles, its RSS sampled after each (not a test).
        .executableTarget(
            name: "serve-soak",
            dependencies: [
                "BotServer", "Engine", "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/ServeSoak",
            exclude: ["RESULTS.md"]
        ),
        // Real servers for tests: docker-registry, token server, proxies, git smart HTTP.
        .target(
            name: "TestSupport",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/TestSupport",
            resources: [.copy("Resources")]
        ),
        .testTarget(name: "ImageRefTests", dependencies: ["ImageRef"]),
        .testTarget(name: "TagMatchingTests", dependencies: ["TagMatching"]),
        .testTarget(name: "UpdatePolicyTests", dependencies: ["UpdatePolicy"]),
        .testTarget(name: "OCIRegistryTests", dependencies: ["OCIRegistry", "TestSupport"]),
        .testTarget(name: "AppManifestsTests", dependencies: ["AppManifests"]),
        .testTarget(name: "GitClientTests", dependencies: ["GitClient", "TestSupport"]),
        .testTarget(name: "TestSupportTests", dependencies: ["TestSupport"]),
        .testTarget(name: "ForgesTests", dependencies: ["Forges", "TestSupport"]),
        .testTarget(
            name: "BotServerTests",
            dependencies: [
                "BotServer", "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "HardeningTests",
            dependencies: [
                "ImageRef", "TagMatching", "UpdatePolicy", "OCIRegistry", "AppManifests", "GitClient", "TestSupport",
                "Forges", "Engine", "BotServer",
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "EngineTests",
            dependencies: ["Engine", "TestSupport", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Fixtures")]
        ),
    ]
)
