package p

import "encoding/json"

type Item struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

func decode(b []byte) (Item, error) {
	var it Item
	err := json.Unmarshal(b, it)
	return &it, err
}

func encode(it Item) string {
	b, _ := json.Marshal(it)
	return b
}
