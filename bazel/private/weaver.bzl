"""go_weave_weaver: an executable that runs the bundled weaver with a pinned or local node."""

def rlocation(ctx, f):
    """The runfiles path of a file: `<repo>/<path>`, for the main repository too."""
    if f.short_path.startswith("../"):
        return f.short_path[3:]
    return ctx.workspace_name + "/" + f.short_path

def _assets_rlocation(ctx):
    for f in ctx.files.assets:
        if f.basename == "tree-sitter-go.wasm":
            return rlocation(ctx, f)[:-len("/tree-sitter-go.wasm")]
    fail("%s: assets holds no tree-sitter-go.wasm; build the weaver bundle (npm run build)" % ctx.label)

def _go_weave_weaver_impl(ctx):
    script = ctx.actions.declare_file(ctx.label.name)
    ctx.actions.write(
        output = script,
        is_executable = True,
        content = "\n".join([
            "#!/bin/sh",
            "# Build actions get neither RUNFILES_DIR nor PATH: the runfiles tree sits beside this script.",
            "if [ -z \"${RUNFILES_DIR:-}\" ]; then",
            "  case \"$0\" in",
            "    /*) RUNFILES_DIR=\"$0.runfiles\" ;;",
            "    *) RUNFILES_DIR=\"$PWD/$0.runfiles\" ;;",
            "  esac",
            "fi",
            "export RUNFILES_DIR",
            "export GOWEAVE_ASSETS_RLOCATION='%s'" % _assets_rlocation(ctx),
            "exec \"$RUNFILES_DIR/%s\" \"$RUNFILES_DIR/%s\" \"$@\"" % (
                rlocation(ctx, ctx.file.node),
                rlocation(ctx, ctx.file.launcher),
            ),
            "",
        ]),
    )
    runfiles = ctx.runfiles(files = [ctx.file.node, ctx.file.launcher] + ctx.files.assets)
    return [DefaultInfo(executable = script, files = depset([script]), runfiles = runfiles)]

go_weave_weaver = rule(
    implementation = _go_weave_weaver_impl,
    doc = "The weaver command line (`weave ...`), runnable inside sandboxed actions.",
    attrs = {
        "assets": attr.label(allow_files = True, doc = "dist/weaver: the grammar wasm files and built-in aspects/."),
        "launcher": attr.label(allow_single_file = [".cjs"], doc = "weaver_launcher.cjs: the weaving core bundled for actions."),
        "node": attr.label(allow_single_file = True),
    },
    executable = True,
)
