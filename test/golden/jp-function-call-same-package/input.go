package lib

func Get() int { return 1 }

func Use() int { return Get() }
