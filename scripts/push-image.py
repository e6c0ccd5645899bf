#!/usr/bin/env python3
"""Push a small synthetic image to a registry through the distribution API.

The demo has no Docker daemon, so it writes the config blob, one layer and the manifest
itself. Usage: push-image.py REGISTRY_URL REPOSITORY TAG [--created RFC3339] [--label k=v]...
"""
import argparse
import hashlib
import json
import sys
import urllib.request


def request(method, url, data=None, headers=None):
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    with urllib.request.urlopen(req, timeout=30) as response:
        return response.status, dict(response.headers), response.read()


def push_blob(base, repository, blob):
    digest = "sha256:" + hashlib.sha256(blob).hexdigest()
    _, headers, _ = request("POST", f"{base}/v2/{repository}/blobs/uploads/")
    location = headers["Location"]
    if location.startswith("/"):
        location = base + location
    separator = "&" if "?" in location else "?"
    request("PUT", f"{location}{separator}digest={digest}", data=blob,
            headers={"Content-Type": "application/octet-stream"})
    return digest, len(blob)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("registry")
    parser.add_argument("repository")
    parser.add_argument("tag")
    parser.add_argument("--created", default="2026-01-01T00:00:00Z")
    parser.add_argument("--label", action="append", default=[])
    args = parser.parse_args()
    base = args.registry.rstrip("/")
    labels = dict(item.split("=", 1) for item in args.label)
    layer = f"layer of {args.repository}:{args.tag}".encode()
    layer_digest, layer_size = push_blob(base, args.repository, layer)
    config = json.dumps({
        "architecture": "amd64", "os": "linux", "created": args.created,
        "config": {"Labels": labels},
        "rootfs": {"type": "layers", "diff_ids": [layer_digest]},
    }, sort_keys=True).encode()
    config_digest, config_size = push_blob(base, args.repository, config)
    manifest = json.dumps({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                   "digest": config_digest, "size": config_size},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                    "digest": layer_digest, "size": layer_size}],
    }, sort_keys=True).encode()
    _, headers, _ = request("PUT", f"{base}/v2/{args.repository}/manifests/{args.tag}", data=manifest,
                            headers={"Content-Type": "application/vnd.oci.image.manifest.v1+json"})
    print(f"pushed {args.repository}:{args.tag} {headers.get('Docker-Content-Digest', '')}")


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # one line, like the bot's own errors
        print(f"push-image: {error}", file=sys.stderr)
        sys.exit(1)
