#!/usr/bin/env python3
"""Checks the files that run argocd-image-pr somewhere else than a terminal.

    scripts/check-deploy-files.py [BINARY]

BINARY defaults to .build/debug/argocd-image-pr. Checked:
- every YAML file of action.yml, .github/workflows/examples/, templates/gitlab-ci.yml and
  deploy/ parses (Helm templates are Go templates: they are skipped as YAML, but every
  .Values reference in them must exist in values.yaml);
- example workflows: `on`, `jobs`, each job's `runs-on` and `steps`, least `permissions`;
- action.yml: every input is used, every `with:` in the examples names a declared input, and
  the action's script, run with a fake `docker`, calls the CLI only with subcommands and flags
  that `argocd-image-pr <command> --help` lists (same for the GitLab template's script);
- Kubernetes manifests and the Helm chart agree with `serve` (port, probes, config keys);
- docs/configuration.md names every key Sources/Engine/Configuration/ConfigurationReader.swift reads;
- actionlint and shellcheck, when installed.
The last line is `N passed, N failed`; the exit status is 1 when anything failed.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

try:
    import yaml
except ImportError:
    print("check-deploy-files: PyYAML is missing: apt-get install python3-yaml (or pip install pyyaml)")
    sys.exit(1)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSED = 0
FAILED = 0
ALLOWED_PERMISSIONS = {"contents": "write", "pull-requests": "write", "issues": "write"}


def check(name, ok, detail=""):
    global PASSED, FAILED
    if ok:
        PASSED += 1
        print(f"PASS {name}")
    else:
        FAILED += 1
        print(f"FAIL {name}: {detail}")
    return ok


def skip(name, why):
    print(f"SKIP {name}: {why}")


def rel(path):
    return os.path.relpath(path, ROOT)


def load(path):
    """Parses one YAML file (all documents); records pass/fail; returns the documents or None."""
    try:
        with open(path, encoding="utf-8") as handle:
            documents = [d for d in yaml.safe_load_all(handle) if d is not None]
    except (OSError, yaml.YAMLError) as error:
        check(f"{rel(path)} parses", False, str(error).replace("\n", " "))
        return None
    check(f"{rel(path)} parses", bool(documents), "empty file")
    return documents


def files_under(folder, suffixes=(".yml", ".yaml")):
    found = []
    for directory, _, names in os.walk(os.path.join(ROOT, folder)):
        found += [os.path.join(directory, n) for n in sorted(names) if n.endswith(suffixes)]
    return sorted(found)


# ---------------------------------------------------------------- CLI help


class CLIHelp:
    """Subcommands and their flags, read from the binary's --help output."""

    def __init__(self, binary):
        self.binary = binary
        self.flags = {}
        for command in ["plan", "run", "serve", "validate", "check-image", "version"]:
            result = subprocess.run([binary, command, "--help"], capture_output=True, text=True, timeout=60)
            if result.returncode == 0:
                self.flags[command] = set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", result.stdout))

    def problems(self, argv):
        """What is wrong with one CLI call, as a list of strings."""
        if not argv or argv[0] not in self.flags:
            return [f"unknown subcommand in {argv}"]
        return [
            f"`{argv[0]}` has no flag {token}"
            for token in argv[1:]
            if token.startswith("--") and token.split("=")[0] not in self.flags[argv[0]]
        ]


# ---------------------------------------------------------------- workflows


def workflow_triggers(document):
    # PyYAML reads the bare key `on` as the boolean true (YAML 1.1).
    triggers = document.get("on", document.get(True))
    if isinstance(triggers, str):
        return {triggers: None}
    if isinstance(triggers, list):
        return {name: None for name in triggers}
    return triggers or {}


def check_permissions(name, permissions, triggers):
    if permissions in ("write-all", "read-all"):
        return check(f"{name} least permissions", False, f"`{permissions}` grants more than needed")
    if not isinstance(permissions, dict):
        return check(f"{name} least permissions", False, "permissions must be a mapping")
    extra = {k: v for k, v in permissions.items() if v not in ("read", "none") and ALLOWED_PERMISSIONS.get(k) != v}
    if extra:
        return check(f"{name} least permissions", False, f"not needed: {extra}")
    if permissions.get("issues") == "write" and "issue_comment" not in triggers:
        return check(f"{name} least permissions", False, "issues: write only where comments are answered")
    return check(f"{name} least permissions", True)


