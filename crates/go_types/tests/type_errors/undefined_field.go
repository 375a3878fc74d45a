package p

type User struct {
	Name  string
	Email string
}

func greet(u User) string {
	return "hello " + u.FullName
}

func mail(u *User) string {
	return u.Adress
}
