module go-weave.dev/runtime

go 1.25
