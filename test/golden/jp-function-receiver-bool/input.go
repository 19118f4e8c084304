package shop

type T struct{}

func (T) M()  {}
func F()      {}
