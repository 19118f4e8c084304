"""go_weave_stdlib: the standard library (woven where aspects target it) and the runtime module."""

load(":providers.bzl", "GoWeaveAspectsInfo", "GoWeaveStdlibInfo")
load(":settings.bzl", "GoWeaveStdTagsInfo", "GoWeaveTagsInfo", "GoWeaveTargetInfo", "PLATFORM_CONSTRAINT_ATTRS", "platform_goos_goarch", "std_build_tags")

def _tool(files, name):
    for f in files:
        if f.basename == name and "/pkg/tool/" in f.path:
            return f
    fail("go_weave_stdlib: the Go SDK has no pkg/tool/*/%s" % name)

def _go_weave_stdlib_impl(ctx):
    sdk_files = ctx.files._sdk
    tools = ctx.files._sdk_tools
    version = ctx.file._sdk_version
    gomod = ctx.file._runtime_gomod
    aspects = ctx.attr.aspects[GoWeaveAspectsInfo]
    pkgs = ctx.actions.declare_directory(ctx.label.name + "_pkgs")
    importcfg = ctx.actions.declare_file(ctx.label.name + ".importcfg")
    buildctx = ctx.actions.declare_file(ctx.label.name + ".buildctx")
    tags = ctx.attr.build_tags[GoWeaveTagsInfo].tags
    std_tags = std_build_tags(tags, ctx.attr._std_tags[GoWeaveStdTagsInfo])

    # The flags (or a binary's goos/goarch, through its transition) win over --platforms.
    platform_goos, platform_goarch = platform_goos_goarch(ctx)
    goos = ctx.attr.goos[GoWeaveTargetInfo].value or platform_goos
    goarch = ctx.attr.goarch[GoWeaveTargetInfo].value or platform_goarch

    # The compile and link tools build for the platform these name, as under the go command.
    env = {k: v for k, v in [("GOOS", goos), ("GOARCH", goarch)] if v}

    args = ctx.actions.args()
    args.add(version.dirname)
    args.add(gomod.dirname)
    args.add(pkgs.path)
    args.add(importcfg)
    args.add(buildctx)
    args.add(",".join(std_tags))
    args.add(goos)
    args.add(goarch)
    args.add(ctx.executable._weaver.path if ctx.attr.weave else "")
    args.add_all(ctx.attr.skip, before_each = "--skip")
    args.add_all(aspects.files)

    ctx.actions.run(
        executable = ctx.executable._script,
        arguments = [args],
        inputs = depset(sdk_files + ctx.files._runtime + aspects.files),
        tools = [ctx.attr._weaver[DefaultInfo].files_to_run] if ctx.attr.weave else [],
        outputs = [pkgs, importcfg, buildctx],
        mnemonic = "GoWeaveStdlib",
        progress_message = "Compiling the Go standard library and go-weave runtime (%s)" % ctx.label,
    )
    files = depset([pkgs, importcfg])
    return [
        GoWeaveStdlibInfo(
            build_tags = tags,
            buildctx = buildctx,
            compile = _tool(tools, "compile"),
            cover = _tool(tools, "cover"),
            env = env,
            files = files,
            importcfg = importcfg,
            link = _tool(tools, "link"),
            pkgs = pkgs,
            tools = depset(tools),
        ),
        DefaultInfo(files = files),
    ]

go_weave_stdlib = rule(
    implementation = _go_weave_stdlib_impl,
    doc = "Compiles std and go-weave.dev/runtime once per configuration; every go_weaved_* target links against it.",
    attrs = dict(PLATFORM_CONSTRAINT_ATTRS, **{
        "aspects": attr.label(mandatory = True, providers = [GoWeaveAspectsInfo]),
        "goarch": attr.label(default = Label("//bazel:goarch"), providers = [GoWeaveTargetInfo], doc = "The go_weave_target flag naming GOARCH."),
        "goos": attr.label(default = Label("//bazel:goos"), providers = [GoWeaveTargetInfo], doc = "The go_weave_target flag naming GOOS."),
        "build_tags": attr.label(default = Label("//bazel:tags"), providers = [GoWeaveTagsInfo], doc = "The go_weave_tags flag: build tags for std and every package."),
        "skip": attr.string_list(doc = "Std packages never woven, even when an aspect matches them."),
        "weave": attr.bool(default = True, doc = "Weave the std packages the aspects may touch before compiling."),
        "_runtime": attr.label(default = Label("//:runtime_srcs"), allow_files = True),
        "_runtime_gomod": attr.label(default = Label("//:dist/runtime/go.mod"), allow_single_file = True),
        "_script": attr.label(default = Label("//bazel/private:stdlib.sh"), executable = True, cfg = "exec", allow_single_file = True),
        "_sdk": attr.label(default = Label("@go_weave_go_sdk//:files"), allow_files = True),
        "_sdk_tools": attr.label(default = Label("@go_weave_go_sdk//:tools"), allow_files = True),
        "_sdk_version": attr.label(default = Label("@go_weave_go_sdk//:VERSION"), allow_single_file = True),
        "_std_tags": attr.label(default = Label("@go_weave_go_sdk//:std_tags"), providers = [GoWeaveStdTagsInfo]),
        "_weaver": attr.label(default = Label("//bazel/private:weaver"), executable = True, cfg = "exec"),
    }),
)
