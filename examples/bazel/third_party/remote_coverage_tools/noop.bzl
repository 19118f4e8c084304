"""An executable that does nothing (sh_binary would need @rules_cc, which offline Bazel 4 lacks too)."""

def _noop_binary_impl(ctx):
    out = ctx.actions.declare_file(ctx.label.name)
    ctx.actions.symlink(output = out, target_file = ctx.file.src, is_executable = True)
    return [DefaultInfo(executable = out)]

noop_binary = rule(
    implementation = _noop_binary_impl,
    attrs = {"src": attr.label(allow_single_file = True)},
    executable = True,
)
