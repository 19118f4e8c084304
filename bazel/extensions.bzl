"""Bzlmod module extension for go_weave (Bazel >= 7). WORKSPACE users load repositories.bzl."""

load("//bazel/private:node.bzl", "go_weave_nodejs")
load("//bazel/private:sdk.bzl", "go_weave_go_sdk")
load(":versions.bzl", "DEFAULT_GO_BASE_URL", "DEFAULT_GO_VERSION", "DEFAULT_NODE_BASE_URL", "DEFAULT_NODE_VERSION")

_go_sdk = tag_class(
    doc = "The Go SDK: a pinned download (version, sdks, base_url) or a local GOROOT (path; \"host\" detects it).",
    attrs = {
        "base_url": attr.string(default = DEFAULT_GO_BASE_URL),
        "path": attr.string(),
        "sdks": attr.string_list_dict(),
        "version": attr.string(default = DEFAULT_GO_VERSION),
    },
)

_nodejs = tag_class(
    doc = "Node.js for the weaver: a pinned download (version, archives, base_url) or a local binary (path; \"host\").",
    attrs = {
        "archives": attr.string_list_dict(),
        "base_url": attr.string(default = DEFAULT_NODE_BASE_URL),
        "path": attr.string(),
        "version": attr.string(default = DEFAULT_NODE_VERSION),
    },
)

def _pick(module_ctx, tag_name):
    """The root module's tag wins; otherwise the first module (in BFS order) that sets one."""
    for mod in module_ctx.modules:
        tags = getattr(mod.tags, tag_name)
        if len(tags) > 1:
            fail("go_weave.%s: module %s sets it %d times; set it once" % (tag_name, mod.name, len(tags)))
        if tags:
            return tags[0]
    return None

def _go_weave_impl(module_ctx):
    sdk = _pick(module_ctx, "go_sdk")
    go_weave_go_sdk(
        name = "go_weave_go_sdk",
        base_url = sdk.base_url if sdk else DEFAULT_GO_BASE_URL,
        goroot = sdk.path if sdk else "",
        sdks = sdk.sdks if sdk else {},
        version = sdk.version if sdk else DEFAULT_GO_VERSION,
    )
    node = _pick(module_ctx, "nodejs")
    go_weave_nodejs(
        name = "go_weave_nodejs",
        archives = node.archives if node else {},
        base_url = node.base_url if node else DEFAULT_NODE_BASE_URL,
        node_path = node.path if node else "",
        version = node.version if node else DEFAULT_NODE_VERSION,
    )

go_weave = module_extension(
    implementation = _go_weave_impl,
    tag_classes = {
        "go_sdk": _go_sdk,
        "nodejs": _nodejs,
    },
)
