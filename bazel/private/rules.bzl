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
    "srcs": attr.label_list(allow_files = [".go", ".s", ".h"], doc = "The package's sources (one directory): Go, and assembly with its headers."),
    "x_defs": attr.string_dict(
        doc = "`-X` link flags for every executable that links this target: {\"Name\": \"value\"} for a variable of its own package, {\"importpath.Name\": \"value\"} for any; with stamping, {KEY} in a value is the workspace status's KEY.",
    ),
}

def _instrumented(ctx):
    """Which files bazel coverage may instrument: the Go srcs here and in deps and embeds."""
    return coverage_common.instrumented_files_info(
        ctx,
        source_attributes = ["srcs"],
        dependency_attributes = ["deps", "embed"],
        extensions = ["go"],
    )

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

def _package(ctx, importpath):
    """The package a target compiles, with what the libraries it embeds bring.

    Its own srcs, deps, embedsrcs and x_defs are joined by those of the go_weaved_library targets
    it embeds, which must share its import path.

    Args:
      ctx: the rule context (srcs, deps, embedsrcs, x_defs, embed).
      importpath: the target's own import path, or "" to take the embedded libraries'.

    Returns:
      struct(importpath, srcs, deps, embedsrcs, x_defs).
    """
    libs = [(t.label, t[GoWeaveLibraryInfo]) for t in getattr(ctx.attr, "embed", [])]
    for label, lib in libs:
        if importpath and lib.importpath != importpath:
            fail("%s: importpath %s differs from that of the embedded %s (%s)" % (ctx.label, importpath, label, lib.importpath))
        importpath = lib.importpath
    files = {}
    for f in [f for _, lib in libs for f in lib.srcs] + ctx.files.srcs:
        files[f.path] = f
    x_defs = {}
    for _, lib in libs:
        x_defs.update(lib.x_defs)
    x_defs.update(ctx.attr.x_defs)
    return struct(
        deps = [d for _, lib in libs for d in lib.deps] + [dep[GoWeaveArchiveInfo] for dep in ctx.attr.deps],
        embedsrcs = [f for _, lib in libs for f in lib.embedsrcs] + ctx.files.embedsrcs,
        importpath = importpath,
        srcs = files.values(),
        x_defs = x_defs,
    )

