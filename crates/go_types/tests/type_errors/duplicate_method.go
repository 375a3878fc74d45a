package p

type T struct{ Name string }

func (t T) Get() string { return "" }
func (t *T) Get() string { return "" }
func (t T) Name() string { return "" }
