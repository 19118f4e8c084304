"""Public API of the go_weave Bazel rules."""

load("//bazel/private:aspects.bzl", _go_weave_aspects = "go_weave_aspects")
load("//bazel/private:providers.bzl", _GoWeaveArchiveInfo = "GoWeaveArchiveInfo", _GoWeaveAspectsInfo = "GoWeaveAspectsInfo")
load("//bazel/private:rules.bzl", _go_weaved_binary = "go_weaved_binary", _go_weaved_library = "go_weaved_library", _go_weaved_test = "go_weaved_test")

go_weaved_library = _go_weaved_library
go_weaved_binary = _go_weaved_binary
go_weaved_test = _go_weaved_test
go_weave_aspects = _go_weave_aspects
GoWeaveArchiveInfo = _GoWeaveArchiveInfo
GoWeaveAspectsInfo = _GoWeaveAspectsInfo
