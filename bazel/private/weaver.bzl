"""go_weave_weaver: an executable that runs the bundled weaver with a pinned or local node."""

def rlocation(ctx, f):
    """The runfiles path of a file: `<repo>/<path>`, for the main repository too."""
    if f.short_path.startswith("../"):
        return f.short_path[3:]
    return ctx.workspace_name + "/" + f.short_path

def _bundle_rlocation(ctx):
    for f in ctx.files.bundle:
        if f.basename == "go-weave.cjs":
            return rlocation(ctx, f)

    # Until the bundle is built the launcher falls back to copying sources unchanged.
    repo = ctx.label.workspace_name or ctx.workspace_name
    return repo + "/dist/weaver/go-weave.cjs"

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
            "export GOWEAVE_BUNDLE_RLOCATION='%s'" % _bundle_rlocation(ctx),
            "exec \"$RUNFILES_DIR/%s\" \"$RUNFILES_DIR/%s\" \"$@\"" % (
                rlocation(ctx, ctx.file.node),
                rlocation(ctx, ctx.file.launcher),
            ),
            "",
        ]),
    )
    runfiles = ctx.runfiles(files = [ctx.file.node, ctx.file.launcher] + ctx.files.bundle)
    return [DefaultInfo(executable = script, files = depset([script]), runfiles = runfiles)]

go_weave_weaver = rule(
    implementation = _go_weave_weaver_impl,
    doc = "The weaver command line (`weave ...`), runnable inside sandboxed actions.",
    attrs = {
        "bundle": attr.label(allow_files = True, doc = "dist/weaver: go-weave.cjs with its wasm files and aspects/."),
        "launcher": attr.label(allow_single_file = [".cjs"]),
        "node": attr.label(allow_single_file = True),
    },
    executable = True,
)
