module go-weave.dev/runtime

// As low as the code allows: a woven module whose go line is older gets it
// raised in go-weave's go.mod copy, which changes its language version and its
// GODEBUG defaults. The code itself needs a Go 1.25 or newer toolchain.
go 1.18
