"""Host platform detection for repository rules (4.2.3 has no rctx.os.arch)."""

_ARCHES = {
    "aarch64": "arm64",
    "amd64": "amd64",
    "arm64": "arm64",
    "x86_64": "amd64",
}

def host_platform(rctx):
    """Detects the host platform.

    Args:
      rctx: the repository context.

    Returns:
      `<goos>_<goarch>`, e.g. linux_amd64.
    """
    os_name = rctx.os.name.lower()
    if os_name.startswith("linux"):
        goos = "linux"
    elif os_name.startswith("mac"):
        goos = "darwin"
    else:
        fail("go_weave: unsupported host OS %r (supported: linux, macOS)" % rctx.os.name)
    res = rctx.execute(["uname", "-m"])
    if res.return_code != 0:
        fail("go_weave: `uname -m` failed: " + res.stderr)
    machine = res.stdout.strip()
    if machine not in _ARCHES:
        fail("go_weave: unsupported host CPU %r (supported: %s)" % (machine, ", ".join(sorted(_ARCHES.keys()))))
    return goos + "_" + _ARCHES[machine]

def pick_archive(kind, table, version, platform, overrides):
    """Looks a pinned archive up, explicit overrides first, failing with what is known.

    Args:
      kind: what is looked up, for error messages ("Go SDK").
      table: {version: {platform: tuple}} from versions.bzl.
      version: the requested version.
      platform: the host platform from host_platform().
      overrides: {platform: list} given by the user, preferred over the table.

    Returns:
      The table row (archive, sha256, ...).
    """
    if platform in overrides:
        return overrides[platform]
    if version not in table:
        fail("go_weave: no pinned %s %s; known versions: %s (or pass the archive and sha256 for %s explicitly)" % (
            kind,
            version,
            ", ".join(sorted(table.keys())),
            platform,
        ))
    per_platform = table[version]
    if platform not in per_platform:
        fail("go_weave: %s %s is not pinned for %s; pinned platforms: %s" % (
            kind,
            version,
            platform,
            ", ".join(sorted(per_platform.keys())),
        ))
    return per_platform[platform]
