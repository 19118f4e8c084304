package lib

func A() {}
