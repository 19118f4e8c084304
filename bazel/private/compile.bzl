"""Actions for one package: weave, embedcfg, compile; and the link of a binary."""

load(":aspects.bzl", "resolve_aspects")
load(":providers.bzl", "GoWeaveArchiveInfo", "GoWeaveStdlibInfo")
load(":settings.bzl", "GoWeaveStampInfo")

# The file in a weave action's output directory that lists, one base name per line, the srcs
# that build constraints leave out (bazel/private/launcher/main.ts writes it).
EXCLUDED_LIST = "goweave-excluded.txt"

def _packagefile(entry):
    return "packagefile %s=%s" % (entry.importpath, entry.archive.path)

def _packagefile_export(entry):
    return "packagefile %s=%s" % (entry.importpath, entry.export.path)

def _write_importcfg(ctx, name, entries, map_each):
    """Writes packagefile lines for deps; std and runtime lines are prepended inside the action."""
    out = ctx.actions.declare_file(name)
    args = ctx.actions.args()
    args.set_param_file_format("multiline")
    args.add_all(entries, map_each = map_each, uniquify = True)
    ctx.actions.write(out, args)
    return out

def _short_dir(f):
    parts = f.short_path.split("/")
    return "/".join(parts[:-1])

def embed_action(ctx, srcs, embedsrcs, woven):
    """Resolves the //go:embed patterns of srcs against embedsrcs.

    Args:
      ctx: the rule context (_embedcfg, _node).
      srcs: the package's Go sources.
      embedsrcs: the files the patterns may match.
      woven: the weaver's output directory, whose EXCLUDED_LIST names the srcs that build
        constraints leave out (their patterns do not count).

    Returns:
      struct(cfg: the embedcfg File the compiler reads, files: embedsrcs), or None without embedsrcs.
    """
    if not embedsrcs:
        return None
    srcs = go_files(srcs)
    out = ctx.actions.declare_file(ctx.label.name + ".embedcfg")
    args = ctx.actions.args()
    args.add(ctx.file._embedcfg)
    args.add(out)
    args.add(_short_dir(srcs[0]))
    args.add(woven.path + "/" + EXCLUDED_LIST)
    args.add_all(srcs)
    args.add("--")
    args.add_all([f.short_path + "=" + f.path for f in embedsrcs])
    ctx.actions.run(
        executable = ctx.executable._node,
        arguments = [args],
        inputs = srcs + embedsrcs + [ctx.file._embedcfg, woven],
        outputs = [out],
        mnemonic = "GoWeaveEmbedcfg",
        progress_message = "Resolving //go:embed patterns of %s" % ctx.label,
    )
    return struct(cfg = out, files = embedsrcs)

def go_files(srcs):
    """The Go files among a package's sources (the others are assembly sources and headers)."""
    return [f for f in srcs if f.extension == "go"]

def package_srcs(ctx, srcs):
    """A package's sources, checked: a Go file at least, and all in one directory.

    Args:
      ctx: the rule context.
      srcs: the source Files (.go, and .s and .h for assembly).

    Returns:
      srcs.
    """
    if not go_files(srcs):
        fail("%s: srcs has no .go file; a Go package needs at least one" % ctx.label)
    for f in srcs[1:]:
        if f.dirname != srcs[0].dirname:
            fail("%s: all srcs of one package must be in one directory (%s vs %s)" % (ctx.label, srcs[0].short_path, f.short_path))
    return srcs

