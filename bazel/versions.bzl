"""Pinned toolchain versions: archive names and sha256 per platform.

Platforms are named `<os>_<arch>` with Go's spelling (linux_amd64, darwin_arm64).
Add a row here (or pass `go_sdks`/`node_archives` to the repository rules) to pin another release.
"""

DEFAULT_GO_VERSION = "1.26.8"

DEFAULT_GO_BASE_URL = "https://go.dev/dl/"

GO_VERSIONS = {
    "1.25.9": {
        "linux_amd64": ("go1.25.9.linux-amd64.tar.gz", "00859d7bd6defe8bf84d9db9e57b9a4467b2887c18cd93ae7460e713db774bc1"),
    },
    "1.26.8": {
        "linux_amd64": ("go1.26.8.linux-amd64.tar.gz", "d0f743b33e8d8945e6b1f432edd15785c70507121d6e2a723b21285eddf8b57b"),
        "linux_arm64": ("go1.26.8.linux-arm64.tar.gz", "211ffced9dcb9633a55eac6364816ec0ddd951389a740e88fa8b3337971bdda0"),
    },
}

DEFAULT_NODE_VERSION = "20.20.2"

DEFAULT_NODE_BASE_URL = "https://nodejs.org/dist/"

# Values: (archive path below the base URL, sha256, directory inside the archive).
NODE_VERSIONS = {
    "20.20.2": {
        "linux_amd64": ("v20.20.2/node-v20.20.2-linux-x64.tar.gz", "19e56f0825510207dd904f087fe52faa0a4eb6b2aab5f0ea7a33830d04888b8b", "node-v20.20.2-linux-x64"),
    },
}
