package p

type T [len(T{})]int
