import ImageRef
import Testing

@testable import OCIRegistry

@Suite("registries.conf")
struct RegistriesConfTests {
    static let sample = """
        registries:
        - name: Docker Hub
          prefix: docker.io
          api_url: https://registry-1.docker.io
          credentials: env:DOCKERHUB_CREDS
          defaultns: library
          default: true
          limit: 10
          credsexpire: 5h
        - name: Harbor
          prefix: harbor.example.com
          api_url: https://harbor.example.com
          ca_file: /etc/ssl/harbor-ca.pem
          tagsortmode: latest-first
          ping: yes
        - name: Team A
          prefix: quay.io/team-a
          api_url: https://quay.io
          insecure: true
          credentials: pullsecret:argocd/team-a
        - name: Local
          prefix: 127.0.0.1:5443
          api_url: https://127.0.0.1:5443
        """

    @Test("parses every field Argo CD Image Updater defines")
    func parsesFields() throws {
        let conf = try RegistriesConf(yaml: Self.sample, source: "registries.conf")
        #expect(conf.entries.count == 4)
        let hub = conf.entries[0]
        #expect(hub.name == "Docker Hub")
        #expect(hub.apiURL == "https://registry-1.docker.io")
        #expect(hub.credentials?.text == "env:DOCKERHUB_CREDS")
        #expect(hub.defaultNamespace == "library")
        #expect(hub.isDefault)
        #expect(hub.limit == 10)
        #expect(hub.credentialsExpire == .seconds(5 * 3600))
        #expect(hub.line == 2)
        let harbor = conf.entries[1]
        #expect(harbor.caFile == "/etc/ssl/harbor-ca.pem")
        #expect(harbor.tagSortMode == .latestFirst)
        #expect(harbor.ping)
        #expect(!harbor.insecure)
        #expect(conf.entries[2].insecure)
        #expect(conf.entries[2].credentials?.isKubernetesSecret == true)
    }

    @Test(
        "lookup: exact registry, then longest prefix, then the default for Docker Hub images",
        arguments: [
            ("nginx", "Docker Hub"),
            ("harbor.example.com/team-b/app", "Harbor"),
            // As in Image Updater, an entry for the exact registry wins before prefixes are compared.
            ("harbor.example.com/team-a/app", "Harbor"),
            ("quay.io/team-a/app", "Team A"),
            ("quay.io/team-ab/app", nil),
            ("quay.io/team-b/app", nil),
            ("127.0.0.1:5443/app", "Local"),
            ("ghcr.io/org/app", nil),
            ("harbor.example.com.evil.io/team-a/app", nil),
        ] as [(String, String?)]
    )
    func lookup(image: String, expected: String?) throws {
        let conf = try RegistriesConf(yaml: Self.sample)
        #expect(conf.entry(for: try ImageReference(parsing: image))?.name == expected)
    }

    @Test("explicit api_url wins over the loopback plain-HTTP rule; loopback hosts default to HTTP")
    func endpoints() throws {
        let conf = try RegistriesConf(yaml: Self.sample)
        let local = try RegistryEndpoint(for: try ImageReference(parsing: "127.0.0.1:5443/app"), configuration: conf)
        #expect(local.baseURL.description == "https://127.0.0.1:5443")
        let other = try RegistryEndpoint(for: try ImageReference(parsing: "127.0.0.1:5000/app"), configuration: conf)
        #expect(other.baseURL.description == "http://127.0.0.1:5000")
        let localhost = try RegistryEndpoint(
            for: try ImageReference(parsing: "localhost:5000/app"),
            configuration: RegistriesConf()
        )
        #expect(localhost.baseURL.scheme == "http")
        let hub = try RegistryEndpoint(for: try ImageReference(parsing: "nginx"), configuration: RegistriesConf())
        #expect(hub.baseURL.description == "https://registry-1.docker.io")
        let ghcr = try RegistryEndpoint(
            for: try ImageReference(parsing: "ghcr.io/a/b"), configuration: RegistriesConf())
        #expect(ghcr.baseURL.description == "https://ghcr.io")
        let notLoopback = try RegistryEndpoint(
            for: try ImageReference(parsing: "127.example.com/a"),
            configuration: RegistriesConf()
        )
        #expect(notLoopback.baseURL.scheme == "https")
    }

    @Test("defaultns applies to single-component names on a non-Hub default registry")
    func defaultNamespace() throws {
        let conf = try RegistriesConf(
            yaml: """
                registries:
                - name: Mirror
                  prefix: mirror.example.com
                  api_url: https://mirror.example.com
                  defaultns: base
                  default: true
                """
        )
        let reference = try ImageReference(parsing: "nginx")
        let endpoint = try RegistryEndpoint(for: reference, configuration: conf)
        #expect(endpoint.baseURL.authority == "mirror.example.com")
        #expect(endpoint.repositoryPath(reference) == "base/nginx")
    }

    @Test(
        "invalid files give one line naming file and line",
        arguments: [
            (
                "registries:\n- name: x\n  prefix: a.io\n  api_url: https://a.io\n  colour: red\n", "registries.conf:5",
                "unknown key 'colour'"
            ),
            ("registries:\n- name: x\n  prefix: a.io\n", "registries.conf:2", "api_url"),
            (
                "registries:\n- name: x\n  prefix: a.io\n  api_url: ftp://a.io\n", "registries.conf:2",
                "http:// or https://"
            ),
            (
                "registries:\n- name: x\n  prefix: a.io\n  api_url: https://a.io\n  tagsortmode: random\n",
                "registries.conf:5", "tag sort mode"
            ),
            (
                "registries:\n- name: x\n  prefix: a.io\n  api_url: https://a.io\n  credentials: vault:x\n",
                "registries.conf:5", "unknown source"
            ),
            (
                "registries:\n- name: x\n  prefix: a.io\n  api_url: https://a.io\n  ca_data: nope\n",
                "registries.conf:2", "PEM"
            ),
            (
                "registries:\n- name: x\n  prefix: a.io\n  api_url: https://a.io\n  limit: many\n", "registries.conf:5",
                "integer"
            ),
            (
                "registries:\n- {name: a, prefix: a.io, api_url: 'https://a'}\n- {name: b, prefix: a.io, api_url: 'https://b'}\n",
                "registries.conf:3", "twice"
            ),
            (
                "registries:\n- {name: a, prefix: a.io, api_url: 'https://a', default: true}\n- {name: b, prefix: b.io, api_url: 'https://b', default: true}\n",
                "registries.conf:3", "only one default"
            ),
            ("registries: [\n", "registries.conf", "not valid YAML"),
            ("- a\n- b\n", "registries.conf:1", "expected a mapping"),
        ]
    )
    func invalid(yaml: String, location: String, fragment: String) {
        #expect {
            _ = try RegistriesConf(yaml: yaml)
        } throws: { error in
            let text = String(describing: error)
            return text.hasPrefix(location) && text.contains(fragment) && !text.contains("\n")
        }
    }

    @Test("a missing file is a one-line error naming it")
    func missingFile() {
        #expect {
            _ = try RegistriesConf.load(path: "/nonexistent/registries.conf")
        } throws: { error in
            String(describing: error).hasPrefix("/nonexistent/registries.conf: cannot be read")
        }
    }
}
