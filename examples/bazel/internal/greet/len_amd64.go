package greet

// nameLen is len(s), in assembly (len_amd64.s): the rules assemble a package's .s files for
// the platforms their names and build constraints allow.
func nameLen(s string) int