def check_workflow(path, documents, action_inputs):
    name = rel(path)
    document = documents[0]
    triggers = workflow_triggers(document)
    check(f"{name} has on", bool(triggers), "no `on:` triggers")
    jobs = document.get("jobs")
    if not check(f"{name} has jobs", isinstance(jobs, dict) and bool(jobs), "no `jobs:`"):
        return
    check(f"{name} top-level permissions", "permissions" in document, "set `permissions: {}` and grant per job")
    if isinstance(document.get("permissions"), dict) and document["permissions"]:
        check_permissions(f"{name} (top level)", document["permissions"], triggers)
    for job_name, job in jobs.items():
        label = f"{name} job {job_name}"
        check(f"{label} runs-on", "runs-on" in job, "missing runs-on")
        steps = job.get("steps")
        check(f"{label} steps", isinstance(steps, list) and bool(steps), "missing steps")
        if check(f"{label} permissions", "permissions" in job or bool(document.get("permissions")), "none given"):
            check_permissions(label, job.get("permissions", document.get("permissions")), triggers)
        for step in steps or []:
            uses = step.get("uses", "")
            if uses.endswith("argocd-image-pr@v1") or uses == "./":
                unknown = set(step.get("with", {})) - set(action_inputs)
                check(f"{label} action inputs exist", not unknown, f"action.yml declares no input {sorted(unknown)}")
    check(f"{name} concurrency", "concurrency" in document, "two runs could overlap")
    if name.endswith("scheduled.yml"):
        crons = [entry.get("cron") for entry in (triggers.get("schedule") or [])]
        check(f"{name} schedule", "*/30 * * * *" in crons and "workflow_dispatch" in triggers, f"got {crons}")
    if name.endswith("comment-commands.yml"):
        comment = triggers.get("issue_comment") or {}
        check(f"{name} issue_comment created", comment.get("types") == ["created"], f"got {comment}")
        text = open(path, encoding="utf-8").read()
        check(f"{name} limited to bot branches", "argocd-image-pr/*" in text, "no head-branch filter")


# ---------------------------------------------------------------- running scripts with fakes

FAKE = r"""#!/usr/bin/env python3
# Records a CLI call, runs the real binary, and stands in for subcommands this build lacks.
import json, os, subprocess, sys
argv = sys.argv[1:]
if os.path.basename(sys.argv[0]) == "docker":
    if argv[:1] != ["run"]:
        sys.exit(0)  # build / pull
    ref = os.environ["IMAGE_REF"]
    docker_options, argv = argv[1:argv.index(ref)], argv[argv.index(ref) + 1:]
else:
    docker_options = []
config = None
if "--config" in argv:
    try:
        config = open(argv[argv.index("--config") + 1]).read()
    except OSError as error:
        config = f"unreadable: {error}"
result = subprocess.run([os.environ["REAL_BINARY"]] + argv, capture_output=True, text=True)
stubbed = result.returncode == 2 and "not yet available" in result.stderr
with open(os.environ["CALL_LOG"], "a") as log:
    log.write(json.dumps({"argv": argv, "docker": docker_options, "config": config, "rc": result.returncode,
                          "stderr": result.stderr[-400:], "stubbed": stubbed}) + "\n")
if stubbed:
    if "json" in argv:
        print('{"applications": [], "errors": []}')
    else:
        print("Nothing to update.")
    sys.exit(0)
sys.stdout.write(result.stdout)
sys.stderr.write(result.stderr)
sys.exit(result.returncode)
"""


