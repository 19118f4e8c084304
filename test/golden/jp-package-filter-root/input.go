package store

func Run() {}
