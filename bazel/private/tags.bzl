"""go_weave_tags: the build tags (go build -tags) every go_weave compile of a configuration uses."""

GoWeaveTagsInfo = provider(
    doc = "Build tags set on the command line.",
    fields = {"tags": "list of string: the tags, as -tags takes them"},
)

def _go_weave_tags_impl(ctx):
    tags = []
    for value in ctx.build_setting_value:
        for tag in value.split(","):
            tag = tag.strip()
            if not tag:
                continue
            for c in tag.elems():
                if not (c.isalnum() or c in "_."):
                    fail("--%s: %r is not a build tag (letters, digits, _ and . only)" % (ctx.label, tag))
            if tag not in tags:
                tags.append(tag)
    return [GoWeaveTagsInfo(tags = tags)]

go_weave_tags = rule(
    implementation = _go_weave_tags_impl,
    doc = "A string_list flag of build tags: --@go_weave//bazel:tags=netgo,mytag.",
    build_setting = config.string_list(flag = True),
)
