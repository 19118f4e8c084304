"""go_weaved_library and go_weaved_binary."""

load(":compile.bzl", "COMPILE_ATTRS", "LINK_ATTRS", "compile_package", "link_binary")
load(":providers.bzl", "GoWeaveArchiveInfo", "GoWeaveAspectsInfo")

_PACKAGE_ATTRS = {
    "aspects": attr.label_list(
        allow_files = [".yml", ".yaml"],
        doc = "Aspect files or go_weave_aspects targets; empty means the configured default (built-in aspects).",
    ),
    "deps": attr.label_list(providers = [GoWeaveArchiveInfo], doc = "Go packages this package imports."),
    "embedsrcs": attr.label_list(allow_files = True, doc = "Files that //go:embed directives may match."),
    "srcs": attr.label_list(allow_files = [".go"], doc = "The package's Go sources (one directory)."),
}

def _check_aspect_targets(ctx):
    for target in ctx.attr.aspects:
        if GoWeaveAspectsInfo not in target and not target.files.to_list():
            fail("%s: aspects entry %s provides no aspect files" % (ctx.label, target.label))

def _go_weaved_library_impl(ctx):
    _check_aspect_targets(ctx)
    info, extra = compile_package(ctx, ctx.attr.importpath)
    return [
        info,
        DefaultInfo(files = depset([info.archive])),
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
    main, extra = compile_package(ctx, "main")
    exe = link_binary(ctx, main)
    return [
        DefaultInfo(executable = exe, files = depset([exe])),
        OutputGroupInfo(woven = depset(extra)),
    ]

_BINARY_ATTRS = dict(_PACKAGE_ATTRS, **COMPILE_ATTRS)
_BINARY_ATTRS.update(LINK_ATTRS)
_BINARY_ATTRS["x_defs"] = attr.string_dict(doc = "`-X` link flags: {\"importpath.Name\": \"value\"}.")

go_weaved_binary = rule(
    implementation = _go_weaved_binary_impl,
    doc = "A Go main package, woven and linked with the go-weave runtime.",
    attrs = _BINARY_ATTRS,
    executable = True,
)
