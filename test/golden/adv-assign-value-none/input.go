package conf

var Port int

var Other int = 1
