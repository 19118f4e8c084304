"""go_weaved_library, go_weaved_binary and go_weaved_test."""

load(":aspects.bzl", "resolve_aspects")
load(":compile.bzl", "COMPILE_ATTRS", "LINK_ATTRS", "compile_action", "compile_package", "embed_action", "link_binary", "linked_reports", "package_srcs", "qualified_x_def", "test_variants", "weave_action")
load(":providers.bzl", "GoWeaveArchiveInfo", "GoWeaveAspectsInfo", "GoWeaveLibraryInfo")
load(":settings.bzl", "PLATFORM_ATTRS", "platform_transition")
load(":weaver.bzl", "rlocation")

_PACKAGE_ATTRS = {
    "aspects": attr.label_list(
        allow_files = [".yml", ".yaml"],
        doc = "Aspect files or go_weave_aspects targets; empty means the configured default (built-in aspects).",
    ),
    "data": attr.label_list(
        allow_files = True,
        doc = "Files the program reads at run time: in the runfiles of every executable that links this package.",
    ),
    "deps": attr.label_list(providers = [GoWeaveArchiveInfo], doc = "Go packages this package imports."),
    "embedsrcs": attr.label_list(allow_files = True, doc = "Files that //go:embed directives may match."),
    "srcs": attr.label_list(allow_files = [".go"], doc = "The package's Go sources (one directory)."),
    "x_defs": attr.string_dict(
        doc = "`-X` link flags for every executable that links this target: {\"Name\": \"value\"} for a variable of its own package, {\"importpath.Name\": \"value\"} for any; with stamping, {KEY} in a value is the workspace status's KEY.",
    ),
}

def _check_aspect_targets(ctx):
    for target in ctx.attr.aspects:
        if GoWeaveAspectsInfo not in target and not target.files.to_list():
            fail("%s: aspects entry %s provides no aspect files" % (ctx.label, target.label))

def _runfiles(ctx, targets):
    """This target's data and the runfiles of targets (deps, data) it builds on."""
    runfiles = ctx.runfiles(files = ctx.files.data)
    for t in ctx.attr.data + targets:
        runfiles = runfiles.merge(t[DefaultInfo].default_runfiles)
    return runfiles

def _go_weaved_library_impl(ctx):
    _check_aspect_targets(ctx)
    info, extra = compile_package(ctx, ctx.attr.importpath)
    return [
        info,
        GoWeaveLibraryInfo(
            deps = [dep[GoWeaveArchiveInfo] for dep in ctx.attr.deps],
            embedsrcs = ctx.files.embedsrcs,
            importpath = ctx.attr.importpath,
            srcs = ctx.files.srcs,
            x_defs = {qualified_x_def(ctx.attr.importpath, k): v for k, v in ctx.attr.x_defs.items()},
        ),
        DefaultInfo(files = depset([info.archive]), runfiles = _runfiles(ctx, ctx.attr.deps)),
        OutputGroupInfo(woven = depset(extra)),
    ]

go_weaved_library = rule(
    implementation = _go_weaved_library_impl,
    doc = "A Go package whose sources pass through the weaver before `go tool compile`.",
    attrs = dict(
        _PACKAGE_ATTRS,
        importpath = attr.string(mandatory = True, doc = "The package's import path."),
        **COMPILE_ATTRS
    ),
)

def _go_weaved_binary_impl(ctx):
    _check_aspect_targets(ctx)
    main, extra = compile_package(ctx, "main", executable = True)
    exe = link_binary(ctx, main)
    return [
        DefaultInfo(executable = exe, files = depset([exe]), runfiles = _runfiles(ctx, ctx.attr.deps)),
        OutputGroupInfo(woven = depset(extra)),
    ]

_BINARY_ATTRS = dict(_PACKAGE_ATTRS, **COMPILE_ATTRS)
_BINARY_ATTRS.update(LINK_ATTRS)

