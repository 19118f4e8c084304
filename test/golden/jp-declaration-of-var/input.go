package db

var Limit = 10

var Other = 1
