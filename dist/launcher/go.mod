module go-weave.dev/launcher

// Built on the user's machine by whatever Go they build with: keep the go line low.
go 1.21
