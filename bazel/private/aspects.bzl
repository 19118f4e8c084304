"""go_weave_aspects: a named set of aspect files plus the packages their advice imports."""

load(":providers.bzl", "GoWeaveArchiveInfo", "GoWeaveAspectsInfo")

def _go_weave_aspects_impl(ctx):
    return [
        GoWeaveAspectsInfo(
            deps = [dep[GoWeaveArchiveInfo] for dep in ctx.attr.deps],
            files = ctx.files.srcs,
        ),
        DefaultInfo(files = depset(ctx.files.srcs)),
    ]

go_weave_aspects = rule(
    implementation = _go_weave_aspects_impl,
    doc = "Aspect files for the weaver. With no srcs it stands for the weaver's built-in aspects.",
    attrs = {
        "deps": attr.label_list(
            providers = [GoWeaveArchiveInfo],
            doc = "Libraries that woven code imports (beyond std and go-weave.dev/runtime); they become implicit deps.",
        ),
        "srcs": attr.label_list(allow_files = [".yml", ".yaml"], doc = "Aspect YAML files, passed to the weaver as -c in order."),
    },
)

def resolve_aspects(ctx):
    """The aspect files and injected deps for a target: its `aspects`, else the configured default set.

    Args:
      ctx: the rule context of a go_weaved_* target.

    Returns:
      GoWeaveAspectsInfo; an empty `files` list means the weaver's built-in aspects.
    """
    if not ctx.attr.aspects:
        return ctx.attr._default_aspects[GoWeaveAspectsInfo]
    files = []
    deps = []
    for target in ctx.attr.aspects:
        if GoWeaveAspectsInfo in target:
            info = target[GoWeaveAspectsInfo]
            files.extend(info.files)
            deps.extend(info.deps)
        else:
            files.extend(target.files.to_list())
    return GoWeaveAspectsInfo(deps = deps, files = files)
