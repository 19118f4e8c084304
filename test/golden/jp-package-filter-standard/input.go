package flagish

func Run() {}
