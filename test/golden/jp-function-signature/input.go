package shop

import "context"

func Match(ctx context.Context, s string) error { return nil }

func Other(s string) error { return nil }