def weave_action(ctx, command, importpath, srcs, aspects, extra_args = [], link_deps_from = None, cover = False):
    """Runs the weaver's `command` on srcs into <name>.woven/, with its report <name>.weave.json.

    Args:
      ctx: the rule context (COMPILE_ATTRS).
      command: `weave` or `weave-test`.
      importpath: the package's import path.
      srcs: the package's sources (Go, assembly, headers).
      aspects: resolve_aspects(ctx).
      extra_args: flags for the command.
      link_deps_from: for the package of an executable, a depset of the weave reports of
        everything it links: their linkDeps go into a file of blank imports the weaver adds.
      cover: instrument the package's non-test files for bazel coverage before weaving them.

    Returns:
      (the woven directory, the report File).
    """
    woven = ctx.actions.declare_directory(ctx.label.name + ".woven")
    report = ctx.actions.declare_file(ctx.label.name + ".weave.json")
    weave_args = ctx.actions.args()
    weave_args.add(command)
    weave_args.add_all(extra_args)
    stdlib = ctx.attr._stdlib[GoWeaveStdlibInfo]
    buildctx = stdlib.buildctx
    inputs = srcs + aspects.files + [buildctx]
    if cover:
        weave_args.add("--cover", stdlib.cover)
        inputs.append(stdlib.cover)
    if link_deps_from != None:
        weave_args.add_all(link_deps_from, before_each = "--link-deps-from")
        inputs = depset(inputs, transitive = [link_deps_from])
    weave_args.add_all(aspects.files, before_each = "-c")
    weave_args.add("--build-context", buildctx)
    weave_args.add_all(stdlib.build_tags, before_each = "--tag")
    weave_args.add("-p", importpath)
    weave_args.add("-o", woven.path)
    weave_args.add("--report", report)

    # Assembly sources: the weaver lists those the build context selects, for compile.sh.
    weave_args.add_all([f for f in srcs if f.extension == "s"], before_each = "--asm")
    weave_args.add_all(go_files(srcs))
    ctx.actions.run(
        executable = ctx.attr._weaver[DefaultInfo].files_to_run,
        arguments = [weave_args],
        inputs = inputs,
        outputs = [woven, report],
        mnemonic = "GoWeave",
        progress_message = "Weaving %s" % ctx.label,
    )
    return woven, report

def compile_package(ctx, importpath, pkg, executable = False):
    """Weaves and compiles one package.

    Args:
      ctx: the rule context (aspects and COMPILE_ATTRS).
      importpath: the package path passed to the weaver and the compiler (-p).
      pkg: struct(srcs, deps: GoWeaveArchiveInfo list, embedsrcs, x_defs: as written) of the package.
      executable: the main package of a binary, which imports what link-package advice links.

    Returns:
      (GoWeaveArchiveInfo, [woven sources directory, weave report]).
    """
    srcs = package_srcs(ctx, pkg.srcs)
    aspects = resolve_aspects(ctx)
    direct = pkg.deps + aspects.deps
    flags = ["--main-module"] + (["--link-deps-into", "zz_goweave_linkdeps.go"] if executable else [])

    # bazel coverage instruments the libraries its --instrumentation_filter selects; only a
    # test binary reports the counters.
    covered = not executable and ctx.configuration.coverage_enabled and ctx.coverage_instrumented()
    woven, report = weave_action(ctx, "weave", importpath, srcs, aspects, flags, linked_reports(direct) if executable else None, cover = covered)
    embed = embed_action(ctx, srcs, pkg.embedsrcs, woven)
    x_defs = {qualified_x_def(importpath, k): v for k, v in pkg.x_defs.items()}
    info = compile_action(ctx, ctx.label.name, importpath, srcs, woven, woven.path, "all", direct, embed, report, executable, x_defs = x_defs, covered = covered)
    return info, [woven, report]

def qualified_x_def(importpath, key):
    """An x_defs key as -X takes it: a bare variable name belongs to the target's own package."""
    return key if "." in key else importpath + "." + key

def linked_reports(direct):
    """The weave reports of every package that direct links in."""
    return depset(transitive = [d.reports for d in direct])

