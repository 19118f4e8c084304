"""Command-line settings of every go_weave compile in a configuration: build tags and target."""

GoWeaveTagsInfo = provider(
    doc = "Build tags set on the command line.",
    fields = {"tags": "list of string: the tags, as -tags takes them"},
)

GoWeaveStdTagsInfo = provider(
    doc = "The identifiers the SDK's build constraints name: the build tags that can change what std compiles.",
    fields = {
        "known": "bool: whether the SDK could be read (when not, every tag counts)",
        "tags": "dict of string to True",
    },
)

def _go_weave_std_tags_impl(ctx):
    return [GoWeaveStdTagsInfo(known = ctx.attr.known, tags = {t: True for t in ctx.attr.names})]

go_weave_std_tags = rule(
    implementation = _go_weave_std_tags_impl,
    doc = "Written by go_weave_go_sdk into the SDK's repository, from the sources' //go:build lines.",
    attrs = {
        "known": attr.bool(default = True),
        "names": attr.string_list(doc = "The identifiers of the //go:build lines."),
    },
)

def std_build_tags(tags, std):
    """The build tags of a build that can change the standard library's files.

    Any other tag selects the same std files, so leaving it out of the standard library's action
    keeps that action (the longest of a build) as it was: a build with tags of its own reuses it.

    Args:
      tags: list of string: the build's tags.
      std: GoWeaveStdTagsInfo of the SDK.

    Returns:
      list of string.
    """
    return [t for t in tags if not std.known or t in std.tags]

GoWeaveTargetInfo = provider(
    doc = "One half of the target platform set on the command line.",
    fields = {"value": "string: a GOOS or GOARCH; empty for the host's"},
)

def _check_word(label, kind, word):
    for c in word.elems():
        if not (c.isalnum() or c in "_."):
            fail("--%s: %r is not a %s (letters, digits, _ and . only)" % (label, word, kind))

def _go_weave_tags_impl(ctx):
    tags = []
    for value in ctx.build_setting_value:
        for tag in value.split(","):
            tag = tag.strip()
            if not tag:
                continue
            _check_word(ctx.label, "build tag", tag)
            if tag not in tags:
                tags.append(tag)
    return [GoWeaveTagsInfo(tags = tags)]

go_weave_tags = rule(
    implementation = _go_weave_tags_impl,
    doc = "A string_list flag of build tags: --@go_weave//bazel:tags=netgo,mytag.",
    build_setting = config.string_list(flag = True),
)

def _go_weave_target_impl(ctx):
    value = ctx.build_setting_value
    if value:
        _check_word(ctx.label, "Go platform word", value)
    return [GoWeaveTargetInfo(value = value)]

go_weave_target = rule(
    implementation = _go_weave_target_impl,
    doc = "A string flag naming the GOOS or GOARCH to build for: --@go_weave//bazel:goarch=arm64. Empty: the host's.",
    build_setting = config.string(flag = True),
)

# The target platform's constraints (bazel build --platforms=…) as GOOS and GOARCH, for a build
# whose goos/goarch flags are empty. Only values every Bazel's @platforms has (4.2.3's included).
PLATFORM_CONSTRAINTS = [
    ("goos", "android", "@platforms//os:android"),
    ("goos", "darwin", "@platforms//os:macos"),
    ("goos", "darwin", "@platforms//os:osx"),
    ("goos", "freebsd", "@platforms//os:freebsd"),
    ("goos", "ios", "@platforms//os:ios"),
    ("goos", "linux", "@platforms//os:linux"),
    ("goos", "openbsd", "@platforms//os:openbsd"),
    ("goos", "windows", "@platforms//os:windows"),
    ("goarch", "386", "@platforms//cpu:i386"),
    ("goarch", "386", "@platforms//cpu:x86_32"),
    ("goarch", "amd64", "@platforms//cpu:x86_64"),
    ("goarch", "arm", "@platforms//cpu:arm"),
    ("goarch", "arm", "@platforms//cpu:armv7"),
    ("goarch", "arm64", "@platforms//cpu:aarch64"),
    ("goarch", "arm64", "@platforms//cpu:arm64"),
    ("goarch", "mips64", "@platforms//cpu:mips64"),
    ("goarch", "ppc64le", "@platforms//cpu:ppc"),
    ("goarch", "riscv64", "@platforms//cpu:riscv64"),
    ("goarch", "s390x", "@platforms//cpu:s390x"),
]

PLATFORM_CONSTRAINT_ATTRS = {
    "_platform_constraints": attr.label_list(
        default = [c for _, _, c in PLATFORM_CONSTRAINTS],
        providers = [platform_common.ConstraintValueInfo],
    ),
}

def platform_goos_goarch(ctx):
    """The GOOS and GOARCH the target platform's constraints name ("" for one they leave open).

    Args:
      ctx: a rule context with PLATFORM_CONSTRAINT_ATTRS.

    Returns:
      (goos, goarch).
    """
    found = {"goarch": "", "goos": ""}
    for (kind, value, _), target in zip(PLATFORM_CONSTRAINTS, ctx.attr._platform_constraints):
        if not found[kind] and ctx.target_platform_has_constraint(target[platform_common.ConstraintValueInfo]):
            found[kind] = value
    return found["goos"], found["goarch"]

_GOOS = str(Label("//bazel:goos"))
_GOARCH = str(Label("//bazel:goarch"))

def _platform_transition_impl(settings, attr):
    return {
        _GOARCH: attr.goarch or settings[_GOARCH],
        _GOOS: attr.goos or settings[_GOOS],
    }

# A target's own goos/goarch attributes override the flags for it and everything it builds from.
platform_transition = transition(
    implementation = _platform_transition_impl,
    inputs = [_GOOS, _GOARCH],
    outputs = [_GOOS, _GOARCH],
)

PLATFORM_ATTRS = {
    "goarch": attr.string(doc = "Build this executable, and what it links, for this GOARCH (default: the goarch flag, else the host's)."),
    "goos": attr.string(doc = "Build this executable, and what it links, for this GOOS (default: the goos flag, else the host's)."),
    "_allowlist_function_transition": attr.label(default = "@bazel_tools//tools/allowlists/function_transition_allowlist"),
}

GoWeaveStampInfo = provider(
    doc = "Whether the build stamps (bazel build --stamp).",
    fields = {"stamp": "bool"},
)

def _go_weave_stamp_impl(ctx):
    return [GoWeaveStampInfo(stamp = ctx.attr.stamp)]

# Rules read --stamp through this target: //bazel:stamp selects on a config_setting of the flag.
go_weave_stamp = rule(
    implementation = _go_weave_stamp_impl,
    attrs = {"stamp": attr.bool()},
)
