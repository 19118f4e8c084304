/** go-weave's release: `go-weave version`, and the base of the runtime module's served version. */
export const GO_WEAVE_VERSION = '0.1.0';
