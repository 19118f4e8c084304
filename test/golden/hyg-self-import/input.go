package lib

var Count int

func Helper() {}