def compile_action(ctx, name, importpath, srcs, woven, woven_dir, mode, direct, embed, report = None, sees_all = False, overrides = {}, x_defs = {}, covered = False):
    """Compiles one package from the weaver's output.

    Args:
      ctx: the rule context (COMPILE_ATTRS).
      name: the base name of the outputs (<name>.a, <name>.x, <name>.importcfg).
      importpath: the package path (-p).
      srcs: the original sources; unchanged ones are compiled from there.
      woven: the weaver's output directory (an input of the action).
      woven_dir: the path in it that holds this package's files.
      mode: "all" (every src belongs to the package) or "some" (compile.sh).
      direct: GoWeaveArchiveInfo of the imports.
      embed: embed_action's result, or None.
      report: the package's weave report, or None.
      sees_all: the package may import anything direct links in (the blank imports of an
        executable's link-package advice), not only direct itself.
      overrides: {importpath: package entry} compiled against instead of direct's (a test
        binary's variants of the package under test and of what imports it).
      x_defs: {"importpath.Name": value} this package asks every executable that links it for.
      covered: the weaver instrumented the package for bazel coverage (GoWeaveCoverage).

    Returns:
      GoWeaveArchiveInfo.
    """
    visible = depset(transitive = [d.transitive for d in direct]).to_list() if sees_all else direct
    visible = [overrides.get(v.importpath, v) for v in visible]
    recompile = struct(
        embedcfg = embed.cfg if embed else None,
        embedfiles = tuple(embed.files) if embed else (),
        mode = mode,
        srcs = tuple(srcs),
        woven = woven,
        woven_dir = woven_dir,
    )
    archive, export = _compile(ctx, name, importpath, recompile, visible)
    return GoWeaveArchiveInfo(
        archive = archive,
        archives = depset([archive], transitive = [d.archives for d in direct]),
        export = export,
        importpath = importpath,
        reports = depset([report] if report else [], transitive = [d.reports for d in direct]),
        # Postorder: a package's own values come after (and so win over) its deps'.
        x_defs = depset(sorted(x_defs.items()), transitive = [d.x_defs for d in direct], order = "postorder"),
        transitive = depset(
            [_entry(importpath, archive, export, [d.importpath for d in direct], recompile, covered)],
            transitive = [d.transitive for d in direct],
            order = "postorder",
        ),
    )

def _entry(importpath, archive, export, imports, recompile, covered = False):
    """A package in GoWeaveArchiveInfo.transitive: what links it, and what compiles it again."""
    return struct(
        archive = archive,
        covered = covered,
        export = export,
        importpath = importpath,
        imports = tuple(imports),
        recompile = recompile,
    )

def _compile(ctx, name, importpath, inputs, visible):
    """Runs compile.sh for one package.

    Args:
      ctx: the rule context (COMPILE_ATTRS).
      name: the base name of the outputs.
      importpath: the package path (-p).
      inputs: struct(srcs, woven, woven_dir, mode, embedcfg, embedfiles).
      visible: package entries (importpath, export) the package may import.

    Returns:
      (archive, export) Files.
    """
    stdlib = ctx.attr._stdlib[GoWeaveStdlibInfo]
    deps_cfg = _write_importcfg(ctx, name + ".importcfg", visible, _packagefile_export)
    archive = ctx.actions.declare_file(name + ".a")
    export = ctx.actions.declare_file(name + ".x")
    args = ctx.actions.args()
    args.add(stdlib.compile)
    args.add(stdlib.importcfg)
    args.add(deps_cfg)
    args.add(export)
    args.add(archive)
    args.add(importpath)
    args.add(inputs.embedcfg.path if inputs.embedcfg else "")
    args.add(inputs.woven_dir)
    args.add(inputs.mode)
    args.add_all(inputs.srcs)
    files = [inputs.woven, deps_cfg] + list(inputs.srcs) + [v.export for v in visible]
    if inputs.embedcfg:
        files += [inputs.embedcfg] + list(inputs.embedfiles)
    ctx.actions.run(
        executable = ctx.executable._compile_sh,
        arguments = [args],
        inputs = depset(files, transitive = [stdlib.files, stdlib.tools]),
        outputs = [export, archive],
        env = stdlib.env,
        mnemonic = "GoWeaveCompile",
        progress_message = "Compiling Go package %s (%s)" % (importpath, ctx.label),
    )
    return archive, export

def test_variants(ctx, internal, direct):
    """The packages a test binary compiles again, as go test does.

    Each package in direct's closure that imports the package under test, directly or not, is
    compiled again against the variant with the internal tests.

    Args:
      ctx: the rule context (COMPILE_ATTRS).
      internal: GoWeaveArchiveInfo of the package with its internal tests.
      direct: GoWeaveArchiveInfo of the test's other imports.

    Returns:
      {importpath: package entry}: internal and every package compiled again.
    """
    overrides = {internal.importpath: _entry(internal.importpath, internal.archive, internal.export, [], None)}
    closure = depset(transitive = [d.transitive for d in direct], order = "postorder").to_list()

    # Postorder: a package comes after everything it imports, so one pass sees each import's fate.
    for pkg in closure:
        if pkg.importpath in overrides or not [i for i in pkg.imports if i in overrides]:
            continue
        visible = [overrides.get(v.importpath, v) for v in closure]
        name = "%s.variants/%s" % (ctx.label.name, pkg.importpath)
        archive, export = _compile(ctx, name, pkg.importpath, pkg.recompile, visible)
        overrides[pkg.importpath] = _entry(pkg.importpath, archive, export, pkg.imports, pkg.recompile, pkg.covered)
    return overrides