def sandbox(binary):
    scratch = tempfile.mkdtemp(prefix="check-deploy-")
    paths = {name: os.path.join(scratch, name) for name in ["bin", "workspace", "runner", "home"]}
    for folder in paths.values():
        os.makedirs(folder)
    for tool in ["docker", "argocd-image-pr"]:
        with open(os.path.join(paths["bin"], tool), "w") as handle:
            handle.write(FAKE)
        os.chmod(os.path.join(paths["bin"], tool), 0o755)
    subprocess.run(["git", "init", "-q", paths["workspace"]], check=True)
    env = {
        "PATH": paths["bin"] + os.pathsep + os.environ.get("PATH", ""),
        "HOME": paths["home"],
        "REAL_BINARY": os.path.abspath(binary),
        "CALL_LOG": os.path.join(scratch, "calls.jsonl"),
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    return scratch, paths, env


def read_calls(env):
    if not os.path.exists(env["CALL_LOG"]):
        return []
    with open(env["CALL_LOG"]) as handle:
        calls = [json.loads(line) for line in handle]
    os.remove(env["CALL_LOG"])
    return calls


def check_calls(label, calls, cli, expect):
    problems = [p for call in calls for p in cli.problems(call["argv"])]
    problems += [f"{call['argv']}: exit {call['rc']}: {call['stderr'].strip()}" for call in calls
                 if call["rc"] == 2 and not call["stubbed"]]
    check(f"{label}: CLI flags exist in --help", bool(calls) and not problems, problems or "the CLI was never called")
    for wanted in expect:
        words = wanted.split()
        check(f"{label}: calls `{wanted}`",
              any(call["argv"][:1] == words[:1] and set(words) <= set(call["argv"]) for call in calls),
              f"calls were {[' '.join(call['argv']) for call in calls]}")
    stubbed = sorted({call["argv"][0] for call in calls if call["stubbed"]})
    if stubbed:
        print(f"     note: {', '.join(stubbed)} not yet available in this binary; their output was stubbed")


def expand(value, inputs, defaults):
    def replace(match):
        expression = match.group(1).strip()
        if expression.startswith("inputs."):
            key = expression[len("inputs."):]
            return str(inputs.get(key, defaults.get(key, "")))
        if expression == "steps.image.outputs.ref":
            return "argocd-image-pr:test"
        raise ValueError(f"unexpected expression ${{{{ {expression} }}}}")
    return re.sub(r"\$\{\{(.*?)\}\}", replace, str(value))


def check_action(binary, cli):
    path = os.path.join(ROOT, "action.yml")
    documents = load(path)
    if not documents:
        return {}
    action = documents[0]
    inputs = action.get("inputs") or {}
    runs = action.get("runs") or {}
    check("action.yml has name, description, runs", all(k in action for k in ("name", "description", "runs")),
          "missing keys")
    steps = runs.get("steps") or []
    check("action.yml composite steps declare shell", runs.get("using") == "composite" and steps
          and all("shell" in s for s in steps if "run" in s), "every run step needs shell:")
    runs_text = yaml.safe_dump(runs)
    unused = [name for name in inputs if not re.search(r"inputs\." + re.escape(name) + r"\b", runs_text)]
    check("action.yml every input is used", not unused, f"unused inputs: {unused}")
    outputs = action.get("outputs") or {}
    step_ids = {s.get("id") for s in steps}
    for name, output in outputs.items():
        match = re.search(r"steps\.([\w-]+)\.outputs", str(output.get("value", "")))
        check(f"action.yml output {name} comes from a step", bool(match) and match.group(1) in step_ids,
              f"value {output.get('value')}")
    main = next((s for s in steps if s.get("id") == "bot"), None)
    if not check("action.yml has the plan-and-run step", main is not None, "no step with id `bot`"):
        return inputs
    defaults = {name: str(spec.get("default", "")) for name, spec in inputs.items()}
    defaults["token"] = "ghs_secret-token-value"
    scenarios = [
        ("defaults", {}, None, 0, ["plan --format json", "plan --format markdown", "run --format"]),
        ("dry-run, config, forge-url, args",
         {"dry-run": "true", "format": "json", "config": "argocd-image-pr.yaml",
          "forge-url": "https://ghe.example.com", "args": "--repo .", "pass-env": "REGISTRY_CREDS OTHER"},
         "pullRequests:\n  draft: true\n", 0,
         ["plan --format json --config --repo", "run --format --dry-run --config --repo"]),
        ("forge-url with forges already configured", {"forge-url": "https://ghe.example.com",
                                                      "config": "argocd-image-pr.yaml"},
         "forges:\n  - url: https://git.example.com\n    type: gitlab\n", 2, []),
        ("invalid dry-run", {"dry-run": "yes"}, None, 2, []),
    ]
    for label, given, config_text, expected_rc, expect in scenarios:
        scratch, paths, env = sandbox(binary)
        try:
            if config_text is not None:
                with open(os.path.join(paths["workspace"], "argocd-image-pr.yaml"), "w") as handle:
                    handle.write(config_text)
            for name in ["GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY"]:
                env[name] = os.path.join(paths["runner"], name)
                open(env[name], "w").close()
            env.update(GITHUB_WORKSPACE=paths["workspace"], RUNNER_TEMP=paths["runner"],
                       GITHUB_ACTION_PATH=ROOT, REGISTRY_CREDS="user:pass")
            try:
                for key, value in (main.get("env") or {}).items():
                    env[key] = expand(value, given, defaults)
            except ValueError as error:
                check(f"action.yml [{label}] expressions", False, str(error))
                continue
            result = subprocess.run(["bash", "-e", "-c", main["run"]], cwd=paths["workspace"], env=env,
                                    capture_output=True, text=True, timeout=300)
            calls = read_calls(env)
            tag = f"action.yml [{label}]"
            check(f"{tag} exit {expected_rc}", result.returncode == expected_rc,
                  f"exit {result.returncode}: {(result.stdout + result.stderr).strip()[-600:]}")
            if expected_rc != 0:
                continue
            check_calls(tag, calls, cli, expect)
            output = open(env["GITHUB_OUTPUT"]).read()
            match = re.match(r"plan<<(\S+)\n(.*)\n\1\n", output, re.S)
            try:
                plan_ok = bool(match) and "applications" in json.loads(match.group(2))
            except ValueError:
                plan_ok = False
            check(f"{tag} plan output is JSON in a heredoc", plan_ok, f"GITHUB_OUTPUT was {output[:300]!r}")
            summary = open(env["GITHUB_STEP_SUMMARY"]).read()
            check(f"{tag} step summary written", summary.strip() != "", "empty summary")
            secret = defaults["token"]
            leaked = [c for c in calls if secret in json.dumps(c["docker"]) + json.dumps(c["argv"])]
            check(f"{tag} token passed by name only", not leaked and all(
                "GITHUB_TOKEN" in c["docker"] for c in calls), "token on a command line or not passed")
            if given.get("dry-run") == "true":
                check(f"{tag} summary says dry run", "Dry run" in summary, "no dry-run note")
            if given.get("forge-url"):
                configs = [c["config"] or "" for c in calls]
                check(f"{tag} forge-url reaches the config", all(given["forge-url"] in c and "draft: true" in c
                                                                  for c in configs), f"configs: {configs[:1]}")
                leftovers = [n for n in os.listdir(paths["workspace"]) if n.startswith(".argocd-image-pr.")]
                check(f"{tag} generated config removed", not leftovers, f"left {leftovers}")
            if given.get("pass-env"):
                docker = calls[0]["docker"] if calls else []
                check(f"{tag} pass-env forwarded", all(n in docker for n in given["pass-env"].split()),
                      f"docker options {docker}")
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return inputs


def check_gitlab(binary, cli):
    path = os.path.join(ROOT, "templates", "gitlab-ci.yml")
    documents = load(path)
    if not documents:
        return
    template = documents[0]
    job = template.get("argocd-image-pr") or {}
    rules = [r.get("if", "") for r in job.get("rules", [])]
    check("gitlab-ci.yml runs on schedules", '$CI_PIPELINE_SOURCE == "schedule"' in rules, f"rules {rules}")
    base = template.get(".argocd-image-pr") or {}
    script = "\n".join(base.get("script") or [])
    check("gitlab-ci.yml uses GITLAB_TOKEN, not CI_JOB_TOKEN", "GITLAB_TOKEN" in script
          and "CI_JOB_TOKEN" not in script, "the job token cannot create merge requests")
    artifacts = (base.get("artifacts") or {}).get("paths", [])
    check("gitlab-ci.yml keeps summary and plan as artifacts",
          {"argocd-image-pr-summary.md", "argocd-image-pr-plan.json"} <= set(artifacts), f"paths {artifacts}")
    variables = dict(template.get("variables") or {})
    scenarios = [
        ("defaults", {}, None, 0, ["plan --format json", "plan --format markdown", "run"]),
        ("dry-run, forge-url, args",
         {"ARGOCD_IMAGE_PR_DRY_RUN": "true", "ARGOCD_IMAGE_PR_FORGE_URL": "https://gitlab.example.com",
          "ARGOCD_IMAGE_PR_ARGS": "--repo ."}, "pullRequests:\n  draft: true\n", 0,
         ["plan --format json --config --repo", "run --dry-run --config --repo"]),
        ("no token", {"GITLAB_TOKEN": ""}, None, 2, []),
    ]
    for label, given, config_text, expected_rc, expect in scenarios:
        scratch, paths, env = sandbox(binary)
        try:
            if config_text is not None:
                with open(os.path.join(paths["workspace"], "argocd-image-pr.yaml"), "w") as handle:
                    handle.write(config_text)
            env.update({k: str(v) for k, v in variables.items()})
            env.update(CI_PROJECT_DIR=paths["workspace"], GITLAB_TOKEN="glpat-secret-token-value")
            env.update(given)
            result = subprocess.run(["sh", "-c", script], cwd=paths["workspace"], env=env,
                                    capture_output=True, text=True, timeout=300)
            tag = f"gitlab-ci.yml [{label}]"
            calls = read_calls(env)
            check(f"{tag} exit {expected_rc}", result.returncode == expected_rc,
                  f"exit {result.returncode}: {(result.stdout + result.stderr).strip()[-600:]}")
            if expected_rc != 0:
                continue
            check_calls(tag, calls, cli, expect)
            produced = [n for n in ("argocd-image-pr-summary.md", "argocd-image-pr-plan.json")
                        if os.path.exists(os.path.join(paths["workspace"], n))]
            check(f"{tag} artifacts written", len(produced) == 2, f"only {produced}")
            if given.get("ARGOCD_IMAGE_PR_FORGE_URL"):
                configs = [c["config"] or "" for c in calls]
                check(f"{tag} forge-url reaches the config", all("type: gitlab" in c and "draft: true" in c
                                                                  for c in configs), f"configs: {configs[:1]}")
        finally:
            shutil.rmtree(scratch, ignore_errors=True)


# ---------------------------------------------------------------- configuration keys


def configuration_keys():
    """Every key ConfigurationReader.swift accepts (the strings in its `case` patterns)."""
    source = os.path.join(ROOT, "Sources", "Engine", "Configuration", "ConfigurationReader.swift")
    with open(source, encoding="utf-8") as handle:
        text = handle.read()
    keys = set()
    for pattern in re.findall(r'case\s+(\(?"[^:\n]*?)\s*:', text):
        keys.update(re.findall(r'"([A-Za-z]+)"', pattern))
    keys -= {"true", "false"}  # the boolean reader's cases, not keys
    top = set(re.findall(r'case\s+"(\w+)":\s*\n\s*configuration\.', text))
    top |= set(re.findall(r'case\s+"(\w+)":\s*configuration\.', text))
    return keys, top


def check_config_mapping(label, config, top_keys):
    if not isinstance(config, dict):
        return check(f"{label} is a mapping", False, f"got {type(config).__name__}")
    unknown = set(config) - top_keys
    return check(f"{label} uses known keys", not unknown, f"unknown keys {sorted(unknown)} (known: {sorted(top_keys)})")


def check_docs(keys):
    path = os.path.join(ROOT, "docs", "configuration.md")
    if not check("docs/configuration.md exists", os.path.exists(path), "missing"):
        return
    text = open(path, encoding="utf-8").read()
    missing = sorted(k for k in keys if not re.search(r"(`|\b)" + re.escape(k) + r"(`|:|\.|\[|\b)", text))
    check("docs/configuration.md names every configuration key", not missing, f"undocumented: {missing}")
    documented = set()
    section = text.split("\n## Keys", 1)[-1].split("\n## ", 1)[0]
    for row in re.findall(r"^\|\s*`([^`]+)`", section, re.M):
        documented.update(re.findall(r"[A-Za-z]+", row))
    unknown = sorted(documented - keys)
    check("docs/configuration.md documents no key the code lacks", documented and not unknown,
          f"not in ConfigurationReader.swift: {unknown}")


# ---------------------------------------------------------------- Kubernetes and Helm


def check_kubernetes(top_keys):
    documents = {}
    for path in files_under("deploy/kubernetes"):
        for document in load(path) or []:
            ok = all(k in document for k in ("apiVersion", "kind")) and (
                document.get("kind") == "Kustomization" or "name" in (document.get("metadata") or {}))
            check(f"{rel(path)} {document.get('kind')} has apiVersion, kind, metadata.name", ok, "missing")
            documents.setdefault(document.get("kind"), []).append(document)
    deployment = (documents.get("Deployment") or [None])[0]
    if not check("deploy/kubernetes has a Deployment", deployment is not None, "none"):
        return
    check_pod(deployment, "deploy/kubernetes", documents, top_keys)
    if shutil.which("kubectl"):
        result = subprocess.run(["kubectl", "kustomize", os.path.join(ROOT, "deploy", "kubernetes")],
                                capture_output=True, text=True, timeout=60)
        check("kubectl kustomize deploy/kubernetes", result.returncode == 0, result.stderr.strip()[:400])
    else:
        skip("kubectl kustomize", "kubectl not installed")


def check_pod(deployment, label, documents, top_keys):
    spec = deployment["spec"]["template"]["spec"]
    container = spec["containers"][0]
    args = container.get("args") or []
    port = next((p for p in container.get("ports", []) if p.get("name") == "http"), {})
    serves = args[:1] == ["serve"] and "--port" in args and str(port.get("containerPort")) == str(
        args[args.index("--port") + 1])
    check(f"{label} container runs serve on its http port", serves, f"args {args}, ports {container.get('ports')}")
    probes = {kind: (container.get(kind) or {}).get("httpGet", {}) for kind in ("livenessProbe", "readinessProbe")}
    check(f"{label} probes /healthz and /readyz",
          probes["livenessProbe"].get("path") == "/healthz" and probes["readinessProbe"].get("path") == "/readyz"
          and all(p.get("port") == "http" for p in probes.values()), f"probes {probes}")
    cli = CLIHelp.instance
    check(f"{label} serve flags exist", not cli.problems([a for a in args if a.startswith("--") or a == "serve"]),
          cli.problems(args))
    service = (documents.get("Service") or [None])[0]
    if service:
        target = service["spec"]["ports"][0].get("targetPort")
        check(f"{label} Service targets the http port", target in ("http", port.get("containerPort")), f"{target}")
    for monitor in documents.get("ServiceMonitor") or []:
        endpoint = monitor["spec"]["endpoints"][0]
        check(f"{label} ServiceMonitor scrapes /metrics", endpoint.get("path") == "/metrics"
              and endpoint.get("port") == "http", f"{endpoint}")
    for configmap in documents.get("ConfigMap") or []:
        text = (configmap.get("data") or {}).get("argocd-image-pr.yaml")
        if check(f"{label} ConfigMap holds argocd-image-pr.yaml", text is not None, "no such key"):
            check_config_mapping(f"{label} ConfigMap argocd-image-pr.yaml", yaml.safe_load(text), top_keys)
    config_path = args[args.index("--config") + 1] if "--config" in args else ""
    mounts = {m["name"]: m["mountPath"] for m in container.get("volumeMounts", [])}
    check(f"{label} --config lies in the config volume", os.path.dirname(config_path) == mounts.get("config"),
          f"--config {config_path}, mounts {mounts}")
    check(f"{label} runs as non-root", spec.get("securityContext", {}).get("runAsNonRoot") is True, "not set")


def values_paths(values, prefix=""):
    paths = set()
    if isinstance(values, dict):
        for key, value in values.items():
            path = f"{prefix}.{key}" if prefix else key
            paths.add(path)
            paths |= values_paths(value, path)
    return paths


def check_helm(top_keys):
    chart_dir = os.path.join(ROOT, "deploy", "helm", "argocd-image-pr")
    chart = (load(os.path.join(chart_dir, "Chart.yaml")) or [{}])[0]
    check("helm Chart.yaml is apiVersion v2 with name and version",
          chart.get("apiVersion") == "v2" and chart.get("name") and chart.get("version"), f"{chart}")
    values = (load(os.path.join(chart_dir, "values.yaml")) or [{}])[0]
    check_config_mapping("helm values.yaml config", values.get("config"), top_keys)
    known = values_paths(values)
    referenced = set()
    for path in files_under("deploy/helm/argocd-image-pr/templates", (".yaml", ".yml", ".tpl", ".txt")):
        text = open(path, encoding="utf-8").read()
        skip(f"{rel(path)} as YAML", "Helm template; its .Values references are checked instead")
        referenced |= set(re.findall(r"\.Values\.([A-Za-z0-9_.]+)", text))
    missing = sorted(r for r in referenced if r not in known)
    check("helm templates reference only values that exist", referenced and not missing, f"missing: {missing}")
    if shutil.which("helm"):
        result = subprocess.run(["helm", "lint", chart_dir], capture_output=True, text=True, timeout=120)
        check("helm lint", result.returncode == 0, result.stdout[-400:])
    else:
        skip("helm lint", "helm not installed")


def anchors(markdown):
    """GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens."""
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-")
            for h in re.findall(r"^#+\s+(.*)$", markdown, re.M)}