go_weaved_binary = rule(
    implementation = _go_weaved_binary_impl,
    doc = "A Go main package, woven and linked with the go-weave runtime.",
    attrs = dict(_BINARY_ATTRS, **PLATFORM_ATTRS),
    cfg = platform_transition,
    executable = True,
)

def _go_weaved_test_impl(ctx):
    _check_aspect_targets(ctx)
    lib = ctx.attr.embed[GoWeaveLibraryInfo] if ctx.attr.embed else None
    importpath = ctx.attr.importpath
    if lib and importpath and importpath != lib.importpath:
        fail("%s: importpath %s differs from that of the embedded %s (%s)" % (ctx.label, importpath, ctx.attr.embed.label, lib.importpath))
    if not importpath:
        if not lib:
            fail("%s: set importpath, or embed the go_weaved_library under test" % ctx.label)
        importpath = lib.importpath
    files = {}
    for f in (lib.srcs if lib else []) + ctx.files.srcs:
        files[f.path] = f
    srcs = package_srcs(ctx, files.values())
    embedsrcs = (lib.embedsrcs if lib else []) + ctx.files.embedsrcs
    aspects = resolve_aspects(ctx)

    # Where the package's files sit in the runfiles tree, which bazel test starts the binary in.
    package_dir = rlocation(ctx, srcs[0]).rpartition("/")[0]

    # One weave splits the sources into the package with its internal tests and the external
    # test package (their package clauses tell), and writes the test binary's main.
    direct = (lib.deps if lib else []) + [dep[GoWeaveArchiveInfo] for dep in ctx.attr.deps] + aspects.deps
    woven, report = weave_action(ctx, "weave-test", importpath, srcs, aspects, ["--package-dir", package_dir], linked_reports(direct))
    embed = embed_action(ctx, srcs, embedsrcs, woven)
    internal = compile_action(ctx, ctx.label.name + ".internal", importpath, srcs, woven, woven.path + "/internal", "some", direct, embed, x_defs = lib.x_defs if lib else {})

    # As go test does, what imports the package under test is compiled again against the
    # variant with the internal tests (export_test.go helpers, test-only state), so the binary
    # links one version of it.
    variants = test_variants(ctx, internal, direct)
    external = compile_action(ctx, ctx.label.name + ".external", importpath + "_test", srcs, woven, woven.path + "/external", "some", direct + [internal], embed, overrides = variants)
    main = compile_action(ctx, ctx.label.name + ".main", "main", [], woven, woven.path + "/main", "some", direct + [internal, external], None, sees_all = True, overrides = variants)
    exe = link_binary(ctx, main, variants, package = importpath)
    runfiles = _runfiles(ctx, ctx.attr.deps + ([ctx.attr.embed] if ctx.attr.embed else []))
    return [
        DefaultInfo(executable = exe, files = depset([exe]), runfiles = runfiles),
        OutputGroupInfo(woven = depset([woven, report])),
    ]

_TEST_ATTRS = dict(_BINARY_ATTRS)
_TEST_ATTRS["importpath"] = attr.string(doc = "The import path of the package under test (default: the embedded library's).")
_TEST_ATTRS["embed"] = attr.label(
    providers = [GoWeaveLibraryInfo],
    doc = "The go_weaved_library under test: its srcs, embedsrcs and deps join the test's own.",
)
_TEST_ATTRS["data"] = attr.label_list(allow_files = True, doc = "Files the tests read at run time (testdata/), in their runfiles, beside those of what they link.")
_TEST_ATTRS["srcs"] = attr.label_list(
    allow_files = [".go"],
    doc = "The test files (package p and p_test), and the package's sources unless `embed` brings them; one directory.",
)

go_weaved_test = rule(
    implementation = _go_weaved_test_impl,
    doc = "A Go package's tests (go test's test binary), woven like the package and linked with the go-weave runtime; run by `bazel test`.",
    attrs = _TEST_ATTRS,
    test = True,
)
