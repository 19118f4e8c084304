"""WORKSPACE macros for go_weave (Bazel 4.x and WORKSPACE mode of later versions)."""

load("//bazel/private:node.bzl", "go_weave_nodejs")
load("//bazel/private:sdk.bzl", "go_weave_go_sdk")
load(":versions.bzl", "DEFAULT_GO_BASE_URL", "DEFAULT_GO_VERSION", "DEFAULT_NODE_BASE_URL", "DEFAULT_NODE_VERSION")

def go_weave_dependencies(
        go_version = DEFAULT_GO_VERSION,
        go_sdk_path = "",
        go_sdks = {},
        go_base_url = DEFAULT_GO_BASE_URL,
        node_version = DEFAULT_NODE_VERSION,
        node_path = "",
        node_archives = {},
        node_base_url = DEFAULT_NODE_BASE_URL):
    """Declares @go_weave_go_sdk and @go_weave_nodejs unless the workspace already has them.

    Args:
      go_version: Go release to download (a row of versions.bzl unless go_sdks pins it).
      go_sdk_path: a local GOROOT instead of a download; "host" finds it via GOROOT or `go` on PATH.
      go_sdks: {platform: [archive, sha256]} overriding the pinned table.
      go_base_url: where Go archives are fetched from.
      node_version: Node.js release to download.
      node_path: a local node binary instead of a download; "host" finds `node` on PATH.
      node_archives: {platform: [archive path, sha256, top directory]} overriding the pinned table.
      node_base_url: where Node.js archives are fetched from.
    """
    existing = native.existing_rules()
    if "go_weave_go_sdk" not in existing:
        go_weave_go_sdk(
            name = "go_weave_go_sdk",
            base_url = go_base_url,
            goroot = go_sdk_path,
            sdks = go_sdks,
            version = go_version,
        )
    if "go_weave_nodejs" not in existing:
        go_weave_nodejs(
            name = "go_weave_nodejs",
            archives = node_archives,
            base_url = node_base_url,
            node_path = node_path,
            version = node_version,
        )
