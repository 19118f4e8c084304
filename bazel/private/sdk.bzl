"""Repository rule for the Go SDK: a pinned download or a local GOROOT."""

load("//bazel:versions.bzl", "DEFAULT_GO_BASE_URL", "DEFAULT_GO_VERSION", "GO_VERSIONS")
load(":platform.bzl", "host_platform", "pick_archive")

# Only what actions read is linked: the std sources, the compile/link tools and headers.
_SDK_ENTRIES = ["bin", "src", "pkg", "VERSION", "go.env"]

def _host_goroot(rctx):
    env_root = rctx.os.environ.get("GOROOT", "")
    if env_root:
        return env_root
    go = rctx.which("go")
    if go == None:
        fail("go_weave_go_sdk: goroot = \"host\" but no `go` on PATH and GOROOT is unset; " +
             "set go_sdk_path to a GOROOT or pin go_version")
    res = rctx.execute([go, "env", "GOROOT"], environment = {"GOTOOLCHAIN": "local"})
    if res.return_code != 0:
        fail("go_weave_go_sdk: `%s env GOROOT` failed: %s" % (go, res.stderr))
    return res.stdout.strip()

def _link_local(rctx, goroot):
    root = rctx.path(goroot)
    if not root.get_child("bin").get_child("go").exists:
        fail("go_weave_go_sdk: %s is not a GOROOT (expected %s/bin/go)" % (goroot, goroot))
    for entry in _SDK_ENTRIES:
        child = root.get_child(entry)
        if child.exists:
            rctx.symlink(child, entry)

def _download(rctx, platform):
    archive, sha256 = pick_archive("Go SDK", GO_VERSIONS, rctx.attr.version, platform, rctx.attr.sdks)
    base = rctx.attr.base_url
    if not base.endswith("/"):
        base += "/"
    rctx.report_progress("downloading Go %s for %s" % (rctx.attr.version, platform))
    rctx.download_and_extract(
        url = base + archive,
        sha256 = sha256,
        stripPrefix = "go",
    )

# The //go:build lines of the SDK's sources but testdata, one of each (std and cmd: a superset does no harm).
_CONSTRAINT_LINES = "grep -rh --include=*.go --include=*.s --exclude-dir=testdata '^//go:build ' src/ | sort -u"

def _std_tags(rctx):
    """The identifiers the SDK's build constraints name, or None when they cannot be read."""
    res = rctx.execute(["/bin/sh", "-c", _CONSTRAINT_LINES], environment = {"LC_ALL": "C"}, quiet = True)
    if res.return_code != 0 or not res.stdout:
        return None
    names = {}
    for line in res.stdout.splitlines():
        expr = line[len("//go:build "):]
        for op in ["!", "(", ")", "&", "|"]:
            expr = expr.replace(op, " ")
        for word in expr.replace("\t", " ").split(" "):
            if word:
                names[word] = True
    return sorted(names.keys())

def _go_sdk_impl(rctx):
    platform = host_platform(rctx)
    if rctx.attr.goroot:
        goroot = _host_goroot(rctx) if rctx.attr.goroot == "host" else rctx.attr.goroot
        _link_local(rctx, goroot)
    else:
        _download(rctx, platform)
    version = rctx.read("VERSION").splitlines()[0].strip() if rctx.path("VERSION").exists else ""
    if not version.startswith("go1."):
        fail("go_weave_go_sdk: cannot read the Go version from %s/VERSION" % rctx.path("."))
    goos, goarch = platform.split("_")
    std_tags = _std_tags(rctx)

    # "@//…" when go_weave is the main repository, where str() leaves the repository out.
    settings_bzl = str(Label("//bazel/private:settings.bzl"))
    if settings_bzl.startswith("//"):
        settings_bzl = "@" + settings_bzl
    rctx.template("BUILD.bazel", rctx.attr._build_tpl, substitutions = {
        "{goarch}": goarch,
        "{goos}": goos,
        "{settings_bzl}": settings_bzl,
        "{std_tags_known}": repr(std_tags != None),
        "{std_tags}": repr(std_tags or []),
        "{version}": version,
    })

go_weave_go_sdk = repository_rule(
    implementation = _go_sdk_impl,
    doc = "A Go SDK for go_weave actions: pinned by version and sha256, or linked from a local GOROOT.",
    attrs = {
        "base_url": attr.string(default = DEFAULT_GO_BASE_URL, doc = "Where archives are fetched from (archive name appended)."),
        "goroot": attr.string(doc = "A local GOROOT to link instead of downloading; \"host\" finds it via GOROOT or `go` on PATH."),
        "sdks": attr.string_list_dict(doc = "Per platform [archive, sha256], overriding the pinned table."),
        "version": attr.string(default = DEFAULT_GO_VERSION, doc = "Go version to download when goroot is empty."),
        "_build_tpl": attr.label(default = Label("//bazel/private:BUILD.sdk.tpl")),
    },
    environ = ["GOROOT", "PATH"],
    local = True,
)