def _go_weaved_library_impl(ctx):
    _check_aspect_targets(ctx)
    pkg = _package(ctx, ctx.attr.importpath)
    info, extra = compile_package(ctx, ctx.attr.importpath, pkg)
    return [
        info,
        GoWeaveLibraryInfo(
            deps = pkg.deps,
            embedsrcs = pkg.embedsrcs,
            importpath = ctx.attr.importpath,
            srcs = pkg.srcs,
            x_defs = pkg.x_defs,
        ),
        DefaultInfo(files = depset([info.archive]), runfiles = _runfiles(ctx, ctx.attr.deps)),
        OutputGroupInfo(woven = depset(extra)),
        _instrumented(ctx),
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

    # The embedded library's x_defs name its variables by its import path or bare; here its
    # package compiles as main.
    pkg = _package(ctx, "")
    x_defs = {}
    for key, value in pkg.x_defs.items():
        if pkg.importpath and key.startswith(pkg.importpath + "."):
            key = key[len(pkg.importpath) + 1:]
        x_defs[key] = value
    main, extra = compile_package(ctx, "main", struct(deps = pkg.deps, embedsrcs = pkg.embedsrcs, srcs = pkg.srcs, x_defs = x_defs), executable = True)
    exe = link_binary(ctx, main)
    return [
        DefaultInfo(executable = exe, files = depset([exe]), runfiles = _runfiles(ctx, ctx.attr.deps + ctx.attr.embed)),
        OutputGroupInfo(woven = depset(extra)),
        _instrumented(ctx),
    ]

_EMBED_ATTR = attr.label_list(
    providers = [GoWeaveLibraryInfo],
    doc = "go_weaved_library targets whose srcs, deps, embedsrcs and x_defs join this target's own (for a binary: its package main, compiled as main).",
)

_BINARY_ATTRS = dict(_PACKAGE_ATTRS, **COMPILE_ATTRS)
_BINARY_ATTRS.update(LINK_ATTRS)
_BINARY_ATTRS["embed"] = _EMBED_ATTR

go_weaved_binary = rule(
    implementation = _go_weaved_binary_impl,
    doc = "A Go main package, woven and linked with the go-weave runtime.",
    attrs = dict(_BINARY_ATTRS, **PLATFORM_ATTRS),
    cfg = platform_transition,
    executable = True,
)

def _go_weaved_test_impl(ctx):
    _check_aspect_targets(ctx)
    pkg = _package(ctx, ctx.attr.importpath)
    importpath = pkg.importpath
    if not importpath:
        fail("%s: set importpath, or embed the go_weaved_library under test" % ctx.label)
    srcs = package_srcs(ctx, pkg.srcs)
    embedsrcs = pkg.embedsrcs
    aspects = resolve_aspects(ctx)

    # Where the package's files sit in the runfiles tree, which bazel test starts the binary in.
    package_dir = rlocation(ctx, srcs[0]).rpartition("/")[0]

    # One weave splits the sources into the package with its internal tests and the external
    # test package (their package clauses tell), and writes the test binary's main.
    direct = pkg.deps + aspects.deps

    # bazel coverage: the package under test is instrumented when the library it embeds is
    # (or, without one, the test target itself); the main reports every instrumented package.
    covered = ctx.configuration.coverage_enabled and (
        [t for t in ctx.attr.embed if ctx.coverage_instrumented(t)] if ctx.attr.embed else ctx.coverage_instrumented()
    )
    cover_args = []
    if ctx.configuration.coverage_enabled:
        closure = depset(transitive = [d.transitive for d in direct]).to_list()
        reported = sorted({e.importpath: True for e in closure if e.covered and e.importpath != importpath}.keys())
        for p in reported + ([importpath] if covered else []):
            cover_args += ["--cover-package", p]
    woven, report = weave_action(ctx, "weave-test", importpath, srcs, aspects, ["--package-dir", package_dir] + cover_args, linked_reports(direct), cover = bool(covered))
    embed = embed_action(ctx, srcs, embedsrcs, woven)
    internal = compile_action(ctx, ctx.label.name + ".internal", importpath, srcs, woven, woven.path + "/internal", "some", direct, embed, x_defs = {qualified_x_def(importpath, k): v for k, v in pkg.x_defs.items()})

    # As go test does, what imports the package under test is compiled again against the
    # variant with the internal tests (export_test.go helpers, test-only state), so the binary
    # links one version of it.
    variants = test_variants(ctx, internal, direct)
    external = compile_action(ctx, ctx.label.name + ".external", importpath + "_test", srcs, woven, woven.path + "/external", "some", direct + [internal], embed, overrides = variants)
    main = compile_action(ctx, ctx.label.name + ".main", "main", [], woven, woven.path + "/main", "some", direct + [internal, external], None, sees_all = True, overrides = variants)
    exe = link_binary(ctx, main, variants)
    runfiles = _runfiles(ctx, ctx.attr.deps + ctx.attr.embed)
    return [
        DefaultInfo(executable = exe, files = depset([exe]), runfiles = runfiles),
        OutputGroupInfo(woven = depset([woven, report])),
        _instrumented(ctx),
    ]

# bazel coverage runs this merger after the test (collect_coverage.sh's $LCOV_MERGER). Bazel 6 and
# later name it through the coverage fragment, resolved only under bazel coverage; Bazel 4 has
# no such fragment, and resolves its coverage tools for every test anyway.
_LCOV_MERGER = configuration_field(fragment = "coverage", name = "output_generator") if hasattr(native, "module_name") else Label("@bazel_tools//tools/test:lcov_merger")

_TEST_ATTRS = dict(_BINARY_ATTRS)
_TEST_ATTRS["_lcov_merger"] = attr.label(default = _LCOV_MERGER, executable = True, cfg = "exec")
_TEST_ATTRS["importpath"] = attr.string(doc = "The import path of the package under test (default: the embedded library's).")
_TEST_ATTRS["embed"] = attr.label_list(
    providers = [GoWeaveLibraryInfo],
    doc = "The go_weaved_library under test: its srcs, deps, embedsrcs and x_defs join the test's own.",
)
_TEST_ATTRS["data"] = attr.label_list(allow_files = True, doc = "Files the tests read at run time (testdata/), in their runfiles, beside those of what they link.")
_TEST_ATTRS["srcs"] = attr.label_list(
    allow_files = [".go", ".s", ".h"],
    doc = "The test files (package p and p_test), and the package's sources unless `embed` brings them; one directory.",
)

go_weaved_test = rule(
    implementation = _go_weaved_test_impl,
    doc = "A Go package's tests (go test's test binary), woven like the package and linked with the go-weave runtime; run by `bazel test`.",
    attrs = _TEST_ATTRS,
    test = True,
)