def link_binary(ctx, main, overrides = {}):
    """Links the main archive with every transitive package into an executable.

    Args:
      ctx: the rule context (stamp, COMPILE_ATTRS and LINK_ATTRS).
      main: GoWeaveArchiveInfo of the main package.
      overrides: {importpath: package entry} linked instead of the one main's deps carry.

    Returns:
      The executable File.
    """
    stdlib = ctx.attr._stdlib[GoWeaveStdlibInfo]
    linked = main.transitive
    archives = main.archives
    if overrides:
        entries = {}
        for pkg in main.transitive.to_list():
            entries[pkg.importpath] = overrides.get(pkg.importpath, pkg)
        linked = entries.values()

        # Not main.archives: the versions replaced must not make the binary relink when they change.
        archives = depset([main.archive] + [e.archive for e in linked])
    deps_cfg = _write_importcfg(ctx, ctx.label.name + ".link.importcfg", linked, _packagefile)
    out = ctx.actions.declare_file(ctx.label.name + (".exe" if stdlib.env.get("GOOS") == "windows" else ""))
    args = ctx.actions.args()
    args.add(stdlib.link)
    args.add(stdlib.importcfg)
    args.add(deps_cfg)
    args.add(out)
    args.add(main.archive)
    inputs = [deps_cfg]
    stamp = ctx.attr.stamp == 1 or (ctx.attr.stamp == -1 and ctx.attr._stamp[GoWeaveStampInfo].stamp)
    if stamp:
        # link.sh expands {KEY} from these (unstamped, it leaves out an -X naming a KEY); Bazel
        # reruns the link when the stable one changes.
        args.add("--stamp", ctx.info_file)
        args.add(ctx.version_file)
        inputs += [ctx.info_file, ctx.version_file]

    # The target's own x_defs are in main.x_defs already, last (they were compiled with its
    # package), so they win over its deps'.
    x_defs = {}
    for key, value in main.x_defs.to_list():
        x_defs[key] = value
    for key in sorted(x_defs.keys()):
        args.add("-X", "%s=%s" % (key, x_defs[key]))
    ctx.actions.run(
        executable = ctx.executable._link_sh,
        arguments = [args],
        inputs = depset(inputs, transitive = [stdlib.files, stdlib.tools, archives]),
        outputs = [out],
        env = stdlib.env,
        mnemonic = "GoWeaveLink",
        progress_message = "Linking %s" % ctx.label,
    )
    return out

COMPILE_ATTRS = {
    "_compile_sh": attr.label(default = Label("//bazel/private:compile.sh"), executable = True, cfg = "exec", allow_single_file = True),
    "_default_aspects": attr.label(default = Label("//bazel:default_aspects")),
    "_embedcfg": attr.label(default = Label("//bazel/private:embedcfg.cjs"), allow_single_file = True),
    "_node": attr.label(default = Label("@go_weave_nodejs//:bin/node"), executable = True, cfg = "exec", allow_single_file = True),
    "_stdlib": attr.label(default = Label("//bazel:stdlib"), providers = [GoWeaveStdlibInfo]),
    "_weaver": attr.label(default = Label("//bazel/private:weaver"), executable = True, cfg = "exec"),
}

LINK_ATTRS = {
    "stamp": attr.int(
        default = -1,
        values = [-1, 0, 1],
        doc = "Expand {KEY} in x_defs from the workspace status: 1 always, 0 never, -1 with bazel build --stamp.",
    ),
    "_stamp": attr.label(default = Label("//bazel:stamp"), providers = [GoWeaveStampInfo]),
    "_link_sh": attr.label(default = Label("//bazel/private:link.sh"), executable = True, cfg = "exec", allow_single_file = True),
}