def check_doc_links():
    broken = []
    for path in files_under("docs", (".md",)):
        text = open(path, encoding="utf-8").read()
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue
            file_part, _, anchor = target.partition("#")
            resolved = os.path.normpath(os.path.join(os.path.dirname(path), file_part)) if file_part else path
            if not os.path.exists(resolved):
                broken.append(f"{rel(path)}: {target}")
            elif anchor and resolved.endswith(".md") and anchor not in anchors(open(resolved).read()):
                broken.append(f"{rel(path)}: {target} (no such heading)")
    check("docs links resolve", not broken, broken)


# ---------------------------------------------------------------- external linters


def embedded_scripts():
    """(label, shell, text) of the shell scripts inside action.yml and the GitLab template."""
    scripts = []
    action = yaml.safe_load(open(os.path.join(ROOT, "action.yml"), encoding="utf-8"))
    for index, step in enumerate(action["runs"]["steps"]):
        if "run" in step:
            scripts.append((f"action.yml step {step.get('id', index)}", "bash", step["run"]))
    template = yaml.safe_load(open(os.path.join(ROOT, "templates", "gitlab-ci.yml"), encoding="utf-8"))
    scripts.append(("gitlab-ci.yml script", "sh", "\n".join(template[".argocd-image-pr"]["script"])))
    return scripts


