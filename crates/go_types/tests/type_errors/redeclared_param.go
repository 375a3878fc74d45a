package p

func f(a int, a string) {}

func g() (err error, err2 error) {
	var err error
	return err, nil
}
