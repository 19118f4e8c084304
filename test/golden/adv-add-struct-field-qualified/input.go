package jobs

type Job struct{}
