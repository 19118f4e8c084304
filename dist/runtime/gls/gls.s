// This file is intentionally empty. Its presence tells the go command not to
// pass -complete to the compiler, which then accepts the declarations in
// gls.go whose bodies the woven runtime supplies.