def run_linters(workflows):
    if shutil.which("actionlint"):
        result = subprocess.run(["actionlint", "-no-color"] + workflows, capture_output=True, text=True, cwd=ROOT)
        check("actionlint", result.returncode == 0, (result.stdout + result.stderr)[-1500:])
    else:
        skip("actionlint", "not installed (Debian bookworm has no package; trixie and `go install` do)")
    if shutil.which("shellcheck"):
        result = subprocess.run(["shellcheck", os.path.join(ROOT, "scripts", "check-runtime-packages.sh")],
                                capture_output=True, text=True)
        check("shellcheck scripts/check-runtime-packages.sh", result.returncode == 0, result.stdout[-1500:])
        for label, shell, script in embedded_scripts():
            with tempfile.NamedTemporaryFile("w", suffix=".sh") as handle:
                handle.write(f"#!/bin/{shell}\n{script}\n")
                handle.flush()
                result = subprocess.run(["shellcheck", handle.name], capture_output=True, text=True)
            check(f"shellcheck {label}", result.returncode == 0, result.stdout[-1500:])
    else:
        skip("shellcheck", "not installed (apt-get install shellcheck)")


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "argocd-image-pr")
    if not os.access(binary, os.X_OK):
        print(f"check-deploy-files: {binary}: no such executable (swift build --product argocd-image-pr)")
        print(f"{PASSED} passed, 1 failed")
        return 1
    cli = CLIHelp(binary)
    CLIHelp.instance = cli
    check("CLI --help lists plan, run and serve", {"plan", "run", "serve"} <= set(cli.flags), f"{sorted(cli.flags)}")
    keys, top_keys = configuration_keys()
    check("configuration keys read from ConfigurationReader.swift", len(top_keys) >= 5, f"found {sorted(top_keys)}")

    inputs = check_action(binary, cli)
    workflows = files_under(".github/workflows/examples")
    check("example workflows exist", len(workflows) >= 2, f"found {workflows}")
    for path in workflows:
        documents = load(path)
        if documents:
            check_workflow(path, documents, inputs)
    check_gitlab(binary, cli)
    check_kubernetes(top_keys)
    check_helm(top_keys)
    check_docs(keys)
    check_doc_links()
    run_linters(workflows)
    print(f"{PASSED} passed, {FAILED} failed")
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
