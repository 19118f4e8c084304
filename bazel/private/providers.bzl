"""Providers shared by the go_weave rules."""

GoWeaveArchiveInfo = provider(
    doc = "A compiled (and woven) Go package.",
    fields = {
        "archive": "File: the package archive (.a) holding export data and object code",
        "archives": "depset of File: the archives of this package and everything it links against",
        "export": "File: export data only (.x); dependents compile against it, so body-only changes do not recompile them",
        "importpath": "string: the import path the package was compiled as (-p)",
        "reports": "depset of File: the weave reports of this package and everything it links against (their linkDeps: packages link-package advice links into executables)",
        "x_defs": "postorder depset of (\"importpath.Name\", value): the -X flags this package and its deps ask executables for (later entries win)",
        "transitive": "postorder depset of struct(importpath, archive, export, imports, recompile, covered) for this package and everything it links against (recompile: the compile inputs, for a test binary that compiles the package again against the variant of a package under test; covered: instrumented for bazel coverage, its counters in GoWeaveCoverage)",
    },
)

GoWeaveLibraryInfo = provider(
    doc = "A go_weaved_library's inputs, which a go_weaved_test that embeds it compiles again with its tests.",
    fields = {
        "deps": "list of GoWeaveArchiveInfo: the library's deps",
        "embedsrcs": "list of File: the files its //go:embed patterns may match",
        "importpath": "string: its import path",
        "srcs": "list of File: its Go sources",
        "x_defs": "dict: its x_defs, keys qualified with their import path",
    },
)

GoWeaveStdlibInfo = provider(
    doc = "The standard library and the go-weave runtime module, compiled once per configuration.",
    fields = {
        "build_tags": "list of string: the build's tags (the std action only takes those std's files name; packages take them all)",
        "buildctx": "File: the configuration's build context (GOOS, GOARCH, compiler, cgo, release/tool tags and the tags std takes) from go list, which the weaver selects package files by, with build_tags added",
        "compile": "File: the SDK's compile tool",
        "cover": "File: the SDK's cover tool (bazel coverage instruments packages with it before weaving)",
        "env": "dict: GOOS and GOARCH for the compile and link actions when the build is for another platform than the host",
        "files": "depset: everything an action needs to read the archives",
        "importcfg": "File: packagefile lines for every std and runtime package, execroot-relative",
        "link": "File: the SDK's link tool",
        "pkgs": "File: tree artifact holding <importpath>.a for each package",
        "tools": "depset: the SDK tool files (compile and link need the whole pkg/tool directory)",
    },
)

GoWeaveAspectsInfo = provider(
    doc = "A weaving configuration: aspect files (none means the built-in aspects) and the packages they inject.",
    fields = {
        "deps": "list of GoWeaveArchiveInfo: packages woven code may import besides std and the runtime",
        "files": "list of File: aspect YAML files passed as -c, in order",
    },
)
